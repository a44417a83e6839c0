-- inboxlint's language server in Neovim 0.7 (vim.lsp.start_client): one
-- server per repository, shared by every Markdown buffer in it. Put this
-- in ~/.config/nvim/init.lua; inboxlint must be on PATH.
local clients = {} -- root directory → client id

-- The repository that holds the buffer's file (the nearest .git above
-- it), else the working directory.
local function root_of(buf)
  local name = vim.api.nvim_buf_get_name(buf)
  local dir = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.fn.getcwd()
  local git = vim.fn.finddir(".git", dir .. ";")
  if git ~= "" then return vim.fn.fnamemodify(git, ":p:h:h") end
  git = vim.fn.findfile(".git", dir .. ";") -- a worktree's .git file
  if git ~= "" then return vim.fn.fnamemodify(git, ":p:h") end
  return vim.fn.getcwd()
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "markdown",
  callback = function(args)
    local root = root_of(args.buf)
    local id = clients[root]
    if not (id and vim.lsp.get_client_by_id(id)) then
      id = vim.lsp.start_client({ name = "inboxlint", cmd = { "inboxlint", "lsp" }, root_dir = root })
      clients[root] = id
    end
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})
