#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dfopt/engine.h"
#include "dfopt/fixes.h"
#include "dfopt/source.h"

/// Checking many files in parallel with deterministic results.
namespace dfopt::cli {

/// One file to check.
struct Job {
  std::string path;                   ///< read by the worker
  std::optional<SourceFile> preread;  ///< already read (standard input); `path` is then unused
  const Settings* settings = nullptr;
};

enum class WorkerKind { automatic, thread, process };

/// Checks every job and returns the reports in job order, whatever `jobs` is. With processes,
/// `jobs` children are forked, each takes every jobs-th file and streams its reports back
/// through a pipe; the ANTLR runtime shares its ATN caches between threads behind locks, so
/// processes scale better (measured: 2 threads give 1.2-1.3x, 2 processes 1.5-2x). `automatic`
/// uses processes when there are enough files to pay for the forks.
std::vector<FileReport> run_jobs(std::vector<Job>& jobs, unsigned workers, WorkerKind kind,
                                 uint32_t max_bytes);

/// As run_jobs, but each file goes through fix_file (`options`) instead of check_file. The
/// results hold the fixed texts; nothing is written. An unreadable file's result carries the
/// error in FixResult::report.
std::vector<FixResult> run_fix_jobs(std::vector<Job>& jobs, unsigned workers, WorkerKind kind,
                                    uint32_t max_bytes, const FixOptions& options);

}  // namespace dfopt::cli
