// Parse-stage benchmarks: bytes to tokens, to AST, and to AST plus semantic model.
//
// Corpus benchmarks run over every file of ../shared/corpus/real/files (DFOPT_SHARED_DIR in the
// environment overrides ../shared; DFOPT_BENCH_CORPUS names any other folder), loaded once into
// memory; without it they fall back to the project's own corpus/ and say so. Each iteration
// processes the whole corpus, so bytes/s and items/s (files/s) are corpus throughput.
//
//   AntlrLexer   the generated DockerfileLexer alone, on a plain ANTLRInputStream: the ceiling
//                for any pipeline that sends every byte through an ANTLR lexer once
//   DockerLexer  dfopt's lexer: the generated lexer for line starts, dfopt's byte scanner for
//                instruction bodies, plus directives, heredoc bodies and logical lines; tokens
//                discarded. *Reference variants lex bodies with the generated lexer too
//                (ParseOptions::reference_lexer), which is what the scanner replaced.
//   Parse        dfopt::Parser: bytes to ast::Dockerfile
//   ParseModel   Parse plus model::build_model: the pipeline every rule sees
//
// The *Threads variants run one Parser per thread (each thread processes the whole corpus;
// bytes/s is the sum). CorpusProcesses/.../N forks N workers per iteration that share the corpus
// through a shared-memory work counter. Threads scale worse than processes: ANTLR 4.9's DFA
// caches are static and every DFA edge lookup (in the lexer, one per character) takes the same
// process-wide mutex twice, so CorpusThreads/ParseModelReference, which sends every byte through
// the generated lexer, gains nothing from a second thread. Processes share nothing.
//
// Pathological/* benchmarks generate hostile files in code at several sizes and fit
// Complexity(oN): each must stay linear in its size (BigO "N" with a small RMS). Buffers above
// glibc's 32 MiB mmap threshold (the 1M-line continuation's UTF-32 copy is 56 MB) are mapped and
// page-faulted afresh in every iteration, which bends the largest size upwards; run with
// MALLOC_MMAP_THRESHOLD_=4294967295 to see the algorithm alone.
//
// Google Benchmark prints bytes_per_second in MiB/s ("M/s"); the MB/s counter is 10^6 bytes/s.
#include <benchmark/benchmark.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "DockerfileLexer.h"
#include "antlr4-runtime.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "parse/lexer.h"

namespace {

namespace fs = std::filesystem;

struct CorpusFile {
  std::string path;
  std::string bytes;
};

struct Corpus {
  std::string root;
  std::vector<CorpusFile> files;
  size_t bytes = 0;
};

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

fs::path shared_dir() {
  if (const char* env = std::getenv("DFOPT_SHARED_DIR"); env && *env) return env;
  return DFOPT_SHARED_DIR;
}

Corpus load_corpus() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("DFOPT_BENCH_CORPUS"); env && *env)
    candidates.emplace_back(env);
  candidates.push_back(shared_dir() / "corpus/real/files");
  candidates.push_back(fs::path(DFOPT_SOURCE_DIR) / "corpus");
  Corpus c;
  for (const fs::path& dir : candidates) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      std::fprintf(stderr, "parse_bench: %s is absent, skipping it\n", dir.c_str());
      continue;
    }
    c.root = dir.string();
    for (fs::recursive_directory_iterator it(dir, ec), end; it != end; it.increment(ec)) {
      if (ec) break;
      if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
      if (it->path().extension() == ".md") continue;  // corpus/README.md
      c.files.push_back({it->path().string(), read_bytes(it->path())});
    }
    std::sort(c.files.begin(), c.files.end(),
              [](const CorpusFile& a, const CorpusFile& b) { return a.path < b.path; });
    for (const CorpusFile& f : c.files) c.bytes += f.bytes.size();
    break;
  }
  if (c.files.empty()) {
    std::fprintf(stderr, "parse_bench: no corpus found; corpus benchmarks will skip\n");
  } else {
    std::fprintf(stderr, "parse_bench: corpus %s: %zu files, %zu bytes\n", c.root.c_str(),
                 c.files.size(), c.bytes);
  }
  return c;
}

const Corpus& corpus() {
  static const Corpus c = load_corpus();
  return c;
}

