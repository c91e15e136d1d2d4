-- End-to-end test of `dfopt lsp` from Neovim's built-in LSP client (Neovim 0.7 or later).
--
--   DFOPT=path/to/dfopt nvim --headless --clean -u NONE -i NONE -n -c "luafile tests/lsp/client_nvim.lua"
--
-- Exits 0 on success and 1 on failure (the failure is printed to stderr).

local dfopt = os.getenv("DFOPT")
local failed = false

local function check(cond, what)
  if not cond then error(what, 2) end
end

local function wait_for(what, predicate)
  check(vim.wait(15000, predicate, 10), "timed out waiting for " .. what)
end

local function run()
  check(dfopt and dfopt ~= "", "set DFOPT to the dfopt binary")
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, "p")
  local path = dir .. "/Dockerfile"
  vim.fn.writefile({
    "FROM debian:12 AS build",
    "ENV APP_HOME=/srv/app",
    "add a.txt $APP_HOME/",
    "RUN apt-get install curl",
    "FROM alpine:3.19",
    "COPY --from=build /srv/app /app",
  }, path)
  vim.cmd("edit " .. path)
  vim.bo.filetype = "dockerfile"
  local bufnr = vim.api.nvim_get_current_buf()

  local published = {}
  local exit_code = nil
  local client_id = vim.lsp.start_client({
    name = "dfopt",
    cmd = { dfopt, "lsp" },
    root_dir = dir,
    flags = { debounce_text_changes = 0 },
    handlers = {
      ["textDocument/publishDiagnostics"] = function(_, result)
        table.insert(published, result)
      end,
    },
    on_exit = function(code) exit_code = code end,
  })
  check(client_id, "the client did not start")
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  wait_for("initialize", function() return client.initialized end)
  check(client.server_capabilities == nil or client.server_capabilities.hoverProvider, "hover capability")

  local function last() return published[#published] end
  local function codes(p)
    local out = {}
    for _, d in ipairs(p.diagnostics) do out[d.code] = d end
    return out
  end
  local function find(p, needle)
    for _, d in ipairs(p.diagnostics) do
      if d.message:find(needle, 1, true) then return d end
    end
  end
  wait_for("diagnostics on open", function() return #published > 0 end)
  local add = find(last(), "instead of `ADD`")
  check(add and add.range.start.line == 2, "add-instead-of-copy on line 3")

  -- An incremental edit with non-ASCII text before a finding on the same line.
  local before = #published
  vim.api.nvim_buf_set_text(bufnr, 3, 4, 3, 4, { "echo é😀 && " })
  wait_for("diagnostics after an edit", function()
    return #published > before and find(last(), "without `-y`") ~= nil
  end)
  local yes = find(last(), "without `-y`")
  -- "RUN echo é😀 && " is 16 UTF-16 units (é one, 😀 two).
  check(yes.range.start.character == 16, "UTF-16 column, got " .. yes.range.start.character)
  check(last().version == vim.lsp.util.buf_versions[bufnr], "diagnostics for the latest version")

  -- Code action: apply the preferred quick fix for the ADD.
  add = find(last(), "instead of `ADD`")
  local response = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = add.range,
    context = { diagnostics = { add } },
  }, 5000)
  local actions = response[client_id].result
  local preferred, ignore, fix_all
  for _, a in ipairs(actions) do
    if a.isPreferred then preferred = a end
    if a.title:find("^Ignore ") then ignore = a end
    if a.kind == "source.fixAll.dfopt" then fix_all = a end
  end
  check(preferred and ignore and fix_all, "quick fix, ignore and fix-all actions")
  before = #published
  vim.lsp.util.apply_workspace_edit(preferred.edit, "utf-16")
  check(vim.api.nvim_buf_get_lines(bufnr, 2, 3, false)[1] == "copy a.txt $APP_HOME/", "quick fix applied")
  wait_for("the fixed finding to go", function()
    return #published > before and find(last(), "instead of `ADD`") == nil
  end)

  -- Hover on an instruction and on a variable.
  local function hover(line, character)
    local r = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = line, character = character },
    }, 5000)
    local result = r[client_id].result
    return result and result.contents.value or ""
  end
  check(hover(1, 1):find("ENV") ~= nil, "hover on ENV")
  check(hover(2, 14):find("/srv/app", 1, true) ~= nil, "hover on $APP_HOME")

  -- Completion after --from=.
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { "COPY --from=" })
  local n = vim.api.nvim_buf_line_count(bufnr)
  local r = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = n - 1, character = 12 },
  }, 5000)
  local items = r[client_id].result.items or r[client_id].result
  local labels = {}
  for _, item in ipairs(items) do labels[item.label] = true end
  check(labels["build"], "stage name completion")
  vim.api.nvim_buf_set_lines(bufnr, n - 1, n, false, {})

  -- Symbols, folding ranges and formatting.
  r = vim.lsp.buf_request_sync(bufnr, "textDocument/documentSymbol",
    { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, 5000)
  check(#r[client_id].result >= 2, "two stages")
  r = vim.lsp.buf_request_sync(bufnr, "textDocument/foldingRange",
    { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, 5000)
  check(r[client_id].err == nil, "folding ranges")
  r = vim.lsp.buf_request_sync(bufnr, "textDocument/formatting", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    options = { tabSize = 4, insertSpaces = true },
  }, 5000)
  check(r[client_id].err == nil, "formatting")
  vim.lsp.util.apply_text_edits(r[client_id].result or {}, bufnr, "utf-16")
  r = vim.lsp.buf_request_sync(bufnr, "textDocument/formatting", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    options = { tabSize = 4, insertSpaces = true },
  }, 5000)
  check(#(r[client_id].result or {}) == 0, "formatting is idempotent")

  -- Configuration pushed by the client.
  before = #published
  local pinned = find(last(), "is not pinned")
  check(pinned, "an unpinned package finding")
  client.notify("workspace/didChangeConfiguration", { settings = { dfopt = { ignore = { pinned.code } } } })
  wait_for("settings to apply", function()
    return #published > before and codes(last())[pinned.code] == nil
  end)

  -- Cancellation, then an unknown method: the server answers and keeps going.
  local cancelled_ok, request_id = client.request("textDocument/documentSymbol",
    { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, function() end, bufnr)
  check(cancelled_ok, "request sent")
  client.cancel_request(request_id)
  -- client.request_sync skips the client's own capability check, so the server answers.
  r = client.request_sync("dfopt/noSuchMethod", {}, 5000, bufnr)
  check(r and r.err and r.err.code == -32601, "MethodNotFound: " .. vim.inspect(r))

  -- Shutdown and exit.
  vim.lsp.stop_client(client_id)
  wait_for("the server to exit", function() return exit_code ~= nil end)
  check(exit_code == 0, "exit code " .. tostring(exit_code))
  vim.fn.delete(dir, "rf")
end

local ok, err = xpcall(run, debug.traceback)
if ok then
  io.stdout:write("ok\n")
  vim.cmd("qall!")
else
  io.stderr:write("FAILED: " .. tostring(err) .. "\n")
  vim.cmd("cquit 1")
end
