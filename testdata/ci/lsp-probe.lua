-- Driven by .ci/lsp-test.sh: Neovim's own LSP client (vim.lsp, 0.7's
-- start_client) runs `inboxlint lsp` on the open template, the way an
-- lspconfig setup would. Records, as JSON in $PROBE_OUT/<step>.json, the
-- diagnostics Neovim shows: line and character column of each, worked out
-- by Neovim from the server's UTF-16 ranges and the buffer's text.
local out = os.getenv("PROBE_OUT")
local buf = vim.api.nvim_get_current_buf()

local function dump(step)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ""
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, {
      line = d.lnum + 1,
      char = vim.fn.charidx(line, d.col) + 1,
      end_char = vim.fn.charidx(line, d.end_col) + 1,
      severity = d.severity,
      code = d.code or lsp.code,
      source = d.source,
    })
  end
  local f = assert(io.open(out .. "/" .. step .. ".json", "w"))
  f:write(vim.fn.json_encode(list))
  f:close()
end

local client = vim.lsp.start_client({
  name = "inboxlint",
  cmd = { "inboxlint", "lsp" },
  root_dir = vim.fn.getcwd(),
})
assert(client, "the client did not start")
vim.lsp.buf_attach_client(buf, client)

-- opened: the server lints the buffer and publishes its findings
vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
dump("open")

-- an unsaved edit that removes the placeholder: the findings follow it
vim.api.nvim_buf_set_lines(buf, 5, 6, false,
  { "Hi 😀 our head of analytics walks through the model — on Thursday. Can I save you a seat?" })
vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
dump("edited")

vim.lsp.stop_client(client)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client) == nil end, 20)
vim.cmd("qa!")
