#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/diagnostic.h"
#include "dfopt/engine.h"
#include "dfopt/expected.h"

/// `dfopt audit`: checks every Dockerfile of many repositories and summarises the estate.
/// Findings are kept in a compact form (no source text), so memory grows with the number of
/// findings, not with the size of the files.
namespace dfopt::audit {

/// Files skipped because they could not be checked; the run goes on and counts them.
enum class FaultKind : uint8_t { unreadable, binary, too_large, symlink_loop, permission };
inline constexpr size_t kFaultKinds = 5;
std::string_view to_string(FaultKind kind);

struct Fault {
  FaultKind kind = FaultKind::unreadable;
  std::string repo;
  std::string path;  ///< relative to the repository
  std::string message;
};

/// A repository: a git checkout, or a folder given as one.
struct Repository {
  std::string name;     ///< the folder name (unique within a run; a suffix makes it so)
  std::string root;     ///< its path as found
  std::string commit;   ///< HEAD's commit for a git checkout; "" otherwise
  bool recursive = true;  ///< false: only the files directly in `root` (see find_repositories)
};

/// One finding, located with 1-based lines and UTF-16 columns (end exclusive).
struct Finding {
  uint32_t repo = 0;  ///< index into AuditResult::repos
  std::string path;   ///< relative to the repository, '/'-separated
  std::string rule;   ///< rule ID (or engine code)
  Severity severity = Severity::warning;
  std::string message;
  uint32_t line = 1, column = 1, end_line = 1, end_column = 1;
  std::string fix;  ///< "safe", "unsafe", "display_only" or "" (no fix)
};

/// Facts about the image a Dockerfile builds (its target stage).
struct ImageFacts {
  bool has_stage = false;
  bool runs_as_root = false;    ///< the final USER is root (or no USER is set)
  bool no_healthcheck = false;  ///< no HEALTHCHECK in the final stage's chain
  bool latest_or_untagged = false;  ///< some FROM image has no tag and no digest, or `latest`
  bool smaller_base = false;    ///< the final base is a full distribution image with a slim tag
  std::vector<std::string> bases;  ///< external base images ("name:tag"), one per FROM
};

struct FileResult {
  uint32_t repo = 0;
  std::string path;  ///< relative to the repository
  ImageFacts facts;
  std::array<uint32_t, 4> by_severity{};
};

struct Options {
  std::vector<std::string> paths;
  uint32_t shard_index = 0, shard_count = 1;  ///< --shard K/N, K 1-based in the CLI
  uint32_t max_bytes = 1u << 20;
  unsigned jobs = 0;  ///< worker processes; 0: one per core
  /// Each file is checked with the configuration `dfopt check` would use for it (the nearest
  /// .dfopt.yaml / dfopt.yaml, else .hadolint.yaml / .hadolint.yml, up from its folder), with
  /// this selection (--select, --extend-select, --ignore) layered on top as check layers its
  /// command line...
  RuleSelection selection;
  /// ...and these severity overrides (--severity RULE=LEVEL) after the config's own.
  std::vector<std::pair<const Rule*, Severity>> severity;
  /// Also check Dockerfiles that .gitignore files exclude and those in vendored folders
  /// (node_modules, bower_components, vendor).
  bool include_ignored = false;
  /// Called about every 200 ms while files are being checked: files done and total.
  std::function<void(size_t done, size_t total, double seconds)> progress;
  /// Set to stop early (Ctrl-C): the result then holds what was checked.
  const std::atomic<bool>* cancel = nullptr;
};

struct AuditResult {
  std::vector<Repository> repos;
  std::vector<FileResult> files;   ///< sorted by repository then path
  std::vector<Finding> findings;   ///< sorted by repository, path, position, rule
  std::vector<Fault> faults;
  double seconds = 0;
};

/// The repositories `paths` name: a git checkout (it holds `.git`) is one repository; any other
/// folder is a folder of checkouts, each subfolder a repository, and Dockerfiles directly in it
/// form a repository named after the folder itself. Sorted by name.
std::vector<Repository> find_repositories(const std::vector<std::string>& paths,
                                          std::vector<Error>& errors);

/// Whether repository `name` belongs to shard `index` of `count` (0-based): a stable hash of the
/// name, so every shard sees the same split whatever the machine.
bool in_shard(std::string_view name, uint32_t index, uint32_t count);

/// The Dockerfiles of one repository, relative to its root, sorted: the names `check` finds
/// plus those named by docker-compose files and docker-bake.hcl/.json. Faults met during the
/// walk (permission errors, symbolic link loops) are appended to `faults`.
/// Walks skip `.git`, vendored folders (node_modules, bower_components, vendor) and what the
/// .gitignore files on the way exclude, unless `include_ignored`.
std::vector<std::string> find_dockerfiles(const Repository& repo, uint32_t repo_index,
                                          std::vector<Fault>& faults,
                                          bool include_ignored = false);

/// The Dockerfile paths (relative to the file's directory) a compose or bake file names.
std::vector<std::string> compose_dockerfiles(std::string_view yaml_text);
std::vector<std::string> bake_dockerfiles(std::string_view text, bool json);

/// Image facts from a Dockerfile's AST and model (the audit takes them from check_file's).
ImageFacts image_facts(const ast::Dockerfile& ast, const model::Model& model);
/// Image facts for one Dockerfile, parsed here.
ImageFacts image_facts(const SourceFile& file, Parser& parser);

/// Runs the audit: discovery and configuration in this process, checking in `jobs` forked
/// worker processes that stream compact results back (dfopt/process_pool.h). Never throws.
AuditResult run(const Options& options);

/// A repository's score from 0 to 100: 100 minus a penalty per file of 10 per error, 3 per
/// warning, 1 per info and 0.25 per style finding, at least 0.
double score(size_t files, const std::array<size_t, 4>& by_severity);

/// Outputs. Each returns the complete text; the caller writes it atomically.
std::string render_summary(const AuditResult& result, bool color);
std::string render_jsonl(const AuditResult& result);
std::string render_sarif(const AuditResult& result);
/// One self-contained page (no network requests): inline SVG charts of findings by rule, by
/// category and by repository and of the base-image mix, and a sortable, filterable table.
std::string render_html(const AuditResult& result);

/// History. store_run appends `result` as a new run in one transaction (so an interrupted run
/// stores nothing); `shard` is "K/N" or "". load_run reads the newest run back. The schema is
/// documented in docs/audit.md.
std::optional<Error> store_run(const std::string& path, const AuditResult& result,
                               std::string_view shard);
Expected<AuditResult> load_run(const std::string& path);
/// Counts per run with the change from the run before (`dfopt audit trend`).
Expected<std::string> render_trend(const std::string& path);

/// Combines shard results into what a single run over every shard's repositories gives
/// (`seconds` aside): repositories in name order, each with its files, findings and faults.
AuditResult merge(std::vector<AuditResult> shards);

/// Orders faults by repository, path and kind (run and merge both use it).
void sort_faults(std::vector<Fault>& faults);

/// Writes `text` to `path` atomically (a temporary file in the same folder, then a rename), so
/// that the file is either complete or absent even if the process is interrupted.
std::optional<Error> write_atomically(const std::string& path, std::string_view text);
/// Removes the temporary file write_atomically is writing, if any. Async-signal-safe: for a
/// SIGINT/SIGTERM handler, which then ends the process.
void remove_pending_temp();

}  // namespace dfopt::audit
