// Fix benchmarks: what `dfopt check --fix` costs over a plain `dfopt check`, over the corpus
// (../shared/corpus/real/files; DFOPT_SHARED_DIR overrides ../shared, DFOPT_BENCH_CORPUS names
// any other folder), loaded once into memory. The issue asks for fix_over_check <= 2.
//
//   Fix/Ratio/safe     per file: check_file, then fix_file with safe fixes (`--fix`), each timed
//   Fix/Ratio/unsafe   on this thread's CPU clock; and the same with unsafe fixes
//                      (`--fix --unsafe-fixes`). Counters: check_ms, fix_ms, fix_over_check,
//                      files_changed and rounds (lint-and-apply rounds over all files).
//   Fix/Check          check_file alone, and Fix/FixFile/{safe,unsafe} fix_file alone, for
//   Fix/FixFile/...    instruction counts: run them one at a time under callgrind, e.g.
//                      valgrind --tool=callgrind dfopt_bench --benchmark_filter='^Fix/Check$'
//                      with DFOPT_BENCH_LIMIT=N to take the first N files only.
//
// The default rule selection is used, as `dfopt check` without options.
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "dfopt/engine.h"
#include "dfopt/fixes.h"
#include "dfopt/parse.h"

namespace {

namespace fs = std::filesystem;

struct Corpus {
  std::vector<std::unique_ptr<dfopt::SourceFile>> files;
  size_t bytes = 0;
};

Corpus load() {
  size_t limit = SIZE_MAX;
  if (const char* env = std::getenv("DFOPT_BENCH_LIMIT"); env && *env) {
    limit = std::strtoull(env, nullptr, 10);
  }
  Corpus c;
  dfopt::bench::CorpusFiles found = dfopt::bench::find_corpus();
  if (found.dir.empty()) return c;
  const fs::path& dir = found.dir;
  std::vector<fs::path>& paths = found.paths;
  if (paths.size() > limit) paths.resize(limit);
  for (const fs::path& p : paths) {
    // Real paths, so that rules reading beside the Dockerfile (.dockerignore) do their work.
    c.files.push_back(std::make_unique<dfopt::SourceFile>(p.string(), dfopt::bench::read_bytes(p)));
    c.bytes += c.files.back()->text().size();
  }
  std::fprintf(stderr, "fix_bench: corpus %s: %zu files, %zu bytes\n", dir.c_str(), c.files.size(),
               c.bytes);
  return c;
}

const Corpus& corpus() {
  static const Corpus c = load();
  return c;
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

dfopt::FixOptions fix_options(bool unsafe) {
  dfopt::FixOptions o;
  o.unsafe = unsafe;
  return o;
}

void BM_Ratio(benchmark::State& state) {
  if (corpus().files.empty()) {
    state.SkipWithError("no corpus");
    return;
  }
  const dfopt::FixOptions options = fix_options(state.range(0) != 0);
  const dfopt::Settings settings;
  dfopt::Parser parser;
  double check_s = 0, fix_s = 0;
  size_t changed = 0, rounds = 0;
  for (auto _ : state) {
    changed = rounds = 0;
    for (const auto& source : corpus().files) {
      const double t0 = thread_cpu_seconds();
      benchmark::DoNotOptimize(dfopt::check_file(*source, settings, parser));
      const double t1 = thread_cpu_seconds();
      const dfopt::FixResult r = dfopt::fix_file(*source, settings, parser, options);
      const double t2 = thread_cpu_seconds();
      changed += r.changed() ? 1 : 0;
      rounds += r.passes;
      check_s += t1 - t0;
      fix_s += t2 - t1;
    }
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["check_ms"] = check_s / n * 1e3;
  state.counters["fix_ms"] = fix_s / n * 1e3;
  state.counters["fix_over_check"] = fix_s / check_s;
  state.counters["files_changed"] = static_cast<double>(changed);
  state.counters["rounds"] = static_cast<double>(rounds);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(corpus().bytes));
}

void BM_Check(benchmark::State& state) {
  const dfopt::Settings settings;
  dfopt::Parser parser;
  for (auto _ : state) {
    for (const auto& source : corpus().files) {
      benchmark::DoNotOptimize(dfopt::check_file(*source, settings, parser));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(corpus().bytes));
}

void BM_FixFile(benchmark::State& state) {
  const dfopt::FixOptions options = fix_options(state.range(0) != 0);
  const dfopt::Settings settings;
  dfopt::Parser parser;
  for (auto _ : state) {
    for (const auto& source : corpus().files) {
      benchmark::DoNotOptimize(dfopt::fix_file(*source, settings, parser, options));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(corpus().bytes));
}

BENCHMARK(BM_Ratio)->Name("Fix/Ratio/safe")->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ratio)->Name("Fix/Ratio/unsafe")->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Check)->Name("Fix/Check")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FixFile)->Name("Fix/FixFile/safe")->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FixFile)->Name("Fix/FixFile/unsafe")->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
