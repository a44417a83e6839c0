-- inboxlint on save in Neovim (0.7 or later): lint the Markdown template
-- you just wrote and put the findings in the quickfix list.
-- Put this in ~/.config/nvim/init.lua (or a file it requires); inboxlint
-- must be on PATH.
local group = vim.api.nvim_create_augroup("inboxlint", { clear = true })

vim.api.nvim_create_autocmd("FileType", {
  group = group,
  pattern = "markdown",
  callback = function()
    -- file:line:col: severity: message (rule), the column in bytes (the
    -- vim format) as %c reads it, so the cursor lands on the finding's
    -- character after é, —, an emoji or a double-width character alike.
    vim.bo.makeprg = "inboxlint lint --format vim %"
    vim.bo.errorformat = "%f:%l:%c: %t%*[^:]: %m"
  end,
})

vim.api.nvim_create_autocmd("BufWritePost", {
  group = group,
  pattern = { "*.md", "*.markdown" },
  command = "silent make! | cwindow",
})
