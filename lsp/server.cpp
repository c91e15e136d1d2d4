#include "lsp/server.h"

#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <exception>
#include <utility>

#include "dfopt/fixes.h"
#include "dfopt/format.h"
#include "dfopt/report.h"
#include "dfopt/rule.h"
#include "dfopt/shellcheck.h"
#include "lsp/features.h"
#include "lsp/transport.h"

namespace dfopt::lsp {

using nlohmann::json;

namespace {

/// A request whose params do not fit the method: answered with kInvalidParams.
struct ParamsError {
  std::string message;
};

/// A valid request that cannot be carried out (LSP's RequestFailed): formatting a document
/// that does not parse, say.
struct RequestFailed {
  std::string message;
};

constexpr std::string_view kFixAllKind = "source.fixAll.dfopt";

json position_json(LspPosition p) { return {{"line", p.line}, {"character", p.character}}; }

json range_json(LspRange r) {
  return {{"start", position_json(r.start)}, {"end", position_json(r.end)}};
}

json range_json(const SourceFile& source, TextRange r) {
  return range_json(to_lsp(source.lines(), source.text(), r));
}

const json& member(const json& object, const char* key) {
  static const json null_value;
  if (!object.is_object()) return null_value;
  const auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

std::string string_member(const json& object, const char* key, const char* what) {
  const json& v = member(object, key);
  if (!v.is_string()) throw ParamsError{fmt::format("{} must be a string", what)};
  return v.get<std::string>();
}

uint32_t unsigned_member(const json& object, const char* key, const char* what) {
  const json& v = member(object, key);
  if (!v.is_number_unsigned())
    throw ParamsError{fmt::format("{} must be a non-negative integer", what)};
  return static_cast<uint32_t>(std::min<uint64_t>(v.get<uint64_t>(), UINT32_MAX));
}

LspPosition position_member(const json& object, const char* key) {
  const json& p = member(object, key);
  if (!p.is_object()) throw ParamsError{fmt::format("{} must be a position", key)};
  return {unsigned_member(p, "line", "position.line"),
          unsigned_member(p, "character", "position.character")};
}

LspRange range_member(const json& object, const char* key) {
  const json& r = member(object, key);
  if (!r.is_object()) throw ParamsError{fmt::format("{} must be a range", key)};
  return {position_member(r, "start"), position_member(r, "end")};
}

int lsp_severity(Severity s) {
  switch (s) {
    case Severity::error:
      return 1;
    case Severity::warning:
      return 2;
    case Severity::info:
      return 3;
    case Severity::style:
      return 4;
  }
  return 1;
}

bool is_continuation(std::string_view s, size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

/// The one TextEdit that turns `before` into `after`: the differing middle, cut at character
/// boundaries so that its range is exact in UTF-16.
json minimal_edit(const SourceFile& before, std::string_view after) {
  const std::string_view a = before.text();
  size_t prefix = 0;
  const size_t shortest = std::min(a.size(), after.size());
  while (prefix < shortest && a[prefix] == after[prefix]) ++prefix;
  while (prefix > 0 && (is_continuation(a, prefix) || is_continuation(after, prefix))) --prefix;
  size_t suffix = 0;
  while (suffix < shortest - prefix &&
         a[a.size() - 1 - suffix] == after[after.size() - 1 - suffix]) {
    ++suffix;
  }
  while (suffix > 0 &&
         (is_continuation(a, a.size() - suffix) || is_continuation(after, after.size() - suffix))) {
    --suffix;
  }
  const TextRange range{static_cast<uint32_t>(prefix), static_cast<uint32_t>(a.size() - suffix)};
  return {{"range", range_json(before, range)},
          {"newText", std::string(after.substr(prefix, after.size() - suffix - prefix))}};
}

int completion_kind(CompletionKind k) {
  switch (k) {
    case CompletionKind::keyword:
      return 14;
    case CompletionKind::property:
      return 10;
    case CompletionKind::value:
      return 12;
    case CompletionKind::variable:
      return 6;
    case CompletionKind::module:
      return 9;
    case CompletionKind::snippet:
      return 15;
  }
  return 1;
}

int symbol_kind(SymbolKind k) {
  switch (k) {
    case SymbolKind::module:
      return 2;
    case SymbolKind::function:
      return 12;
    case SymbolKind::variable:
      return 13;
  }
  return 12;
}

json symbol_json(const DocumentSymbol& s, const SourceFile& source) {
  json out = {{"name", s.name.empty() ? std::string("?") : s.name},
              {"kind", symbol_kind(s.kind)},
              {"range", range_json(source, s.range)},
              {"selectionRange", range_json(source, s.selection_range)}};
  if (!s.detail.empty()) out["detail"] = s.detail;
  if (!s.children.empty()) {
    json children = json::array();
    for (const DocumentSymbol& c : s.children) children.push_back(symbol_json(c, source));
    out["children"] = std::move(children);
  }
  return out;
}

/// Rule keys from a settings array; unknown ones are reported through `warn` and skipped.
std::vector<std::string> rule_keys(const json& value, std::string_view name,
                                   const std::function<void(std::string)>& warn) {
  std::vector<std::string> keys;
  if (value.is_null()) return keys;
  if (!value.is_array()) {
    warn(fmt::format("settings: '{}' must be a list of rule IDs, names or categories", name));
    return keys;
  }
  for (const json& v : value) {
    if (!v.is_string()) {
      warn(fmt::format("settings: '{}' must be a list of strings", name));
      continue;
    }
    const std::string key = v.get<std::string>();
    if (auto resolved = resolve_rule_key(key); !resolved) {
      warn(fmt::format("settings: {}", resolved.error().message));
      continue;
    }
    keys.push_back(key);
  }
  return keys;
}

}  // namespace

struct Server::Analysis {
  uint64_t stamp = 0;
  SourceFile source;
  ParseResult parsed;
  model::Model model;
};

struct Server::Document {
  std::string uri;
  std::string path;  ///< the file's path, or the URI for documents that are not files
  TextDocument text;
  int64_t version = 0;
  /// Bumped on every change of the text or of its settings; results carry the stamp they were
  /// computed for, and only current ones are published or used.
  uint64_t stamp = 0;
  std::shared_ptr<const Settings> settings;
  std::shared_ptr<const FileReport> report;  ///< the latest check
  uint64_t report_stamp = 0;
  std::unique_ptr<Analysis> analysis;  ///< dispatcher only
};

namespace {
uint64_t next_stamp() {
  static std::atomic<uint64_t> stamp{0};
  return ++stamp;
}
}  // namespace

Server::Server(Sink send) : send_(std::move(send)) {
  finder_ = std::make_unique<ConfigFinder>(RuleSelection{});
  worker_ = std::thread([this] { worker_loop(); });
}

Server::~Server() {
  {
    std::lock_guard lock(docs_mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  worker_.join();
}

// ---------------------------------------------------------------------------------------------
// Messages in and out

void Server::receive(std::string body) {
  Queued queued;
  queued.message = json::parse(body, nullptr, false);
  std::lock_guard lock(queue_mutex_);
  const json& m = queued.message;
  // Cancellation must overtake the request it cancels, so it is handled on arrival: a request
  // still waiting in the queue is answered with kRequestCancelled instead of being run.
  if (m.is_object() && member(m, "method") == "$/cancelRequest" && !m.contains("id")) {
    const json& id = member(member(m, "params"), "id");
    for (Queued& q : queue_) {
      if (!q.cancelled && q.message.is_object() && q.message.contains("method") &&
          member(q.message, "id") == id) {
        q.cancelled = true;
      }
    }
    return;
  }
  queue_.push_back(std::move(queued));
  queue_cv_.notify_one();
}

void Server::receive_error(std::string message) {
  Queued queued;
  queued.framing_error = std::move(message);
  std::lock_guard lock(queue_mutex_);
  queue_.push_back(std::move(queued));
  queue_cv_.notify_one();
}

void Server::close_input() {
  std::lock_guard lock(queue_mutex_);
  input_closed_ = true;
  queue_cv_.notify_one();
}

int Server::run() {
  for (;;) {
    Queued next;
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [&] { return !queue_.empty() || input_closed_; });
      if (queue_.empty()) break;  // input closed
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    dispatch(next);
    if (exited_) break;
  }
  return shutdown_ && exited_ ? 0 : 1;
}

bool Server::dispatch_pending() {
  for (;;) {
    Queued next;
    {
      std::lock_guard lock(queue_mutex_);
      if (queue_.empty()) return !exited_;
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    dispatch(next);
    if (exited_) return false;
  }
}

void Server::wait_idle() {
  std::unique_lock lock(docs_mutex_);
  idle_cv_.wait(lock, [&] { return pending_.empty() && !busy_; });
}

void Server::reply(const json& id, json result) {
  const json message = {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
  std::lock_guard lock(send_mutex_);
  send_(message.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::reply_error(const json& id, int code, std::string_view text) {
  const json message = {
      {"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", std::string(text)}}}};
  std::lock_guard lock(send_mutex_);
  send_(message.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::notify(std::string_view method, json params) {
  const json message = {
      {"jsonrpc", "2.0"}, {"method", std::string(method)}, {"params", std::move(params)}};
  std::lock_guard lock(send_mutex_);
  send_(message.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::show_message(int type, std::string_view text) {
  notify("window/showMessage", {{"type", type}, {"message", fmt::format("dfopt: {}", text)}});
}

void Server::dispatch(Queued& queued) {
  if (queued.framing_error) {
    reply_error(nullptr, kParseError, *queued.framing_error);
    return;
  }
  const json& m = queued.message;
  if (m.is_discarded()) {
    reply_error(nullptr, kParseError, "message is not valid JSON");
    return;
  }
  if (!m.is_object()) {
    reply_error(nullptr, kInvalidRequest, "message must be a JSON object");
    return;
  }
  const json* id = nullptr;
  if (auto it = m.find("id"); it != m.end()) {
    if (it->is_string() || it->is_number_integer()) id = &*it;
  }
  const json null_id;
  const json& reply_id = id ? *id : null_id;
  if (member(m, "jsonrpc") != "2.0") {
    reply_error(reply_id, kInvalidRequest, "message must have \"jsonrpc\": \"2.0\"");
    return;
  }
  const json& method = member(m, "method");
  if (method.is_null()) {
    // A response to a request of ours; the server sends none that need an answer.
    if (m.contains("id") && (m.contains("result") || m.contains("error"))) return;
    reply_error(reply_id, kInvalidRequest, "message has no method");
    return;
  }
  if (!method.is_string()) {
    reply_error(reply_id, kInvalidRequest, "method must be a string");
    return;
  }
  if (m.contains("id") && !id) {
    reply_error(nullptr, kInvalidRequest, "request id must be an integer or a string");
    return;
  }
  const json& params = member(m, "params");
  if (!params.is_null() && !params.is_object() && !params.is_array()) {
    if (id) reply_error(*id, kInvalidParams, "params must be an object or an array");
    return;
  }
  const std::string name = method.get<std::string>();
  if (!id) {
    try {
      handle_notification(name, params);
    } catch (const ParamsError& e) {
      std::fprintf(stderr, "dfopt lsp: %s: invalid params: %s\n", name.c_str(), e.message.c_str());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "dfopt lsp: %s: %s\n", name.c_str(), e.what());
    }
    return;
  }
  if (queued.cancelled) {
    reply_error(*id, kRequestCancelled, "request cancelled");
    return;
  }
  try {
    handle_request(*id, name, params);
  } catch (const ParamsError& e) {
    reply_error(*id, kInvalidParams, e.message);
  } catch (const RequestFailed& e) {
    reply_error(*id, kRequestFailed, e.message);
  } catch (const json::exception& e) {
    reply_error(*id, kInvalidParams, e.what());
  } catch (const std::exception& e) {
    reply_error(*id, kInternalError, fmt::format("internal error: {}", e.what()));
  }
}

void Server::handle_request(const json& id, const std::string& method, const json& params) {
  if (method == "initialize") {
    if (initialized_) return reply_error(id, kInvalidRequest, "server is already initialized");
    return reply(id, initialize(params));
  }
  if (!initialized_) return reply_error(id, kServerNotInitialized, "server is not initialized");
  if (shutdown_) return reply_error(id, kInvalidRequest, "server is shutting down");
  if (method == "shutdown") {
    shutdown_ = true;
    return reply(id, nullptr);
  }
  if (method == "textDocument/codeAction") return reply(id, code_action(params));
  if (method == "textDocument/hover") return reply(id, hover(params));
  if (method == "textDocument/completion") return reply(id, completion(params));
  if (method == "textDocument/documentSymbol") return reply(id, document_symbol(params));
  if (method == "textDocument/foldingRange") return reply(id, folding_range(params));
  if (method == "textDocument/formatting") return reply(id, formatting(params));
  reply_error(id, kMethodNotFound, fmt::format("unknown method '{}'", method));
}

void Server::handle_notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  // Before initialize, notifications other than exit are dropped (LSP 3.17, "initialize").
  if (!initialized_ || shutdown_) return;
  if (method == "textDocument/didOpen") return did_open(params);
  if (method == "textDocument/didChange") return did_change(params);
  if (method == "textDocument/didClose") return did_close(params);
  if (method == "textDocument/didSave") return did_save(params);
  if (method == "workspace/didChangeConfiguration") return did_change_configuration(params);
  if (method == "workspace/didChangeWatchedFiles") return reload_settings();
  // initialized, $/setTrace and unknown notifications need nothing.
}

// ---------------------------------------------------------------------------------------------
// Lifecycle and configuration

json Server::initialize(const json& params) {
  initialized_ = true;
  std::string root_uri;
  if (const json& folders = member(params, "workspaceFolders");
      folders.is_array() && !folders.empty()) {
    if (member(folders[0], "uri").is_string()) root_uri = folders[0]["uri"].get<std::string>();
  }
  if (root_uri.empty() && member(params, "rootUri").is_string()) {
    root_uri = params["rootUri"].get<std::string>();
  }
  if (auto path = uri_to_path(root_uri)) {
    root_ = *path;
  } else if (member(params, "rootPath").is_string()) {
    root_ = params["rootPath"].get<std::string>();
  }
  if (const json& options = member(params, "initializationOptions"); options.is_object()) {
    apply_client_settings(options);
  }
  json capabilities = {
      {"positionEncoding", "utf-16"},
      {"textDocumentSync",
       {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
      {"codeActionProvider",
       {{"codeActionKinds", {"quickfix", std::string(kFixAllKind)}}, {"resolveProvider", false}}},
      {"hoverProvider", true},
      {"completionProvider",
       {{"triggerCharacters", {"$", "{", "-", "=", ","}}, {"resolveProvider", false}}},
      {"documentSymbolProvider", true},
      {"foldingRangeProvider", true},
      {"documentFormattingProvider", true},
  };
  return {{"capabilities", std::move(capabilities)},
          {"serverInfo", {{"name", "dfopt"}, {"version", DFOPT_VERSION}}}};
}

void Server::apply_client_settings(const json& given) {
  const json& s = member(given, "dfopt").is_object() ? given["dfopt"] : given;
  if (!s.is_object()) return;
  auto warn = [this](std::string text) { show_message(2, text); };
  ClientSettings c;
  if (s.contains("select") && !s["select"].is_null()) {
    c.selection.select = rule_keys(s["select"], "select", warn);
  }
  const json& extend = s.contains("extendSelect") ? s["extendSelect"] : member(s, "extend-select");
  c.selection.extend_select = rule_keys(extend, "extendSelect", warn);
  c.selection.ignore = rule_keys(member(s, "ignore"), "ignore", warn);
  if (const json& sc = member(s, "shellcheck"); sc.is_boolean())
    c.selection.shellcheck = sc.get<bool>();
  if (const json& sev = member(s, "severity"); sev.is_object()) {
    for (const auto& [key, level] : sev.items()) {
      const std::optional<Severity> parsed =
          level.is_string() ? parse_severity(level.get<std::string>()) : std::nullopt;
      if (!parsed) {
        warn(fmt::format("settings: severity of '{}' must be error, warning, info or style", key));
        continue;
      }
      auto rules = resolve_rule_key(key);
      if (!rules) {
        warn(fmt::format("settings: {}", rules.error().message));
        continue;
      }
      for (const Rule* r : *rules) c.severity.emplace_back(r, *parsed);
    }
  } else if (!member(s, "severity").is_null()) {
    warn("settings: 'severity' must map rule IDs to error, warning, info or style");
  }
  if (const json& config = member(s, "config");
      config.is_string() && !config.get<std::string>().empty()) {
    c.config = config.get<std::string>();
  }
  client_ = std::move(c);
}

std::shared_ptr<const Settings> Server::settings_for(const std::string& uri) {
  std::optional<std::string> path = uri_to_path(uri);
  // A document that is not a file (an unsaved buffer) is configured like a file at the root.
  const std::string lookup = path            ? *path
                             : root_.empty() ? std::string("./Dockerfile")
                                             : root_ + "/Dockerfile";
  auto found = finder_->find(lookup);
  Settings settings;
  if (found) {
    settings = (*found)->settings;
    for (const Error& w : (*found)->config.warnings) {
      notify("window/logMessage",
             {{"type", 2}, {"message", fmt::format("dfopt: {}: {}", w.path, w.message)}});
    }
  } else {
    const Error& e = found.error();
    show_message(1, fmt::format("{}{}{}", e.path, e.path.empty() ? "" : ": ", e.message));
    settings = make_settings(Config{}, client_.selection);
  }
  settings.severity.insert(settings.severity.end(), client_.severity.begin(),
                           client_.severity.end());
  return std::make_shared<const Settings>(std::move(settings));
}

void Server::reload_settings() {
  finder_ = std::make_unique<ConfigFinder>(client_.selection, client_.config);
  std::vector<std::string> uris;
  {
    std::lock_guard lock(docs_mutex_);
    for (auto& [uri, doc] : docs_) uris.push_back(uri);
  }
  for (const std::string& uri : uris) {
    auto settings = settings_for(uri);
    {
      std::lock_guard lock(docs_mutex_);
      Document& doc = *docs_[uri];
      doc.settings = std::move(settings);
      doc.stamp = next_stamp();
    }
    schedule(uri);
  }
}

void Server::did_change_configuration(const json& params) {
  apply_client_settings(member(params, "settings"));
  reload_settings();
}

// ---------------------------------------------------------------------------------------------
// Text synchronisation and diagnostics

Server::Document& Server::document(const json& params) {
  const std::string uri = string_member(member(params, "textDocument"), "uri", "textDocument.uri");
  const auto it = docs_.find(uri);  // the dispatcher is the only writer: no lock to read
  if (it == docs_.end()) throw ParamsError{fmt::format("document is not open: {}", uri)};
  return *it->second;
}

void Server::did_open(const json& params) {
  const json& item = member(params, "textDocument");
  auto doc = std::make_unique<Document>();
  doc->uri = string_member(item, "uri", "textDocument.uri");
  doc->path = uri_to_path(doc->uri).value_or(doc->uri);
  doc->text = TextDocument(string_member(item, "text", "textDocument.text"));
  if (member(item, "version").is_number_integer()) doc->version = item["version"].get<int64_t>();
  doc->stamp = next_stamp();
  if (finder_ == nullptr || docs_.empty()) {
    // Nothing else open: config files may have changed since they were read.
    finder_ = std::make_unique<ConfigFinder>(client_.selection, client_.config);
  }
  doc->settings = settings_for(doc->uri);
  const std::string uri = doc->uri;
  {
    std::lock_guard lock(docs_mutex_);
    docs_[uri] = std::move(doc);
  }
  schedule(uri);
}

void Server::did_change(const json& params) {
  Document& doc = document(params);
  const json& changes = member(params, "contentChanges");
  if (!changes.is_array()) throw ParamsError{"contentChanges must be an array"};
  // Apply to a copy first, so that a malformed change leaves the document as it was.
  TextDocument text = doc.text;
  for (const json& change : changes) {
    const std::string new_text = string_member(change, "text", "contentChanges[].text");
    if (member(change, "range").is_null()) {
      text.replace_all(new_text);
    } else {
      text.replace(range_member(change, "range"), new_text);
    }
  }
  {
    std::lock_guard lock(docs_mutex_);
    doc.text = std::move(text);
    if (const json& v = member(member(params, "textDocument"), "version"); v.is_number_integer()) {
      doc.version = v.get<int64_t>();
    }
    doc.stamp = next_stamp();
  }
  schedule(doc.uri);
}

void Server::did_save(const json& params) {
  Document& doc = document(params);
  // Saving a config file changes the settings of every document below it.
  const std::string_view path = doc.path;
  const std::string_view name = path.substr(path.rfind('/') + 1);
  if (name == ".dfopt.yaml" || name == "dfopt.yaml" || name == ".hadolint.yaml" ||
      name == ".hadolint.yml") {
    return reload_settings();
  }
  schedule(doc.uri);
}

void Server::did_close(const json& params) {
  const std::string uri = string_member(member(params, "textDocument"), "uri", "textDocument.uri");
  {
    std::lock_guard lock(docs_mutex_);
    if (docs_.erase(uri) == 0) return;
    pending_.erase(uri);
    // Under the lock, so that a check finishing now cannot publish after this.
    notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
  }
  idle_cv_.notify_all();
}

void Server::schedule(const std::string& uri) {
  {
    std::lock_guard lock(docs_mutex_);
    pending_.insert(uri);
  }
  work_cv_.notify_one();
}

json Server::to_json(const Diagnostic& d, const SourceFile& source) const {
  json out = {{"range", range_json(source, d.range)},
              {"severity", lsp_severity(d.severity)},
              {"code", d.code},
              {"source", "dfopt"},
              {"message", d.message}};
  if (const Rule* rule = find_rule(d.code)) {
    out["codeDescription"] = {{"href", rule_docs_url(rule->info())}};
  } else if (shellcheck::is_code(d.code)) {
    out["codeDescription"] = {{"href", shellcheck::wiki_url(d.code)}};
  }
  return out;
}

void Server::worker_loop() {
  // Debouncing: a change made while the worker is idle is checked at once (a check of a large
  // file takes a few milliseconds, less than any useful delay); changes made while a check runs
  // collapse into one check of the latest text, and results for a text that changed meanwhile
  // are dropped instead of published.
  Parser parser;
  std::unique_lock lock(docs_mutex_);
  for (;;) {
    work_cv_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
    if (stopping_) return;
    const std::string uri = *pending_.begin();
    pending_.erase(pending_.begin());
    auto it = docs_.find(uri);
    if (it == docs_.end()) {
      if (pending_.empty()) idle_cv_.notify_all();
      continue;
    }
    const Document& doc = *it->second;
    const uint64_t stamp = doc.stamp;
    const int64_t version = doc.version;
    std::shared_ptr<const Settings> settings = doc.settings;
    SourceFile source(doc.path, std::string(doc.text.text()));
    busy_ = true;
    lock.unlock();

    auto report = std::make_shared<FileReport>(check_file(std::move(source), *settings, parser));
    std::optional<std::string> shellcheck_skipped;
    if (!report->shellcheck.empty()) {
      const Settings* per_report[] = {settings.get()};
      shellcheck::Outcome outcome =
          shellcheck::check(std::span<FileReport>(report.get(), 1), per_report, {});
      shellcheck_skipped = outcome.skipped;
    }
    json diagnostics = json::array();
    for (const Diagnostic& d : report->diagnostics)
      diagnostics.push_back(to_json(d, report->source));

    lock.lock();
    busy_ = false;
    it = docs_.find(uri);
    if (it != docs_.end() && it->second->stamp == stamp) {
      it->second->report = std::move(report);
      it->second->report_stamp = stamp;
      notify("textDocument/publishDiagnostics",
             {{"uri", uri}, {"version", version}, {"diagnostics", std::move(diagnostics)}});
    }
    if (shellcheck_skipped) {
      notify("window/logMessage",
             {{"type", 2}, {"message", "dfopt: ShellCheck: " + *shellcheck_skipped}});
    }
    if (pending_.empty()) idle_cv_.notify_all();
  }
}

std::shared_ptr<const FileReport> Server::current_report(Document& doc) {
  {
    std::lock_guard lock(docs_mutex_);
    if (doc.report && doc.report_stamp == doc.stamp) return doc.report;
  }
  // The worker has not caught up with the last edit: check here (ShellCheck findings, which
  // have no fixes, are left to the worker).
  return std::make_shared<const FileReport>(
      check_file(SourceFile(doc.path, std::string(doc.text.text())), *doc.settings, parser_));
}

const Server::Analysis& Server::analysis(Document& doc) {
  if (!doc.analysis || doc.analysis->stamp != doc.stamp) {
    auto a = std::make_unique<Analysis>();
    a->stamp = doc.stamp;
    a->source = SourceFile(doc.path, std::string(doc.text.text()));
    a->parsed = parser_.parse(a->source);
    a->model = model::build_model(a->parsed.ast, a->source, doc.settings->model);
    doc.analysis = std::move(a);
  }
  return *doc.analysis;
}

// ---------------------------------------------------------------------------------------------
// Code actions

json Server::code_action(const json& params) {
  Document& doc = document(params);
  const LspRange range = range_member(params, "range");
  std::vector<std::string> only;
  if (const json& o = member(member(params, "context"), "only"); o.is_array()) {
    for (const json& k : o) {
      if (k.is_string()) only.push_back(k.get<std::string>());
    }
  }
  // A kind is wanted when `only` is absent or names it or one of its parents ("source").
  auto wanted = [&](std::string_view kind) {
    if (only.empty()) return true;
    return std::any_of(only.begin(), only.end(), [&](const std::string& k) {
      return kind == k || (kind.starts_with(k) && kind[k.size()] == '.');
    });
  };

  const std::shared_ptr<const FileReport> report = current_report(doc);
  const SourceFile& source = report->source;
  // Whole lines: editors ask with the cursor's position, and the actions of every finding on
  // its line are the useful ones (a finding rarely starts at column 0).
  LspRange lines = range;
  if (std::pair(lines.end.line, lines.end.character) <
      std::pair(lines.start.line, lines.start.character)) {
    std::swap(lines.start, lines.end);
  }
  const uint32_t begin = to_offset(source.lines(), source.text(), {lines.start.line, 0});
  const uint32_t end = to_offset(source.lines(), source.text(), {lines.end.line, UINT32_MAX});

  json actions = json::array();
  auto edit_of = [&](json edits) { return json{{"changes", {{doc.uri, std::move(edits)}}}}; };
  if (wanted("quickfix")) {
    std::set<std::string> ignored;
    const Rule* descriptions = find_rule("DF727");
    const bool keep_descriptions = descriptions && doc.settings->rules.contains(*descriptions);
    for (const Diagnostic& d : report->diagnostics) {
      if (d.range.begin > end || d.range.end < begin) continue;
      const json diagnostic = to_json(d, source);
      if (d.fix && !d.fix->edits.empty() && d.fix->applicability != Applicability::display_only) {
        const bool safe = d.fix->applicability == Applicability::safe;
        json edits = json::array();
        for (const Edit& e : d.fix->edits) {
          edits.push_back({{"range", range_json(source, e.range)}, {"newText", e.replacement}});
        }
        json action = {{"title", safe ? d.fix->title : d.fix->title + " (unsafe)"},
                       {"kind", "quickfix"},
                       {"diagnostics", json::array({diagnostic})},
                       {"edit", edit_of(std::move(edits))}};
        if (safe) action["isPreferred"] = true;
        actions.push_back(std::move(action));
      }
      // "Ignore this rule here": a `# dfopt ignore=` pragma above the instruction, merged into
      // one that is already there.
      if (!doc.settings->honour_pragmas || !ignored.insert(d.code).second) continue;
      const Analysis& a = analysis(doc);
      const AddIgnoreResult added = add_ignores(
          a.source, a.parsed.ast, std::span<const Diagnostic>(&d, 1), keep_descriptions);
      if (added.text == a.source.text() || !added.unsuppressible.empty()) continue;
      actions.push_back({{"title", fmt::format("Ignore {} for this instruction", d.code)},
                         {"kind", "quickfix"},
                         {"diagnostics", json::array({diagnostic})},
                         {"edit", edit_of(json::array({minimal_edit(a.source, added.text)}))}});
    }
  }
  if (wanted(kFixAllKind) && count_applicable_fixes(report->diagnostics, false) > 0) {
    FixResult fixed = fix_file(SourceFile(doc.path, std::string(doc.text.text())), *doc.settings,
                               parser_, FixOptions{});
    if (fixed.changed() && fixed.skipped == FixSkip::none) {
      const SourceFile original(doc.path, std::move(fixed.original));
      actions.push_back(
          {{"title", "Fix all safe problems"},
           {"kind", std::string(kFixAllKind)},
           {"edit", edit_of(json::array({minimal_edit(original, fixed.report.source.text())}))}});
    }
  }
  return actions;
}

// ---------------------------------------------------------------------------------------------
// Editor features (lsp/features.h), converted from byte ranges to protocol positions

json Server::hover(const json& params) {
  Document& doc = document(params);
  const LspPosition position = position_member(params, "position");
  const Analysis& a = analysis(doc);
  std::shared_ptr<const FileReport> report;
  {
    std::lock_guard lock(docs_mutex_);
    if (doc.report_stamp == doc.stamp) report = doc.report;
  }
  const std::span<const Diagnostic> diagnostics =
      report ? std::span<const Diagnostic>(report->diagnostics) : std::span<const Diagnostic>();
  const DocumentView view{a.source, a.parsed.ast, a.model, diagnostics};
  const std::optional<HoverResult> result =
      lsp::hover(view, to_offset(a.source.lines(), a.source.text(), position));
  if (!result) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", result->markdown}}},
          {"range", range_json(a.source, result->range)}};
}

json Server::completion(const json& params) {
  Document& doc = document(params);
  const LspPosition position = position_member(params, "position");
  const Analysis& a = analysis(doc);
  const DocumentView view{a.source, a.parsed.ast, a.model, {}};
  const uint32_t offset = to_offset(a.source.lines(), a.source.text(), position);
  json items = json::array();
  for (const CompletionItem& item : complete(view, offset)) {
    const TextRange range = item.range.empty() ? TextRange{offset, offset} : item.range;
    json out = {{"label", item.label},
                {"kind", completion_kind(item.kind)},
                {"textEdit",
                 {{"range", range_json(a.source, range)},
                  {"newText", item.insert_text.empty() ? item.label : item.insert_text}}}};
    if (!item.detail.empty()) out["detail"] = item.detail;
    if (!item.documentation.empty()) {
      out["documentation"] = {{"kind", "markdown"}, {"value", item.documentation}};
    }
    items.push_back(std::move(out));
  }
  return {{"isIncomplete", false}, {"items", std::move(items)}};
}

json Server::document_symbol(const json& params) {
  Document& doc = document(params);
  const Analysis& a = analysis(doc);
  const DocumentView view{a.source, a.parsed.ast, a.model, {}};
  json out = json::array();
  for (const DocumentSymbol& s : symbols(view)) out.push_back(symbol_json(s, a.source));
  return out;
}

json Server::folding_range(const json& params) {
  Document& doc = document(params);
  const Analysis& a = analysis(doc);
  const DocumentView view{a.source, a.parsed.ast, a.model, {}};
  json out = json::array();
  for (const FoldingRange& f : folding_ranges(view)) {
    out.push_back({{"startLine", f.start_line},
                   {"endLine", f.end_line},
                   {"kind", f.kind == FoldingKind::comment ? "comment" : "region"}});
  }
  return out;
}

json Server::formatting(const json& params) {
  Document& doc = document(params);
  // The formatter of `dfopt format`, with its defaults, so that the editor and the command line
  // agree; the client's tabSize/insertSpaces describe its own indentation, not Dockerfile style.
  const Analysis& a = analysis(doc);
  const FormatResult formatted = format_source(a.source);
  if (formatted.error) throw RequestFailed{fmt::format("cannot format: {}", *formatted.error)};
  if (!formatted.changed) return json::array();
  return json::array({minimal_edit(a.source, formatted.text)});
}

// ---------------------------------------------------------------------------------------------

int serve(int in_fd, int out_fd) {
  MessageWriter writer(out_fd);
  Server server([&writer](const std::string& body) { writer.write(body); });
  // The reader waits on the input and on a pipe that wakes it when the server exits first.
  int wake[2];
  if (::pipe(wake) != 0) return 1;
  std::thread reader([&] {
    MessageReader messages([&](char* buffer, std::size_t size) -> std::ptrdiff_t {
      pollfd fds[2] = {{in_fd, POLLIN, 0}, {wake[0], POLLIN, 0}};
      for (;;) {
        if (::poll(fds, 2, -1) < 0) {
          if (errno == EINTR) continue;
          return -1;
        }
        if (fds[1].revents) return 0;
        if (fds[0].revents) return ::read(in_fd, buffer, size);
      }
    });
    for (;;) {
      MessageReader::Result r = messages.next();
      if (r.status == MessageReader::Status::eof) break;
      if (r.status == MessageReader::Status::error) {
        server.receive_error(std::move(r.error));
      } else {
        server.receive(std::move(r.body));
      }
    }
    server.close_input();
  });
  const int status = server.run();
  const char byte = 0;
  [[maybe_unused]] const ssize_t n = ::write(wake[1], &byte, 1);
  reader.join();
  ::close(wake[0]);
  ::close(wake[1]);
  return status;
}

}  // namespace dfopt::lsp
