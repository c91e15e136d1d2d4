#pragma once
// The language server behind `dfopt lsp`: LSP 3.17 over JSON-RPC. Messages arrive through
// receive() (on the reader's thread) and are handled in order by run() or dispatch_pending();
// diagnostics run on a worker thread of their own, so typing never waits for a check and a
// check never publishes results for a text that has changed since it started.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "dfopt/config.h"
#include "dfopt/engine.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "lsp/document.h"

namespace dfopt::lsp {

/// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestFailed = -32803,
  kRequestCancelled = -32800,
};

/// Settings the client can give in `initializationOptions` or `workspace/didChangeConfiguration`
/// (under a `dfopt` key or at the top level). They are layered over the project's configuration
/// file like the command line's options are.
struct ClientSettings {
  RuleSelection selection;                                 ///< select, extendSelect, ignore
  std::vector<std::pair<const Rule*, Severity>> severity;  ///< severity: {rule: level}
  std::optional<std::string> config;                       ///< config: an explicit config file
};

class Server {
 public:
  /// `send` writes one message body (JSON text); it is called from the dispatching thread and
  /// from the diagnostics worker, one call at a time.
  using Sink = std::function<void(const std::string& body)>;

  explicit Server(Sink send);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Queues one message body. `$/cancelRequest` takes effect here, before the cancelled request
  /// is dispatched. Thread-safe.
  void receive(std::string body);
  /// Reports a framing error (answered with a -32700 error). Thread-safe.
  void receive_error(std::string message);
  /// The input ended: run() returns once the queue is drained.
  void close_input();

  /// Handles messages until `exit` (or the end of input); returns the process exit status:
  /// 0 after `shutdown`, 1 otherwise, as the protocol asks.
  int run();
  /// Handles every queued message now (for tests); false once `exit` was handled.
  bool dispatch_pending();
  /// Blocks until no diagnostics run is pending or running (for tests and benchmarks).
  void wait_idle();
  bool exited() const { return exited_; }

 private:
  struct Document;
  struct Analysis;
  struct Queued {
    nlohmann::json message;
    bool cancelled = false;
    std::optional<std::string> framing_error;  ///< set for a message that could not be read
  };

  void dispatch(Queued& queued);
  void handle_request(const nlohmann::json& id, const std::string& method,
                      const nlohmann::json& params);
  void handle_notification(const std::string& method, const nlohmann::json& params);
  void reply(const nlohmann::json& id, nlohmann::json result);
  void reply_error(const nlohmann::json& id, int code, std::string_view message);
  void notify(std::string_view method, nlohmann::json params);
  void show_message(int type, std::string_view message);

  nlohmann::json initialize(const nlohmann::json& params);
  void did_open(const nlohmann::json& params);
  void did_change(const nlohmann::json& params);
  void did_close(const nlohmann::json& params);
  void did_save(const nlohmann::json& params);
  void did_change_configuration(const nlohmann::json& params);
  nlohmann::json code_action(const nlohmann::json& params);
  nlohmann::json hover(const nlohmann::json& params);
  nlohmann::json completion(const nlohmann::json& params);
  nlohmann::json document_symbol(const nlohmann::json& params);
  nlohmann::json folding_range(const nlohmann::json& params);
  nlohmann::json formatting(const nlohmann::json& params);

  /// The open document named by params.textDocument.uri; throws a params error otherwise.
  Document& document(const nlohmann::json& params);
  /// Parse and model of the document's current text, built on first use per edit.
  const Analysis& analysis(Document& doc);
  /// The check of the document's current text: the worker's when it is current, else run here.
  std::shared_ptr<const FileReport> current_report(Document& doc);
  std::shared_ptr<const Settings> settings_for(const std::string& uri);
  void apply_client_settings(const nlohmann::json& settings);
  void reload_settings();
  void schedule(const std::string& uri);
  void worker_loop();
  nlohmann::json to_json(const Diagnostic& d, const SourceFile& source) const;

  Sink send_;
  std::mutex send_mutex_;

  // Incoming queue (reader thread -> dispatcher).
  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<Queued> queue_;
  bool input_closed_ = false;

  // Lifecycle (dispatcher only).
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  std::string root_;
  ClientSettings client_;
  std::unique_ptr<ConfigFinder> finder_;
  Parser parser_;  ///< the dispatcher's, for requests; the worker has its own

  // Documents: written by the dispatcher, read by the worker under docs_mutex_.
  std::mutex docs_mutex_;
  std::map<std::string, std::unique_ptr<Document>> docs_;

  // Diagnostics worker.
  std::condition_variable work_cv_;
  std::condition_variable idle_cv_;
  std::set<std::string> pending_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

/// Runs a server over file descriptors (standard input and output for `dfopt lsp`) until
/// `exit`; returns the exit status.
int serve(int in_fd, int out_fd);

}  // namespace dfopt::lsp
