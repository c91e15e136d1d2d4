// The language server in process (lsp/server.h): lifecycle, JSON-RPC errors, text sync,
// diagnostics, code actions, configuration, cancellation and a long run of random edits.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "dfopt/rule.h"
#include "lsp/document.h"
#include "lsp/server.h"

namespace dfopt::lsp {
namespace {

using nlohmann::json;

std::string id_of(std::string_view rule_name) {
  const Rule* r = find_rule(rule_name);
  return r ? std::string(r->info().id) : std::string(rule_name);
}

/// Drives a Server in process and records everything it sends.
class Client {
 public:
  Client() : server_([this](const std::string& body) { record(body); }) {}

  void send_raw(const std::string& body) { server_.receive(body); }
  void send(const json& message) { server_.receive(message.dump()); }

  json request(const std::string& method, json params) {
    const int id = next_id_++;
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    server_.dispatch_pending();
    return response(id);
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
    server_.dispatch_pending();
  }
  json initialize(json options = json::object(), std::string root = "") {
    json params = {{"processId", nullptr},
                   {"capabilities", json::object()},
                   {"initializationOptions", std::move(options)}};
    if (!root.empty()) params["rootUri"] = "file://" + root;
    json r = request("initialize", params);
    notify("initialized", json::object());
    return r;
  }
  void open(const std::string& uri, const std::string& text, int version = 1) {
    notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", uri}, {"languageId", "dockerfile"}, {"version", version}, {"text", text}}}});
  }

  json response(const json& id) {
    std::lock_guard lock(mutex_);
    for (const json& m : sent_) {
      if (m.contains("id") && m["id"] == id && !m.contains("method")) return m;
    }
    return nullptr;
  }
  std::vector<json> notifications(const std::string& method) {
    std::lock_guard lock(mutex_);
    std::vector<json> out;
    for (const json& m : sent_) {
      if (m.value("method", "") == method) out.push_back(m["params"]);
    }
    return out;
  }
  /// The last diagnostics published for `uri` once the server is idle.
  json diagnostics(const std::string& uri) {
    server_.wait_idle();
    json last;
    for (const json& p : notifications("textDocument/publishDiagnostics")) {
      if (p["uri"] == uri) last = p;
    }
    return last;
  }
  void clear() {
    std::lock_guard lock(mutex_);
    sent_.clear();
  }
  Server& server() { return server_; }

 private:
  void record(const std::string& body) {
    json m = json::parse(body, nullptr, false);
    ASSERT_FALSE(m.is_discarded()) << body;
    std::lock_guard lock(mutex_);
    sent_.push_back(std::move(m));
  }

