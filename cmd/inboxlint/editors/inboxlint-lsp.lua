-- inboxlint's language server in Neovim 0.8 or later: vim.lsp.start
-- reuses the running client of the same name and root_dir, so every
-- Markdown buffer of a repository shares one server.
vim.api.nvim_create_autocmd("FileType", {
  pattern = "markdown",
  callback = function(args)
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ":p:h")
    local git = vim.fn.finddir(".git", dir .. ";")
    vim.lsp.start({
      name = "inboxlint",
      cmd = { "inboxlint", "lsp" },
      root_dir = git ~= "" and vim.fn.fnamemodify(git, ":p:h:h") or vim.fn.getcwd(),
    })
  end,
})
