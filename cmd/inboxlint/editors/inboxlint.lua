-- inboxlint on save in Neovim (0.7 or later): lint the Markdown template
-- you just wrote and put the findings in the quickfix list.
-- Put this in ~/.config/nvim/init.lua (or a file it requires); inboxlint
-- must be on PATH.
local group = vim.api.nvim_create_augroup("inboxlint", { clear = true })

vim.api.nvim_create_autocmd("FileType", {
  group = group,
  pattern = "markdown",
  callback = function()
    -- file:line:col: severity: message (rule). inboxlint counts columns in
    -- characters; %v reads them as screen columns, which is the same
    -- thing for text without tabs or double-width characters, while %c
    -- (bytes) would land short of the finding after é, — or an emoji.
    vim.bo.makeprg = "inboxlint lint --format unix %"
    vim.bo.errorformat = "%f:%l:%v: %t%*[^:]: %m"
  end,
})

vim.api.nvim_create_autocmd("BufWritePost", {
  group = group,
  pattern = { "*.md", "*.markdown" },
  command = "silent make! | cwindow",
})
