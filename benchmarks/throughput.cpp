// dfopt-throughput: how fast dfopt turns a directory of Dockerfiles into ASTs and models.
//
//   dfopt-throughput [-j N] [--workers threads|processes] [--mode antlr|lex|parse|model]
//                    [--repeat R] [--dockerfiles-only] [--read-in-workers] [--reference-lexer]
//                    [--tsv] DIR...
//
// Walks every DIR (regular files, or only Dockerfile-named ones), reads the files into memory,
// then processes them with N workers and prints files, bytes, wall seconds, files/s, MB/s
// (10^6 bytes), MB/s per worker, CPU seconds and peak RSS. Workers take files from a shared
// counter in small chunks, so a big file does not leave the other workers idle at the end.
//
//   --workers threads    N threads in this process, one Parser each
//   --workers processes  N forked processes; the counter lives in shared memory and each worker
//                        returns its totals (and its own rusage) through a pipe
//   --mode antlr   the generated ANTLR lexer alone (ceiling)   lex    dfopt's lexer
//          parse   bytes to AST                                model  bytes to AST + model
//   --repeat R     process the file list R times (for small inputs)
//   --read-in-workers  read each file inside the timed loop instead of beforehand
//   --reference-lexer  lex instruction bodies with the generated lexer, not dfopt's scanner
//                      (ParseOptions::reference_lexer; lex, parse and model modes)
//   --tsv          one tab-separated line (see --tsv-header), for scripts
//
// Exit code: 0, or 2 on a usage error or when a worker fails.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "DockerfileLexer.h"
#include "antlr4-runtime.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "parse/lexer.h"

namespace {

namespace fs = std::filesystem;

enum class Mode { antlr, lex, parse, model };
enum class Workers { threads, processes };

struct Options {
  unsigned jobs = 1;
  Workers workers = Workers::processes;
  Mode mode = Mode::model;
  unsigned repeat = 1;
  bool dockerfiles_only = false;
  bool read_in_workers = false;
  bool reference_lexer = false;
  bool tsv = false;
  std::vector<std::string> dirs;
};

struct InputFile {
  std::string path;
  std::string bytes;  // empty until read when --read-in-workers
  uint64_t size = 0;
};

/// What one worker did; plain data, so a process can write it to a pipe as is.
struct WorkerStats {
  uint64_t files = 0;
  uint64_t bytes = 0;
  uint64_t units = 0;        // tokens (lexer modes) or instructions
  uint64_t error_files = 0;  // files with an error diagnostic (parse and model modes)
  uint64_t read_failures = 0;
  double cpu_seconds = 0;  // this worker's user + system time (processes only)
  long max_rss_kb = 0;     // this worker's peak RSS (processes only)
};

const char* mode_name(Mode m) {
  switch (m) {
    case Mode::antlr:
      return "antlr";
    case Mode::lex:
      return "lex";
    case Mode::parse:
      return "parse";
    case Mode::model:
      return "model";
  }
  return "?";
}

[[noreturn]] void usage(const char* message) {
  if (message) std::fprintf(stderr, "dfopt-throughput: %s\n", message);
  std::fprintf(stderr,
               "usage: dfopt-throughput [-j N] [--workers threads|processes] "
               "[--mode antlr|lex|parse|model]\n"
               "                        [--repeat R] [--dockerfiles-only] [--read-in-workers] "
               "[--reference-lexer] [--tsv] DIR...\n"
               "       dfopt-throughput --tsv-header\n");
  std::exit(2);
}

unsigned parse_count(const char* text, const char* what) {
  char* end = nullptr;
  const unsigned long v = std::strtoul(text, &end, 10);
  if (end == text || *end != '\0' || v == 0 || v > 4096) {
    std::fprintf(stderr, "dfopt-throughput: %s must be a number from 1 to 4096, not '%s'\n", what,
                 text);
    std::exit(2);
  }
  return static_cast<unsigned>(v);
}

const char* const kTsvHeader =
    "mode\tworkers\tjobs\tfiles\tbytes\tseconds\tfiles_per_s\tmb_per_s\tmb_per_s_per_worker\t"
    "cpu_seconds\tpeak_rss_mib\terror_files";

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&](const char* what) -> const char* {
      if (i + 1 >= argc) usage((std::string(what) + " needs a value").c_str());
      return argv[++i];
    };
    if (a == "-j" || a == "--jobs") {
      o.jobs = parse_count(value("-j"), "-j");
    } else if (a.starts_with("-j") && a.size() > 2) {
      o.jobs = parse_count(argv[i] + 2, "-j");
    } else if (a == "--workers") {
      std::string_view v = value("--workers");
      if (v == "threads") {
        o.workers = Workers::threads;
      } else if (v == "processes") {
        o.workers = Workers::processes;
      } else {
        usage("--workers is threads or processes");
      }
    } else if (a == "--mode") {
      std::string_view v = value("--mode");
      if (v == "antlr") {
        o.mode = Mode::antlr;
      } else if (v == "lex") {
        o.mode = Mode::lex;
      } else if (v == "parse") {
        o.mode = Mode::parse;
      } else if (v == "model") {
        o.mode = Mode::model;
      } else {
        usage("--mode is antlr, lex, parse or model");
      }
    } else if (a == "--repeat") {
      o.repeat = parse_count(value("--repeat"), "--repeat");
    } else if (a == "--dockerfiles-only") {
      o.dockerfiles_only = true;
    } else if (a == "--read-in-workers") {
      o.read_in_workers = true;
    } else if (a == "--reference-lexer") {
      o.reference_lexer = true;
    } else if (a == "--tsv") {
      o.tsv = true;
    } else if (a == "--tsv-header") {
      std::printf("%s\n", kTsvHeader);
      std::exit(0);
    } else if (a == "-h" || a == "--help") {
      usage(nullptr);
    } else if (a.starts_with("-") && a != "-") {
      usage(("unknown option " + std::string(a)).c_str());
    } else {
      o.dirs.emplace_back(a);
    }
  }
  if (o.dirs.empty()) usage("no directory given");
  return o;
}

// ---- input ---------------------------------------------------------------------------------

/// The corpus rule: `Dockerfile` or `Containerfile` (any case), alone or joined by '.', '-' or
/// '_' to a prefix or suffix (Dockerfile.alpine, foo.Dockerfile, Dockerfile-dev).
bool is_dockerfile_name(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view word : {"dockerfile", "containerfile"}) {
    if (name == word) return true;
    auto sep = [](char c) { return c == '.' || c == '-' || c == '_'; };
    if (name.size() > word.size() + 1) {
      if (name.starts_with(word) && sep(name[word.size()])) return true;
      if (name.ends_with(word) && sep(name[name.size() - word.size() - 1])) return true;
    }
  }
  return false;
}

bool read_file(const std::string& path, std::string& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0;
  out.clear();
  if (ok) out.reserve(static_cast<size_t>(st.st_size));
  char buffer[1 << 16];
  while (ok) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = false;
    if (n <= 0) break;
    out.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return ok;
}

std::vector<InputFile> list_files(const Options& o) {
  std::vector<InputFile> files;
  for (const std::string& dir : o.dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      std::fprintf(stderr, "dfopt-throughput: '%s' is not a directory\n", dir.c_str());
      std::exit(2);
    }
    for (fs::recursive_directory_iterator it(dir, ec), end; it != end; it.increment(ec)) {
      if (ec) break;
      if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
      if (o.dockerfiles_only && !is_dockerfile_name(it->path().filename().string())) continue;
      files.push_back({it->path().string(), {}, static_cast<uint64_t>(it->file_size(ec))});
    }
    if (ec) {
      std::fprintf(stderr, "dfopt-throughput: walking '%s': %s\n", dir.c_str(),
                   ec.message().c_str());
      std::exit(2);
    }
  }
  std::sort(files.begin(), files.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  return files;
}

// ---- the pipeline stages -------------------------------------------------------------------

dfopt::ParseOptions parse_options(bool reference_lexer) {
  dfopt::ParseOptions o;
  o.reference_lexer = reference_lexer;
  return o;
}

/// One worker's pipeline; created in the worker (one Parser per thread or process).
class Stage {
 public:
  Stage(Mode mode, bool reference_lexer) : mode_(mode), parser_(parse_options(reference_lexer)) {
    lexer_.set_reference_mode(reference_lexer);
  }

  void run(const std::string& path, const std::string& bytes, WorkerStats& st) {
    switch (mode_) {
      case Mode::antlr: {
        antlr_input_.load(bytes);
        antlr_lexer_.setInputStream(&antlr_input_);
        while (antlr_lexer_.nextToken()->getType() != antlr4::Token::EOF) ++st.units;
        break;
      }
      case Mode::lex: {
        stream_.load_bytes(bytes, 0);
        lexer_.begin(bytes);
        while (lexer_.nextToken()->getType() != antlr4::Token::EOF) ++st.units;
        break;
      }
      case Mode::parse:
      case Mode::model: {
        dfopt::SourceFile source(path, bytes);
        dfopt::ParseResult r = parser_.parse(source);
        st.units += r.ast.instructions.size();
        if (!r.ok()) ++st.error_files;
        if (mode_ == Mode::model) {
          dfopt::model::Model m = dfopt::model::build_model(r.ast, source);
          if (m.instruction_count() != r.ast.instructions.size()) ++st.error_files;
        }
        break;
      }
    }
    ++st.files;
    st.bytes += bytes.size();
  }

 private:
  Mode mode_;
  antlr4::ANTLRInputStream antlr_input_;
  dfopt::grammar::DockerfileLexer antlr_lexer_{&antlr_input_};
  dfopt::detail::SourceCharStream stream_;
  dfopt::detail::DockerLexer lexer_{&stream_};
  dfopt::Parser parser_;
};

constexpr size_t kChunk = 8;  // files taken from the shared counter at a time

/// The loop every worker runs: take chunks of the (repeated) file list until it is exhausted.
WorkerStats work(const Options& o, const std::vector<InputFile>& files,
                 std::atomic<uint64_t>& next) {
  WorkerStats st;
  Stage stage(o.mode, o.reference_lexer);
  const uint64_t total = static_cast<uint64_t>(files.size()) * o.repeat;
  std::string buffer;
  for (;;) {
    const uint64_t begin = next.fetch_add(kChunk, std::memory_order_relaxed);
    if (begin >= total) break;
    const uint64_t end = std::min<uint64_t>(begin + kChunk, total);
    for (uint64_t i = begin; i < end; ++i) {
      const InputFile& f = files[i % files.size()];
      if (o.read_in_workers) {
        if (!read_file(f.path, buffer)) {
          ++st.read_failures;
          continue;
        }
        stage.run(f.path, buffer, st);
      } else {
        stage.run(f.path, f.bytes, st);
      }
    }
  }
  return st;
}

void add(WorkerStats& total, const WorkerStats& w) {
  total.files += w.files;
  total.bytes += w.bytes;
  total.units += w.units;
  total.error_files += w.error_files;
  total.read_failures += w.read_failures;
  total.cpu_seconds += w.cpu_seconds;
  total.max_rss_kb = std::max(total.max_rss_kb, w.max_rss_kb);
}

double seconds(const timeval& tv) { return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6; }

double cpu_seconds(int who) {
  rusage ru{};
  getrusage(who, &ru);
  return seconds(ru.ru_utime) + seconds(ru.ru_stime);
}

long max_rss_kb(int who) {
  rusage ru{};
  getrusage(who, &ru);
  return ru.ru_maxrss;
}

bool write_all(int fd, const void* data, size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool read_all(int fd, void* data, size_t size) {
  auto* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

/// Runs the workers as threads; CPU time is this process's.
WorkerStats run_threads(const Options& o, const std::vector<InputFile>& files) {
  std::atomic<uint64_t> next{0};
  std::vector<WorkerStats> results(o.jobs);
  const double cpu_before = cpu_seconds(RUSAGE_SELF);
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < o.jobs; ++w) {
    threads.emplace_back([&, w] { results[w] = work(o, files, next); });
  }
  for (std::thread& t : threads) t.join();
  WorkerStats total;
  for (const WorkerStats& r : results) add(total, r);
  total.cpu_seconds = cpu_seconds(RUSAGE_SELF) - cpu_before;
  return total;
}

/// Runs the workers as forked processes sharing a counter in an anonymous shared mapping; each
/// returns its WorkerStats through its own pipe. Returns false when a worker failed.
bool run_processes(const Options& o, const std::vector<InputFile>& files, WorkerStats& total) {
  void* shared = mmap(nullptr, sizeof(std::atomic<uint64_t>), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) {
    std::perror("dfopt-throughput: mmap");
    return false;
  }
  auto* next = new (shared) std::atomic<uint64_t>(0);
  static_assert(std::atomic<uint64_t>::is_always_lock_free, "the counter must work across fork");
  struct Child {
    pid_t pid;
    int fd;
  };
  std::vector<Child> children;
  bool ok = true;
  std::fflush(nullptr);  // nothing buffered may be written twice
  for (unsigned w = 0; w < o.jobs; ++w) {
    int fds[2];
    if (pipe(fds) != 0) {
      std::perror("dfopt-throughput: pipe");
      ok = false;
      break;
    }
    const pid_t pid = fork();
    if (pid < 0) {
      std::perror("dfopt-throughput: fork");
      close(fds[0]);
      close(fds[1]);
      ok = false;
      break;
    }
    if (pid == 0) {
      close(fds[0]);
      WorkerStats st = work(o, files, *next);
      st.cpu_seconds = cpu_seconds(RUSAGE_SELF);
      st.max_rss_kb = max_rss_kb(RUSAGE_SELF);
      _exit(write_all(fds[1], &st, sizeof st) ? 0 : 1);
    }
    close(fds[1]);
    children.push_back({pid, fds[0]});
  }
  for (const Child& c : children) {
    WorkerStats st;
    if (read_all(c.fd, &st, sizeof st)) {
      add(total, st);
    } else {
      ok = false;
    }
    close(c.fd);
    int status = 0;
    while (waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ok = false;
  }
  munmap(shared, sizeof(std::atomic<uint64_t>));
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  std::vector<InputFile> files = list_files(o);
  if (files.empty()) {
    std::fprintf(stderr, "dfopt-throughput: no files found\n");
    return 2;
  }
  const auto load_start = std::chrono::steady_clock::now();
  if (!o.read_in_workers) {
    for (InputFile& f : files) {
      if (!read_file(f.path, f.bytes)) {
        std::fprintf(stderr, "dfopt-throughput: cannot read '%s'\n", f.path.c_str());
        return 2;
      }
    }
  }
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();

  WorkerStats total;
  bool ok = true;
  const auto start = std::chrono::steady_clock::now();
  if (o.workers == Workers::threads) {
    total = run_threads(o, files);
  } else {
    ok = run_processes(o, files, total);
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!ok) {
    std::fprintf(stderr, "dfopt-throughput: a worker failed\n");
    return 2;
  }

  const double mb = static_cast<double>(total.bytes) / 1e6;
  const double mb_per_s = mb / wall;
  const double files_per_s = static_cast<double>(total.files) / wall;
  const long self_rss_kb = max_rss_kb(RUSAGE_SELF);
  // Threads: the process's peak. Processes: the largest of the parent (which holds the files)
  // and the biggest worker (which shares the parent's pages copy-on-write).
  const long peak_rss_kb =
      o.workers == Workers::threads ? self_rss_kb : std::max(self_rss_kb, total.max_rss_kb);
  const char* workers = o.workers == Workers::threads ? "threads" : "processes";

  if (o.tsv) {
    std::printf("%s\t%s\t%u\t%llu\t%llu\t%.3f\t%.0f\t%.2f\t%.2f\t%.3f\t%.1f\t%llu\n",
                mode_name(o.mode), workers, o.jobs, static_cast<unsigned long long>(total.files),
                static_cast<unsigned long long>(total.bytes), wall, files_per_s, mb_per_s,
                mb_per_s / o.jobs, total.cpu_seconds, peak_rss_kb / 1024.0,
                static_cast<unsigned long long>(total.error_files));
    return 0;
  }
  std::printf("mode %s%s, %u %s, repeat %u, %zu distinct files\n", mode_name(o.mode),
              o.reference_lexer ? " (reference lexer)" : "", o.jobs, workers, o.repeat,
              files.size());
  std::printf("  files       %llu (%llu with errors, %llu unreadable)\n",
              static_cast<unsigned long long>(total.files),
              static_cast<unsigned long long>(total.error_files),
              static_cast<unsigned long long>(total.read_failures));
  std::printf("  bytes       %llu (%.2f MB)\n", static_cast<unsigned long long>(total.bytes), mb);
  std::printf("  %-11s %llu\n",
              o.mode == Mode::antlr || o.mode == Mode::lex ? "tokens" : "instructions",
              static_cast<unsigned long long>(total.units));
  std::printf("  seconds     %.3f wall, %.3f CPU%s\n", wall, total.cpu_seconds,
              o.read_in_workers ? " (reads included)" : "");
  if (!o.read_in_workers) std::printf("  read        %.3f s before timing\n", load_seconds);
  std::printf("  files/s     %.0f\n", files_per_s);
  std::printf("  MB/s        %.2f (%.2f per worker; MB = 10^6 bytes)\n", mb_per_s,
              mb_per_s / o.jobs);
  if (o.workers == Workers::threads) {
    std::printf("  peak RSS    %.1f MiB\n", self_rss_kb / 1024.0);
  } else {
    std::printf("  peak RSS    %.1f MiB parent, %.1f MiB largest worker\n", self_rss_kb / 1024.0,
                total.max_rss_kb / 1024.0);
  }
  return 0;
}