void set_throughput(benchmark::State& state, size_t bytes_per_iteration, size_t files) {
  const auto iterations = static_cast<int64_t>(state.iterations());
  state.SetBytesProcessed(iterations * static_cast<int64_t>(bytes_per_iteration));
  state.SetItemsProcessed(iterations * static_cast<int64_t>(files));
  state.counters["MB/s"] = benchmark::Counter(
      static_cast<double>(iterations) * static_cast<double>(bytes_per_iteration) / 1e6,
      benchmark::Counter::kIsRate);
}

bool skip_without_corpus(benchmark::State& state) {
  if (!corpus().files.empty()) return false;
  state.SkipWithError("no corpus (../shared/corpus/real/files or corpus/)");
  return true;
}

// ---- the pipeline stages -------------------------------------------------------------------

/// The generated lexer with nothing of dfopt's around it. Without the subclass nothing pops the
/// INSTR mode, so after the first instruction the rest of the file lexes as TEXT/NEWLINE/escape
/// tokens: the fewest and simplest DFA states the grammar has, which is what a ceiling should be.
class RawLexer {
 public:
  size_t run(const std::string& bytes) {
    input_.load(bytes);  // ANTLR 4.9: UTF-8 to UTF-32
    lexer_.setInputStream(&input_);
    size_t n = 0;
    while (lexer_.nextToken()->getType() != antlr4::Token::EOF) ++n;
    return n;
  }

 private:
  antlr4::ANTLRInputStream input_;
  dfopt::grammar::DockerfileLexer lexer_{&input_};
};

/// dfopt's lexer alone, as Parser runs it but without the token stream and parser. With
/// `Reference`, instruction bodies go through the grammar's INSTR/CONT modes (the generated
/// lexer) instead of dfopt's byte scanner, as ParseOptions::reference_lexer does.
template <bool Reference>
class DfoptLexer {
 public:
  DfoptLexer() { lexer_.set_reference_mode(Reference); }
  size_t run(const std::string& bytes) {
    stream_.load_bytes(bytes, 0);
    lexer_.begin(bytes);
    size_t n = 0;
    while (lexer_.nextToken()->getType() != antlr4::Token::EOF) ++n;
    return n;
  }

 private:
  dfopt::detail::SourceCharStream stream_;
  dfopt::detail::DockerLexer lexer_{&stream_};
};

dfopt::ParseOptions parse_options(bool reference) {
  dfopt::ParseOptions o;
  o.reference_lexer = reference;
  return o;
}

/// Bytes to AST: the SourceFile (a copy of the bytes and its line index) is part of the work.
template <bool Reference = false>
class ParseOnly {
 public:
  size_t run(const CorpusFile& f) {
    dfopt::SourceFile source(f.path, f.bytes);
    dfopt::ParseResult r = parser_.parse(source);
    benchmark::DoNotOptimize(r);
    return r.ast.instructions.size();
  }

 private:
  dfopt::Parser parser_{parse_options(Reference)};
};

/// Bytes to AST plus semantic model.
template <bool Reference = false>
class ParseModel {
 public:
  size_t run(const CorpusFile& f) {
    dfopt::SourceFile source(f.path, f.bytes);
    dfopt::ParseResult r = parser_.parse(source);
    dfopt::model::Model m = dfopt::model::build_model(r.ast, source);
    benchmark::DoNotOptimize(m);
    return r.ast.instructions.size();
  }

 private:
  dfopt::Parser parser_{parse_options(Reference)};
};

template <class Stage>
size_t run_stage(Stage& stage, const CorpusFile& f) {
  if constexpr (requires { stage.run(f); }) {
    return stage.run(f);
  } else {
    return stage.run(f.bytes);
  }
}

// ---- corpus benchmarks -----------------------------------------------------------------------

/// Runs `Stage` over the whole corpus per iteration, in each benchmark thread.
template <class Stage>
void BM_Corpus(benchmark::State& state) {
  if (skip_without_corpus(state)) return;
  const Corpus& c = corpus();
  Stage stage;  // one per thread, as the Parser contract requires
  size_t units = 0;
  for (auto _ : state) {
    for (const CorpusFile& f : c.files) units += run_stage(stage, f);
  }
  set_throughput(state, c.bytes, c.files.size());
  // Tokens (lexers) or instructions per file; averaged, not summed, over threads.
  state.counters["units/file"] = benchmark::Counter(
      static_cast<double>(units) / static_cast<double>(state.iterations() * c.files.size()),
      benchmark::Counter::kAvgThreads);
}

/// Each iteration forks state.range(0) worker processes that take files from a shared counter
/// in chunks and parse them (plus model); the parent waits for all. The workers inherit the
/// parent's warm Parser (and ANTLR's DFA caches) copy-on-write, as a pre-forked pool would after
/// its first files.
template <class Stage>
void BM_CorpusProcesses(benchmark::State& state) {
  if (skip_without_corpus(state)) return;
  const Corpus& c = corpus();
  const int workers = static_cast<int>(state.range(0));
  static Stage warm;  // warm the DFA caches before forking
  for (const CorpusFile& f : c.files) run_stage(warm, f);
  auto* next = static_cast<std::atomic<size_t>*>(mmap(nullptr, sizeof(std::atomic<size_t>),
                                                      PROT_READ | PROT_WRITE,
                                                      MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  if (next == MAP_FAILED) {
    state.SkipWithError("mmap failed");
    return;
  }
  constexpr size_t kChunk = 16;
  for (auto _ : state) {
    new (next) std::atomic<size_t>(0);
    std::vector<pid_t> pids;
    for (int w = 0; w < workers; ++w) {
      const pid_t pid = fork();
      if (pid == 0) {
        for (;;) {
          const size_t begin = next->fetch_add(kChunk);
          if (begin >= c.files.size()) break;
          const size_t end = std::min(begin + kChunk, c.files.size());
          for (size_t i = begin; i < end; ++i) run_stage(warm, c.files[i]);
        }
        _exit(0);
      }
      pids.push_back(pid);
    }
    for (pid_t pid : pids) {
      int status = 0;
      waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) state.SkipWithError("worker failed");
    }
  }
  munmap(next, sizeof(std::atomic<size_t>));
  set_throughput(state, c.bytes, c.files.size());
}

BENCHMARK_TEMPLATE(BM_Corpus, RawLexer)->Name("Corpus/AntlrLexer")->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Corpus, DfoptLexer<true>)
    ->Name("Corpus/DockerLexerReference")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Corpus, DfoptLexer<false>)
    ->Name("Corpus/DockerLexer")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Corpus, ParseOnly<>)->Name("Corpus/Parse")->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Corpus, ParseModel<true>)
    ->Name("Corpus/ParseModelReference")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Corpus, ParseModel<>)
    ->Name("Corpus/ParseModel")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Corpus, RawLexer)
    ->Name("CorpusThreads/AntlrLexer")
    ->ThreadRange(1, 2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Corpus, ParseModel<true>)
    ->Name("CorpusThreads/ParseModelReference")
    ->ThreadRange(1, 2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Corpus, ParseModel<>)
    ->Name("CorpusThreads/ParseModel")
    ->ThreadRange(1, 2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_CorpusProcesses, RawLexer)
    ->Name("CorpusProcesses/AntlrLexer")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_CorpusProcesses, ParseModel<>)
    ->Name("CorpusProcesses/ParseModel")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// ---- pathological inputs ---------------------------------------------------------------------

/// One instruction continued over n physical lines.
std::string long_continuation(size_t lines) {
  std::string s = "FROM scratch\nRUN echo start \\\n";
  for (size_t i = 0; i < lines; ++i) s += "  && echo x \\\n";
  s += "  && echo end\n";
  return s;
}

/// One RUN line of about n bytes.
std::string long_line(size_t bytes) {
  std::string s = "FROM scratch\nRUN echo";
  s.reserve(bytes + 16);
  while (s.size() < bytes) s += " abcdefg";
  s += '\n';
  return s;
}

/// n short instructions of every common kind, in one stage.
std::string many_instructions(size_t n) {
  static const char* const kLines[] = {
      "RUN apt-get update && apt-get install -y --no-install-recommends curl\n",
      "ENV LANG=C.UTF-8 HOME=/root\n",
      "COPY --chown=app:app src/ /app/src/\n",
      "ARG VERSION=1.2.3\n",
      "LABEL org.opencontainers.image.version=$VERSION\n",
      "WORKDIR /app\n",
      "USER app\n",
      "RUN [\"/bin/sh\", \"-c\", \"echo hi\"]\n",
  };
  std::string s = "FROM debian:bookworm\n";
  for (size_t i = 0; i < n; ++i) s += kLines[i % std::size(kLines)];
  return s;
}

