-- Driven by .ci/lsp-test.sh with editors/inboxlint-lsp-0.7.lua as the
-- user's config: opens two templates of one repository, and records as
-- JSON in $PROBE_OUT/<step>.json how many inboxlint clients run, which
-- buffers each serves, the diagnostics of both buffers, and what a code
-- action (picked the way a user picks one, through vim.ui.select) does
-- to the text and its findings.
local out = os.getenv("PROBE_OUT")

local function write(step, value)
  local f = assert(io.open(out .. "/" .. step .. ".json", "w"))
  f:write(vim.fn.json_encode(value))
  f:close()
end

local function diags(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, { line = d.lnum + 1, col = d.col + 1, code = d.code or lsp.code, message = d.message })
  end
  table.sort(list, function(a, b) return a.line * 1000 + a.col < b.line * 1000 + b.col end)
  return list
end

local function wait_for(f) return vim.wait(15000, f, 20) end

vim.cmd("edit one.md")
local one = vim.api.nvim_get_current_buf()
vim.cmd("edit sub/two.md")
local two = vim.api.nvim_get_current_buf()
wait_for(function() return #vim.diagnostic.get(one) > 0 and #vim.diagnostic.get(two) > 0 end)

local clients = {}
for _, c in pairs(vim.lsp.get_active_clients()) do
  local bufs = {}
  for _, b in ipairs({ one, two }) do
    if vim.lsp.buf_is_attached(b, c.id) then table.insert(bufs, vim.fn.bufname(b)) end
  end
  table.insert(clients, { name = c.name, root = c.config.root_dir, buffers = bufs })
end
write("clients", clients)
write("open", { one = diags(one), two = diags(two) })

-- the code action on the placeholder of sub/two.md, as :lua
-- vim.lsp.buf.code_action() offers it; the user picks the first
vim.api.nvim_set_current_buf(two)
local target
for _, d in ipairs(vim.diagnostic.get(two)) do
  if d.code == "placeholder" then target = d end
end
assert(target, "no placeholder finding in two.md")
vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
local titles = {}
vim.ui.select = function(items, opts, on_choice)
  for _, it in ipairs(items) do
    local title = (opts.format_item or tostring)(it)
    table.insert(titles, title)
  end
  on_choice(items[1], 1)
end
vim.lsp.buf.code_action()
wait_for(function() return #titles > 0 end)
local line = target.lnum
wait_for(function() return vim.api.nvim_buf_get_lines(two, line, line + 1, false)[1]:find("inboxlint:ignore", 1, true) ~= nil end)
local edited = vim.api.nvim_buf_get_lines(two, line, line + 1, false)[1]
wait_for(function()
  for _, d in ipairs(vim.diagnostic.get(two)) do
    if d.code == "syntax" then return true end
  end
  return false
end)
write("action", { titles = titles, line = edited, diagnostics = diags(two) })

-- the user writes the reason: the finding is silenced
local text = edited:gsub("<reason>", "the speaker is announced on the day")
vim.api.nvim_buf_set_lines(two, line, line + 1, false, { text })
wait_for(function() return #vim.diagnostic.get(two) == 0 end)
write("reason", { diagnostics = diags(two), one = diags(one) })

for _, c in pairs(vim.lsp.get_active_clients()) do c.stop() end
wait_for(function() return #vim.lsp.get_active_clients() == 0 end)
vim.cmd("qa!")
