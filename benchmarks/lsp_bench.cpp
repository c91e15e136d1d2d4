// Language server latency (lsp/server.h), in process, on a 2,000-line Dockerfile built from the
// in-repo samples (corpus/*.Dockerfile, repeated with numbered stage names):
//
//   Lsp/ChangeToDiagnostics   an incremental didChange (one character on a middle line) until
//                             its publishDiagnostics has been written: the whole path an editor
//                             waits for, debounce included (wall clock)
//   Lsp/Hover, Lsp/Completion a request until its response, on a document already analysed
//   Lsp/HoverAfterChange      the first hover after a didChange (timed once its diagnostics are
//                             out): it pays for the new text's parse and model
//
// Messages go through the JSON-RPC handling but not a pipe; framing costs microseconds. Times are
// wall clock; process_time is the CPU time of every thread (the diagnostics worker included),
// which is what the wall clock would be on an otherwise idle machine.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lsp/server.h"

namespace {

using nlohmann::json;
constexpr const char* kUri = "untitled:Dockerfile";

/// About 2,000 lines from the samples; every FROM gets a stage name of its own.
std::string big_dockerfile() {
  std::vector<std::string> samples;
  const std::filesystem::path dir = std::filesystem::path(DFOPT_SOURCE_DIR) / "corpus";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".Dockerfile" ||
        entry.path().filename().string().starts_with("windows")) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    samples.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::string out;
  size_t lines = 0;
  for (size_t i = 0; lines < 2000; ++i) {
    const std::string& s =
        samples.empty() ? std::string("FROM alpine\nRUN echo hi\n") : samples[i % samples.size()];
    // Drop parser directives after the first copy; they are only valid at the top.
    std::string body = s;
    if (i > 0) {
      while (body.starts_with("# syntax") || body.starts_with("# escape") ||
             body.starts_with("# check")) {
        body.erase(0, body.find('\n') + 1);
      }
    }
    out += body;
    if (!out.ends_with('\n')) out += '\n';
    lines = static_cast<size_t>(std::count(out.begin(), out.end(), '\n'));
  }
  return out;
}

/// A server and a client-side view of what it sends.
struct Harness {
  std::mutex mutex;
  std::condition_variable cv;
  int64_t published_version = -1;
  int64_t responses = 0;
  dfopt::lsp::Server server{[this](const std::string& body) {
    const json m = json::parse(body);
    std::lock_guard lock(mutex);
    if (m.value("method", "") == "textDocument/publishDiagnostics") {
      published_version = m["params"].value("version", int64_t{-1});
    } else if (m.contains("id")) {
      ++responses;
    }
    cv.notify_all();
  }};
  int64_t version = 1;
  int next_id = 1;
  uint32_t lines = 0;

  Harness() {
    server.receive(json{{"jsonrpc", "2.0"},
                        {"id", next_id++},
                        {"method", "initialize"},
                        {"params", {{"capabilities", json::object()}}}}
                       .dump());
    const std::string text = big_dockerfile();
    lines = static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n'));
    server.receive(json{
        {"jsonrpc", "2.0"},
        {"method", "textDocument/didOpen"},
        {"params",
         {{"textDocument",
           {{"uri", kUri}, {"languageId", "dockerfile"}, {"version", version}, {"text", text}}}}}}
                       .dump());
    server.dispatch_pending();
    wait_for_version(version);
  }
  void wait_for_version(int64_t v) {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return published_version >= v; });
  }
  /// Types one character into a comment-free spot of a middle line, or deletes it again.
  void change() {
    ++version;
    const bool insert = version % 2 == 0;
    const uint32_t line = lines / 2;
    json range = {{"start", {{"line", line}, {"character", 0}}},
                  {"end", {{"line", line}, {"character", insert ? 0 : 1}}}};
    server.receive(json{{"jsonrpc", "2.0"},
                        {"method", "textDocument/didChange"},
                        {"params",
                         {{"textDocument", {{"uri", kUri}, {"version", version}}},
                          {"contentChanges", {{{"range", range}, {"text", insert ? "#" : ""}}}}}}}
                       .dump());
    server.dispatch_pending();
  }
  void request(const char* method, uint32_t line, uint32_t character) {
    const int64_t before = responses;
    server.receive(json{{"jsonrpc", "2.0"},
                        {"id", next_id++},
                        {"method", method},
                        {"params",
                         {{"textDocument", {{"uri", kUri}}},
                          {"position", {{"line", line}, {"character", character}}}}}}
                       .dump());
    server.dispatch_pending();
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return responses > before; });
  }
};

void ChangeToDiagnostics(benchmark::State& state) {
  Harness h;
  for (auto _ : state) {
    h.change();
    h.wait_for_version(h.version);
  }
  state.counters["lines"] = h.lines;
}
BENCHMARK(ChangeToDiagnostics)
    ->Name("Lsp/ChangeToDiagnostics")
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void Hover(benchmark::State& state) {
  Harness h;
  h.server.wait_idle();
  for (auto _ : state) h.request("textDocument/hover", h.lines / 2 + 1, 1);
}
BENCHMARK(Hover)
    ->Name("Lsp/Hover")
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void Completion(benchmark::State& state) {
  Harness h;
  h.server.wait_idle();
  for (auto _ : state) h.request("textDocument/completion", h.lines / 2 + 1, 0);
}
BENCHMARK(Completion)
    ->Name("Lsp/Completion")
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void HoverAfterChange(benchmark::State& state) {
  Harness h;
  for (auto _ : state) {
    state.PauseTiming();
    h.change();
    h.wait_for_version(h.version);
    h.server.wait_idle();
    state.ResumeTiming();
    h.request("textDocument/hover", h.lines / 2 + 1, 1);
  }
}
BENCHMARK(HoverAfterChange)
    ->Name("Lsp/HoverAfterChange")
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace
