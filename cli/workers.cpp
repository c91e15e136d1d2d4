#include "workers.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "dfopt/fixes.h"
#include "dfopt/parse.h"
#include "dfopt/process_pool.h"
#include "input.h"

namespace dfopt::cli {
namespace {

FileReport check_job(Job& job, Parser& parser, uint32_t max_bytes) {
  if (job.preread) return check_file(std::move(*job.preread), *job.settings, parser);
  Expected<SourceFile> file = read_input(job.path, max_bytes);
  if (!file) {
    FileReport r;
    r.path = job.path;
    r.error = file.error();
    return r;
  }
  return check_file(std::move(*file), *job.settings, parser);
}

// A flat binary encoding of FileReport, for the pipe between a worker and the parent
// (dfopt/process_pool.h).

using wire::Decoder;
using wire::put_str;
using wire::put_u32;

void encode_report(std::string& out, const FileReport& r) {
  put_str(out, r.path);
  out.push_back(r.error ? 1 : 0);
  if (r.error) {
    out.push_back(static_cast<char>(r.error->kind));
    put_str(out, r.error->message);
    put_str(out, r.error->path);
    return;
  }
  put_str(out, r.source.path());
  put_str(out, r.source.text());
  put_u32(out, static_cast<uint32_t>(r.diagnostics.size()));
  for (const Diagnostic& d : r.diagnostics) {
    put_str(out, d.code);
    out.push_back(static_cast<char>(d.severity));
    put_str(out, d.message);
    put_u32(out, d.range.begin);
    put_u32(out, d.range.end);
    out.push_back(d.fix ? 1 : 0);
    if (!d.fix) continue;
    put_str(out, d.fix->title);
    out.push_back(static_cast<char>(d.fix->applicability));
    put_u32(out, static_cast<uint32_t>(d.fix->edits.size()));
    for (const Edit& e : d.fix->edits) {
      put_u32(out, e.range.begin);
      put_u32(out, e.range.end);
      put_str(out, e.replacement);
    }
  }
  put_u32(out, static_cast<uint32_t>(r.shellcheck.size()));
  for (const shellcheck::Script& s : r.shellcheck) {
    put_str(out, s.text);
    put_u32(out, static_cast<uint32_t>(s.map.size()));
    for (const ast::SourceMap::Piece& p : s.map) {
      put_u32(out, p.logical);
      put_u32(out, p.source);
      put_u32(out, p.size);
    }
    put_u32(out, s.anchor.begin);
    put_u32(out, s.anchor.end);
    put_u32(out, static_cast<uint32_t>(s.ignored.size()));
    for (uint32_t code : s.ignored) put_u32(out, code);
  }
}

/// Decodes one report; false when the buffer ends inside it (wait for more bytes).
bool decode_report(Decoder& d, FileReport& r) {
  r.path = d.str();
  if (d.u8()) {
    Error e;
    e.kind = static_cast<ErrorKind>(d.u8());
    e.message = d.str();
    e.path = d.str();
    r.error = std::move(e);
    return d.ok;
  }
  std::string path = d.str();
  std::string text = d.str();
  const uint32_t n = d.u32();
  if (!d.ok) return false;
  r.diagnostics.reserve(n);
  for (uint32_t i = 0; i < n && d.ok; ++i) {
    Diagnostic diag;
    diag.code = d.str();
    diag.severity = static_cast<Severity>(d.u8());
    diag.message = d.str();
    diag.range.begin = d.u32();
    diag.range.end = d.u32();
    if (d.u8()) {
      Fix fix;
      fix.title = d.str();
      fix.applicability = static_cast<Applicability>(d.u8());
      const uint32_t edits = d.u32();
      for (uint32_t k = 0; k < edits && d.ok; ++k) {
        Edit e;
        e.range.begin = d.u32();
        e.range.end = d.u32();
        e.replacement = d.str();
        fix.edits.push_back(std::move(e));
      }
      diag.fix = std::move(fix);
    }
    r.diagnostics.push_back(std::move(diag));
  }
  const uint32_t scripts = d.u32();
  for (uint32_t i = 0; i < scripts && d.ok; ++i) {
    shellcheck::Script s;
    s.text = d.str();
    const uint32_t pieces = d.u32();
    for (uint32_t k = 0; k < pieces && d.ok; ++k) {
      ast::SourceMap::Piece p;
      p.logical = d.u32();
      p.source = d.u32();
      p.size = d.u32();
      s.map.push_back(p);
    }
    s.anchor.begin = d.u32();
    s.anchor.end = d.u32();
    const uint32_t ignored = d.u32();
    for (uint32_t k = 0; k < ignored && d.ok; ++k) s.ignored.push_back(d.u32());
    r.shellcheck.push_back(std::move(s));
  }
  if (!d.ok) return false;
  r.source = SourceFile(std::move(path), std::move(text));
  return true;
}

void encode_fix(std::string& out, const FixResult& f) {
  encode_report(out, f.report);
  put_str(out, f.original);
  put_u32(out, static_cast<uint32_t>(f.applied.size()));
  for (const AppliedFix& a : f.applied) {
    put_str(out, a.code);
    put_str(out, a.title);
    out.push_back(static_cast<char>(a.applicability));
    put_u32(out, a.range.begin);
    put_u32(out, a.range.end);
  }
  put_u32(out, static_cast<uint32_t>(f.withheld.size()));
  for (const WithheldFix& w : f.withheld) {
    put_str(out, w.code);
    put_str(out, w.title);
    put_u32(out, w.range.begin);
    put_u32(out, w.range.end);
    put_str(out, w.reason);
    out.push_back(w.breaks_parse ? 1 : 0);
  }
  out.push_back(static_cast<char>(f.skipped));
  out.push_back(f.converged ? 1 : 0);
  put_u32(out, f.passes);
  put_u32(out, static_cast<uint32_t>(f.ignores_added));
  put_u32(out, static_cast<uint32_t>(f.ignores_merged));
  put_u32(out, static_cast<uint32_t>(f.unsuppressible));
}

bool decode_fix(Decoder& d, FixResult& f) {
  if (!decode_report(d, f.report)) return false;
  f.original = d.str();
  const uint32_t applied = d.u32();
  for (uint32_t i = 0; i < applied && d.ok; ++i) {
    AppliedFix a;
    a.code = d.str();
    a.title = d.str();
    a.applicability = static_cast<Applicability>(d.u8());
    a.range.begin = d.u32();
    a.range.end = d.u32();
    f.applied.push_back(std::move(a));
  }
  const uint32_t withheld = d.u32();
  for (uint32_t i = 0; i < withheld && d.ok; ++i) {
    WithheldFix w;
    w.code = d.str();
    w.title = d.str();
    w.range.begin = d.u32();
    w.range.end = d.u32();
    w.reason = d.str();
    w.breaks_parse = d.u8() != 0;
    f.withheld.push_back(std::move(w));
  }
  f.skipped = static_cast<FixSkip>(d.u8());
  f.converged = d.u8() != 0;
  f.passes = d.u32();
  f.ignores_added = d.u32();
  f.ignores_merged = d.u32();
  f.unsuppressible = d.u32();
  return d.ok;
}

/// What a worker does with a job, and how its result crosses the pipe.
struct CheckWork {
  using Result = FileReport;
  uint32_t max_bytes;
  Result run(Job& job, Parser& parser) const { return check_job(job, parser, max_bytes); }
  static void encode(std::string& out, const Result& r) { encode_report(out, r); }
  static bool decode(Decoder& d, Result& r) { return decode_report(d, r); }
  static void fail(Result& r, const std::string& path, Error e) {
    r.path = path;
    r.error = std::move(e);
  }
};

struct FixWork {
  using Result = FixResult;
  uint32_t max_bytes;
  const FixOptions* options;
  Result run(Job& job, Parser& parser) const {
    std::optional<SourceFile> file = std::move(job.preread);
    if (!file) {
      Expected<SourceFile> read = read_input(job.path, max_bytes);
      if (!read) {
        Result r;
        fail(r, job.path, read.error());
        return r;
      }
      file = std::move(*read);
    }
    return fix_file(std::move(*file), *job.settings, parser, *options);
  }
  static void encode(std::string& out, const Result& r) { encode_fix(out, r); }
  static bool decode(Decoder& d, Result& r) { return decode_fix(d, r); }
  static void fail(Result& r, const std::string& path, Error e) {
    r.report.path = path;
    r.report.error = std::move(e);
  }
};

template <class Work>
std::vector<typename Work::Result> run_threads(std::vector<Job>& jobs, unsigned workers,
                                               const Work& w) {
  std::vector<typename Work::Result> out(jobs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    Parser parser;
    for (size_t i = next++; i < jobs.size(); i = next++) out[i] = w.run(jobs[i], parser);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  return out;
}

template <class Work>
std::vector<typename Work::Result> run_processes(std::vector<Job>& jobs, unsigned workers,
                                                 const Work& work) {
  using Result = typename Work::Result;
  std::vector<Result> out(jobs.size());
  PoolCallbacks callbacks;
  Parser worker_parser;  // each worker's own after the fork; then the caller's for leftovers
  callbacks.work = [&](size_t i, std::string& bytes) {
    Work::encode(bytes, work.run(jobs[i], worker_parser));
  };
  callbacks.receive = [&](size_t i, std::string_view bytes) {
    Decoder d{bytes};
    Work::decode(d, out[i]);
  };
  const PoolOutcome outcome = run_in_processes(jobs.size(), workers, callbacks);
  // Files of a worker that was never forked are checked here; those of a worker that died are
  // reported (checking them again here could take the whole run down the same way).
  for (size_t i : outcome.crashed) {
    Work::fail(out[i], jobs[i].path,
               Error{ErrorKind::internal,
                     "internal error: the worker process checking '" + jobs[i].path +
                         "' (or a file before it) crashed; please report this bug",
                     jobs[i].path,
                     {}});
  }
  for (size_t i : outcome.unstarted) out[i] = work.run(jobs[i], worker_parser);
  return out;
}

template <class Work>
std::vector<typename Work::Result> run(std::vector<Job>& jobs, unsigned workers, WorkerKind kind,
                                       const Work& work) {
  if (workers == 0) workers = 1;
  if (workers > jobs.size()) workers = static_cast<unsigned>(std::max<size_t>(1, jobs.size()));
  if (kind == WorkerKind::automatic) {
    // A fork costs about a millisecond; below a few dozen files threads are as good.
    kind = workers > 1 && jobs.size() >= 64 ? WorkerKind::process : WorkerKind::thread;
  }
  if (workers == 1) kind = WorkerKind::thread;
  if (kind == WorkerKind::process) return run_processes(jobs, workers, work);
  return run_threads(jobs, workers, work);
}

}  // namespace

std::vector<FileReport> run_jobs(std::vector<Job>& jobs, unsigned workers, WorkerKind kind,
                                 uint32_t max_bytes) {
  return run(jobs, workers, kind, CheckWork{max_bytes});
}

std::vector<FixResult> run_fix_jobs(std::vector<Job>& jobs, unsigned workers, WorkerKind kind,
                                    uint32_t max_bytes, const FixOptions& options) {
  return run(jobs, workers, kind, FixWork{max_bytes, &options});
}

}  // namespace dfopt::cli
