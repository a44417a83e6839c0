-- Driven by .ci/nvim-test.sh after the recipe (inboxlint.lua or
-- inboxlint.vim) was loaded as the user's config and flawed.md opened:
-- saves files the way a user does and records what the recipe did, as
-- JSON, in $PROBE_OUT/<step>.json.
local out = os.getenv("PROBE_OUT")

-- dump writes the valid quickfix entries, where the cursor lands when each
-- is jumped to, and whether the quickfix window is open.
local function dump(step)
  local entries = {}
  local qf = vim.fn.getqflist()
  local start = vim.api.nvim_get_current_buf()
  for i, e in ipairs(qf) do
    if e.valid == 1 then
      vim.cmd("silent cc " .. i)
      table.insert(entries, {
        file = vim.fn.bufname(e.bufnr),
        lnum = e.lnum,
        col = e.col,
        type = e.type,
        text = e.text,
        cursor_line = vim.fn.line("."),
        cursor_char = vim.fn.charcol("."),
        cursor_text = vim.fn.strcharpart(vim.fn.getline("."), vim.fn.charcol(".") - 1, 1),
      })
    end
  end
  vim.api.nvim_set_current_buf(start)
  local info = vim.fn.getqflist({ winid = 0, size = 0 })
  local f = assert(io.open(out .. "/" .. step .. ".json", "w"))
  f:write(vim.fn.json_encode({ entries = entries, qfwin = info.winid ~= 0, size = info.size }))
  f:close()
end

local function save()
  vim.cmd("silent write")
end

-- 1. Save the flawed template as it is.
save()
dump("1-flawed")

-- 2. Fix the draft marker on line 9 and save again: the list follows.
vim.cmd("silent cclose")
vim.cmd("silent buffer flawed.md")
vim.api.nvim_buf_set_lines(0, 8, 9, false, { "use to call the quarter — Priya confirms the time." })
save()
dump("2-fixed")

-- 3. Open and save the clean template: no findings, window closed.
vim.cmd("silent edit clean.md")
save()
dump("3-clean")

vim.cmd("qa!")