/// One heredoc of n body lines.
std::string huge_heredoc(size_t lines) {
  std::string s = "FROM scratch\nRUN <<EOF\n";
  for (size_t i = 0; i < lines; ++i) s += "echo heredoc body line\n";
  s += "EOF\n";
  return s;
}

/// ONBUILD nested n deep (the builder stops at 64 and reports it).
std::string deep_onbuild(size_t depth) {
  std::string s = "FROM scratch\n";
  for (size_t i = 0; i < depth; ++i) s += "ONBUILD ";
  s += "RUN true\n";
  return s;
}

/// A JSON-looking RUN argument nested n deep: `RUN [[[...]]]`.
std::string deep_json(size_t depth) {
  std::string s = "FROM scratch\nRUN [";
  s.append(depth, '[');
  s.append(depth, ']');
  s += "]\n";
  return s;
}

/// n escape tokens in one line: a token per byte pair, the worst token density.
std::string escape_heavy(size_t n) {
  std::string s = "FROM scratch\nRUN echo ";
  for (size_t i = 0; i < n; ++i) s += "\\a";
  s += '\n';
  return s;
}

/// n stages, each FROM the previous one, with COPY --from and RUN --mount from= edges.
std::string many_stages(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    const std::string prev = std::to_string(i > 0 ? i - 1 : 0);
    s += "FROM s" + prev + " AS s" + std::to_string(i) + "\nCOPY --from=s" + prev +
         " /a /b\nRUN --mount=type=cache,from=s" + prev + ",target=/c true\n";
  }
  return s;
}

/// `ENV PATH=/opt/bin:$PATH` n times: BuildKit's semantics make the k-th value k times longer,
/// so a model that stores every expanded value is quadratic in the file's size.
std::string env_self_append(size_t n) {
  std::string s = "FROM scratch\n";
  for (size_t i = 0; i < n; ++i) s += "ENV PATH=/opt/bin:$PATH\n";
  return s;
}

template <std::string (*Make)(size_t), class Stage>
void BM_Pathological(benchmark::State& state) {
  const std::string text = Make(static_cast<size_t>(state.range(0)));
  const CorpusFile file{"pathological.Dockerfile", text};
  Stage stage;
  for (auto _ : state) benchmark::DoNotOptimize(run_stage(stage, file));
  set_throughput(state, text.size(), 1);
  state.SetComplexityN(static_cast<int64_t>(text.size()));
  state.counters["bytes"] = static_cast<double>(text.size());
}

#define DFOPT_PATHOLOGICAL(make, stage, label, a, b, c) \
  BENCHMARK_TEMPLATE(BM_Pathological, make, stage)      \
      ->Name("Pathological/" label)                     \
      ->Arg(a)                                          \
      ->Arg(b)                                          \
      ->Arg(c)                                          \
      ->Complexity(benchmark::oN)                       \
      ->Unit(benchmark::kMillisecond)

// Sizes are 1x, 2x and 4x, the largest being the case named in the project's issue; JSON goes
// from the 1,000 levels past Go's 10,000-level limit (BuildKit then reads shell form).
DFOPT_PATHOLOGICAL(long_continuation, ParseModel<>, "continuation_lines", 250000, 500000, 1000000);
DFOPT_PATHOLOGICAL(long_line, ParseModel<>, "single_line_bytes", 2500000, 5000000, 10000000);
DFOPT_PATHOLOGICAL(many_instructions, ParseModel<>, "instructions", 25000, 50000, 100000);
DFOPT_PATHOLOGICAL(huge_heredoc, ParseModel<>, "heredoc_lines", 125000, 250000, 500000);
DFOPT_PATHOLOGICAL(deep_onbuild, ParseModel<>, "onbuild_depth", 25000, 50000, 100000);
DFOPT_PATHOLOGICAL(deep_json, ParseModel<>, "json_depth", 1000, 4000, 16000);
DFOPT_PATHOLOGICAL(escape_heavy, ParseModel<>, "escapes", 250000, 500000, 1000000);
// Found superlinear when written (see the RMS): stage lookups by name scan every stage, and
// expanded ENV values grow with each self-reference.
DFOPT_PATHOLOGICAL(many_stages, ParseModel<>, "stages", 2500, 5000, 10000);
DFOPT_PATHOLOGICAL(env_self_append, ParseModel<>, "env_self_append", 1000, 2000, 4000);

}  // namespace

// The one main() of dfopt_bench, for every benchmarks/*.cpp linked into it.
BENCHMARK_MAIN();