  std::mutex mutex_;
  std::vector<json> sent_;
  int next_id_ = 1;
  Server server_;  // last: destroyed (worker joined) before what it writes to
};

std::vector<std::string> codes(const json& published) {
  std::vector<std::string> out;
  for (const json& d : published["diagnostics"]) out.push_back(d["code"]);
  return out;
}

bool has_code(const json& published, const std::string& code) {
  const auto c = codes(published);
  return std::find(c.begin(), c.end(), code) != c.end();
}

/// Applies LSP TextEdits to `text` (UTF-16 positions), last first.
std::string apply_edits(std::string text, json edits) {
  std::sort(edits.begin(), edits.end(), [](const json& a, const json& b) {
    const auto& x = a["range"]["start"];
    const auto& y = b["range"]["start"];
    return std::pair(x["line"].get<int>(), x["character"].get<int>()) >
           std::pair(y["line"].get<int>(), y["character"].get<int>());
  });
  for (const json& e : edits) {
    TextDocument doc(text);
    doc.replace({{e["range"]["start"]["line"], e["range"]["start"]["character"]},
                 {e["range"]["end"]["line"], e["range"]["end"]["character"]}},
                e["newText"].get<std::string>());
    text = std::string(doc.text());
  }
  return text;
}

constexpr const char* kUri = "untitled:Dockerfile";

TEST(LspServer, LifecycleAndErrors) {
  Client c;
  json r = c.request("textDocument/hover", json::object());
  EXPECT_EQ(r["error"]["code"], kServerNotInitialized);

  r = c.initialize();
  const json& caps = r["result"]["capabilities"];
  EXPECT_EQ(caps["textDocumentSync"]["change"], 2);
  EXPECT_EQ(caps["positionEncoding"], "utf-16");
  EXPECT_TRUE(caps["hoverProvider"].get<bool>());
  EXPECT_EQ(r["result"]["serverInfo"]["name"], "dfopt");
  EXPECT_EQ(c.request("initialize", json::object())["error"]["code"], kInvalidRequest);

  // Malformed JSON-RPC.
  c.clear();
  c.send_raw("{not json");
  c.send_raw("[1,2]");
  c.send_raw(R"({"jsonrpc":"1.0","id":500,"method":"shutdown"})");
  c.send_raw(R"({"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"})");
  c.send_raw(R"({"jsonrpc":"2.0","id":600,"method":"textDocument/hover","params":3})");
  c.server().receive_error("missing Content-Length header");
  c.server().dispatch_pending();
  EXPECT_EQ(c.response(nullptr)["error"]["code"], kParseError);
  EXPECT_EQ(c.response(500)["error"]["code"], kInvalidRequest);
  EXPECT_EQ(c.response(600)["error"]["code"], kInvalidParams);

  EXPECT_EQ(c.request("dfopt/unknown", json::object())["error"]["code"], kMethodNotFound);
  c.notify("dfopt/unknownNotification", json::object());  // ignored
  EXPECT_EQ(c.request("textDocument/hover",
                      {{"textDocument", {{"uri", "file:///nope"}}},
                       {"position", {{"line", 0}, {"character", 0}}}})["error"]["code"],
            kInvalidParams);
  c.open(kUri, "FROM alpine\n");
  EXPECT_EQ(c.request("textDocument/hover",
                      {{"textDocument", {{"uri", kUri}}},
                       {"position", {{"line", -1}, {"character", 0}}}})["error"]["code"],
            kInvalidParams);
  // Out-of-range positions are clamped, not errors.
  r = c.request("textDocument/hover", {{"textDocument", {{"uri", kUri}}},
                                       {"position", {{"line", 900}, {"character", 900}}}});
  EXPECT_TRUE(r.contains("result")) << r;
  r = c.request("textDocument/completion", {{"textDocument", {{"uri", kUri}}},
                                            {"position", {{"line", 0}, {"character", 900}}}});
  EXPECT_TRUE(r.contains("result")) << r;

  EXPECT_TRUE(c.request("shutdown", nullptr)["result"].is_null());
  EXPECT_EQ(c.request("textDocument/hover", json::object())["error"]["code"], kInvalidRequest);
  c.notify("exit", nullptr);
  EXPECT_TRUE(c.server().exited());
}

TEST(LspServer, CancelledRequestIsAnsweredWithRequestCancelled) {
  Client c;
  c.initialize();
  c.open(kUri, "FROM alpine\n");
  c.send({{"jsonrpc", "2.0"},
          {"id", 41},
          {"method", "textDocument/documentSymbol"},
          {"params", {{"textDocument", {{"uri", kUri}}}}}});
  c.send({{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", 41}}}});
  c.send(
      {{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", 999}}}});  // unknown
  c.server().dispatch_pending();
  EXPECT_EQ(c.response(41)["error"]["code"], kRequestCancelled);
}

TEST(LspServer, PublishesDiagnosticsInUtf16) {
  Client c;
  c.initialize();
  // "é" is one UTF-16 unit and two bytes, "😀" two units and four bytes.
  c.open(kUri, "FROM debian:12\nRUN echo \"é😀\" && apt-get install curl\n", 3);
  json published = c.diagnostics(kUri);
  EXPECT_EQ(published["version"], 3);
  const std::string yes = id_of("apt-get-install-without-yes");
  bool found = false;
  for (const json& d : published["diagnostics"]) {
    if (d["code"] != yes) continue;
    found = true;
    // `apt-get install` starts at byte 21 but UTF-16 column 18.
    EXPECT_EQ(d["range"]["start"], (json{{"line", 1}, {"character", 18}}));
    EXPECT_EQ(d["range"]["end"], (json{{"line", 1}, {"character", 33}}));
    EXPECT_EQ(d["source"], "dfopt");
    EXPECT_EQ(d["severity"], 2);
    EXPECT_TRUE(d["codeDescription"]["href"].get<std::string>().starts_with("https://"));
  }
  EXPECT_TRUE(found) << published;

  // An incremental edit after the non-ASCII text: add `-y`.
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 4}}},
                                      {"contentChanges",
                                       {{{"range",
                                          {{"start", {{"line", 1}, {"character", 33}}},
                                           {"end", {{"line", 1}, {"character", 33}}}}},
                                         {"text", " -y"}}}}});
  published = c.diagnostics(kUri);
  EXPECT_EQ(published["version"], 4);
  EXPECT_FALSE(has_code(published, yes)) << published;

  c.notify("textDocument/didClose", {{"textDocument", {{"uri", kUri}}}});
  published = c.diagnostics(kUri);
  EXPECT_TRUE(published["diagnostics"].empty());
  EXPECT_FALSE(published.contains("version"));
}

TEST(LspServer, NeverPublishesStaleVersions) {
  Client c;
  c.initialize();
  c.open(kUri, "FROM alpine\n", 1);
  std::string text = "FROM alpine\n";
  for (int v = 2; v <= 40; ++v) {
    text += "RUN echo " + std::to_string(v) + "\n";
    c.send({{"jsonrpc", "2.0"},
            {"method", "textDocument/didChange"},
            {"params",
             {{"textDocument", {{"uri", kUri}, {"version", v}}},
              {"contentChanges", {{{"text", text}}}}}}});
    if (v % 3 == 0) c.server().dispatch_pending();
  }
  c.server().dispatch_pending();
  const json last = c.diagnostics(kUri);
  EXPECT_EQ(last["version"], 40);
  int previous = 0;
  for (const json& p : c.notifications("textDocument/publishDiagnostics")) {
    EXPECT_GT(p["version"].get<int>(), previous);
    previous = p["version"];
  }
}

TEST(LspServer, CodeActions) {
  Client c;
  c.initialize();
  const std::string text = "FROM alpine:3.19\nadd a.txt /a.txt\nRUN apt-get install curl\n";
  c.open(kUri, text);
  const json published = c.diagnostics(kUri);
  ASSERT_TRUE(has_code(published, id_of("add-instead-of-copy"))) << published;

  auto actions_at = [&](int line, json only = nullptr) {
    json params = {{"textDocument", {{"uri", kUri}}},
                   {"range",
                    {{"start", {{"line", line}, {"character", 0}}},
                     {"end", {{"line", line}, {"character", 0}}}}},
                   {"context", {{"diagnostics", json::array()}}}};
    if (!only.is_null()) params["context"]["only"] = only;
    return c.request("textDocument/codeAction", params)["result"];
  };
  json actions = actions_at(1);
  const json* copy = nullptr;
  const json* ignore = nullptr;
  const json* fix_all = nullptr;
  for (const json& a : actions) {
    if (a["title"] == "Replace `ADD` with `COPY`") copy = &a;
    if (a["title"] == "Ignore " + id_of("add-instead-of-copy") + " for this instruction")
      ignore = &a;
    if (a["kind"] == "source.fixAll.dfopt") fix_all = &a;
  }
  ASSERT_NE(copy, nullptr) << actions.dump(1);
  EXPECT_EQ((*copy)["kind"], "quickfix");
  EXPECT_TRUE((*copy)["isPreferred"].get<bool>());
  EXPECT_EQ((*copy)["diagnostics"][0]["code"], id_of("add-instead-of-copy"));
  EXPECT_EQ(apply_edits(text, (*copy)["edit"]["changes"][kUri]),
            "FROM alpine:3.19\ncopy a.txt /a.txt\nRUN apt-get install curl\n");

  ASSERT_NE(ignore, nullptr) << actions.dump(1);
  EXPECT_EQ(apply_edits(text, (*ignore)["edit"]["changes"][kUri]),
            "FROM alpine:3.19\n# dfopt ignore=" + id_of("add-instead-of-copy") +
                "\nadd a.txt /a.txt\nRUN apt-get install curl\n");

  ASSERT_NE(fix_all, nullptr) << actions.dump(1);
  const std::string fixed = apply_edits(text, (*fix_all)["edit"]["changes"][kUri]);
  EXPECT_EQ(fixed.find("add a.txt"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("install -y"), std::string::npos) << fixed;
  EXPECT_EQ(fixed.find("--no-install-recommends"), std::string::npos) << fixed;  // unsafe

  // An unsafe fix is offered but not preferred.
  actions = actions_at(2, json::array({"quickfix"}));
  bool unsafe_seen = false;
  for (const json& a : actions) {
    EXPECT_EQ(a["kind"], "quickfix");
    if (a["title"].get<std::string>().ends_with("(unsafe)")) {
      unsafe_seen = true;
      EXPECT_FALSE(a.contains("isPreferred"));
    }
  }
  EXPECT_TRUE(unsafe_seen) << actions.dump(1);
  // Only the source action.
  actions = actions_at(0, json::array({"source"}));
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0]["title"], "Fix all safe problems");
}

TEST(LspServer, ConfigurationFromFileAndClient) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("dfopt-lsp-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "sub");
  const std::string pinned = id_of("apt-get-unpinned-package");
  const std::string yes = id_of("apt-get-install-without-yes");
  std::ofstream(dir / ".dfopt.yaml") << "ignore: [" << pinned << "]\n";
  const std::string uri = "file://" + (dir / "sub" / "Dockerfile").string();
  const std::string text = "FROM debian:12\nRUN apt-get install curl\n";

  Client c;
  c.initialize(json::object(), dir.string());
  c.open(uri, text);
  json published = c.diagnostics(uri);
  EXPECT_FALSE(has_code(published, pinned)) << published;
  EXPECT_TRUE(has_code(published, yes)) << published;

  // Client settings layer over the file: ignore one more rule, re-grade another, and report an
  // unknown rule.
  c.notify("workspace/didChangeConfiguration",
           {{"settings",
             {{"dfopt",
               {{"ignore", {yes, "no-such-rule"}},
                {"severity", {{id_of("apt-get-install-recommends"), "error"}}}}}}}});
  published = c.diagnostics(uri);
  EXPECT_FALSE(has_code(published, yes)) << published;
  EXPECT_FALSE(has_code(published, pinned)) << published;
  for (const json& d : published["diagnostics"]) {
    if (d["code"] == id_of("apt-get-install-recommends")) {
      EXPECT_EQ(d["severity"], 1);
    }
  }
  const auto messages = c.notifications("window/showMessage");
  ASSERT_FALSE(messages.empty());
  EXPECT_NE(messages.back()["message"].get<std::string>().find("no-such-rule"), std::string::npos);

  // `select` replaces the file's selection.
  c.notify("workspace/didChangeConfiguration", {{"settings", {{"select", {pinned}}}}});
  published = c.diagnostics(uri);
  EXPECT_EQ(codes(published), std::vector<std::string>{pinned}) << published;
  std::filesystem::remove_all(dir);
}

long resident_kib() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long pages = 0, resident = 0;
  const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  return n == 2 ? resident * (::sysconf(_SC_PAGESIZE) / 1024) : -1;
}

TEST(LspServer, SurvivesTenThousandRandomEditsWithFlatMemory) {
  Client c;
  c.initialize();
  std::string text =
      "# syntax=docker/dockerfile:1\nARG BASE=debian:12\nFROM ${BASE} AS build\n"
      "RUN apt-get update && apt-get install curl\nLABEL note=\"é😀中\"\n"
      "COPY --from=build /a /b\nRUN <<EOF\necho hi\nEOF\n";
  c.open(kUri, text);
  const char* pieces[] = {
      "RUN ",     "FROM ",      "\n", "\\\n",    "$",         "${",      "}",
      "\"",       "é",          "😀",  "--from=", "AS x",      "<<EOF\n", "EOF\n",
      "--mount=", "type=cache", " ",  "# c\n",   "ENV A=1\n", "\r\n"};
  std::mt19937 rng(6);
  TextDocument mirror(text);
  long baseline = -1;
  const int edits = 10000;
  for (int i = 0; i < edits; ++i) {
    const uint32_t lines = mirror.lines().line_count();
    auto random_position = [&] {
      // Some positions are out of range on purpose: they are clamped.
      return LspPosition{static_cast<uint32_t>(rng() % (lines + 2)),
                         static_cast<uint32_t>(rng() % 40)};
    };
    LspPosition a = random_position(), b = random_position();
    if (std::pair(b.line, b.character) < std::pair(a.line, a.character)) std::swap(a, b);
    if (rng() % 3) b = a;  // mostly insertions
    std::string insert;
    if (mirror.text().size() > 6000) {
      b = {lines + 1, 0};  // keep the text bounded: cut the tail
    } else {
      insert = pieces[rng() % std::size(pieces)];
    }
    mirror.replace({a, b}, insert);
    c.send({{"jsonrpc", "2.0"},
            {"method", "textDocument/didChange"},
            {"params",
             {{"textDocument", {{"uri", kUri}, {"version", i + 2}}},
              {"contentChanges",
               {{{"range",
                  {{"start", {{"line", a.line}, {"character", a.character}}},
                   {"end", {{"line", b.line}, {"character", b.character}}}}},
                 {"text", insert}}}}}}});
    if (i % 10 == 0) {
      const json position = {{"line", rng() % (lines + 1)}, {"character", rng() % 30}};
      const char* method = i % 20 == 0 ? "textDocument/hover" : "textDocument/completion";
      c.send({{"jsonrpc", "2.0"},
              {"id", 100000 + i},
              {"method", method},
              {"params", {{"textDocument", {{"uri", kUri}}}, {"position", position}}}});
    }
    c.server().dispatch_pending();
    if (i % 500 == 0) {
      c.clear();  // the recorder's memory is not the server's
      if (i == 2000) {
        c.server().wait_idle();
        baseline = resident_kib();
      }
    }
  }
  const json last = c.diagnostics(kUri);
  EXPECT_EQ(last["version"], edits + 1);
  // The server's text followed every edit: a fresh open of the mirrored text gets the same
  // diagnostics.
  c.open("untitled:Mirror", std::string(mirror.text()));
  EXPECT_EQ(c.diagnostics("untitled:Mirror")["diagnostics"], last["diagnostics"]);
  c.clear();
  const long after = resident_kib();
  if (baseline > 0 && after > 0) {
    // Flat: no growth beyond allocator noise over 8,000 edits.
    EXPECT_LT(after - baseline, 8 * 1024) << "RSS " << baseline << " KiB -> " << after << " KiB";
    std::printf("RSS after 2,000 edits: %ld KiB; after %d: %ld KiB\n", baseline, edits, after);
  }
}

}  // namespace
}  // namespace dfopt::lsp
