// Checking the Dockerfiles of an estate in parallel and collecting compact results.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <thread>
#include <tuple>

#include "dfopt/audit.h"
#include "dfopt/config.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/process_pool.h"

namespace dfopt::audit {
namespace {

bool is_root_user(std::string_view user) {
  // `root`, `0`, alone or with a group (`root:root`, `0:0`).
  const std::string_view name = user.substr(0, user.find(':'));
  return name == "root" || name == "0";
}

/// Official images that ship a full distribution and publish a slimmer variant
/// (`-slim`, `-alpine`) under the same name.
bool has_slim_variant(std::string_view repository) {
  static constexpr std::string_view images[] = {
      "library/buildpack-deps", "library/debian",  "library/golang", "library/node",
      "library/openjdk",        "library/perl",    "library/php",    "library/python",
      "library/ruby",           "library/rust",    "library/maven",  "library/gradle",
      "library/ubuntu",         "library/centos",  "library/fedora", "library/eclipse-temurin"};
  return std::find(std::begin(images), std::end(images), repository) != std::end(images);
}

bool is_slim_tag(std::string_view tag) {
  for (std::string_view word : {"slim", "alpine", "minimal", "distroless", "busybox", "micro"})
    if (tag.find(word) != std::string_view::npos) return true;
  return false;
}

/// One Dockerfile to check, with the settings of its configuration.
struct Task {
  uint32_t repo = 0;
  std::string path;  ///< relative to the repository
  std::string abs;   ///< as opened (the repository's root joined with `path`)
  const Settings* settings = nullptr;
};

/// What checking a task gives, compact: no source text, no fixes' edits.
struct Slot {
  FileResult file;
  std::vector<Finding> findings;
  std::optional<Fault> fault;
  bool done = false;
};

/// Reads a file for checking, classifying what stops it.
std::optional<Fault> read_file(const std::string& abs, uint32_t max_bytes, std::string& text) {
  const int fd = ::open(abs.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    const FaultKind kind = err == EACCES || err == EPERM ? FaultKind::permission
                           : err == ELOOP                ? FaultKind::symlink_loop
                                                         : FaultKind::unreadable;
    return Fault{kind, "", "", std::strerror(err)};
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Fault{FaultKind::unreadable, "", "", "not a regular file"};
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return Fault{FaultKind::too_large, "", "",
                 "file is " + std::to_string(st.st_size) + " bytes, over the limit of " +
                     std::to_string(max_bytes)};
  }
  text.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return Fault{FaultKind::unreadable, "", "", std::strerror(err)};
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  text.resize(got);
  // Text files hold no NUL byte; git's own test looks at the first 8000 bytes the same way.
  if (std::string_view(text).substr(0, 8000).find('\0') != std::string_view::npos)
    return Fault{FaultKind::binary, "", "", "binary file (contains NUL bytes)"};
  return std::nullopt;
}

std::string fix_kind(const Diagnostic& d) {
  if (!d.fix || d.fix->edits.empty()) return "";
  switch (d.fix->applicability) {
    case Applicability::safe: return "safe";
    case Applicability::unsafe: return "unsafe";
    case Applicability::display_only: return "display_only";
  }
  return "";
}

uint8_t fix_code(const std::string& kind) {
  return kind.empty() ? 0 : kind == "safe" ? 1 : kind == "unsafe" ? 2 : 3;
}
std::string fix_name(uint8_t code) {
  switch (code) {
    case 1: return "safe";
    case 2: return "unsafe";
    case 3: return "display_only";
  }
  return "";
}

/// Reads, parses and checks one file once: check_file shows the audit its AST and model, from
/// which the image facts come, so each file is parsed a single time.
Slot check_one(const Task& task, Parser& parser, uint32_t max_bytes) {
  Slot slot;
  slot.file.repo = task.repo;
  slot.file.path = task.path;
  std::string text;
  if (std::optional<Fault> f = read_file(task.abs, max_bytes, text)) {
    f->path = task.path;
    slot.fault = std::move(f);
    return slot;
  }
  ImageFacts& facts = slot.file.facts;
  const FileInspector inspect = [&facts](const FileContext& c) {
    facts = image_facts(c.ast, c.model);
  };
  // The path as opened, so that `per-file-ignores` globs match as they do for `dfopt check`.
  const FileReport report =
      check_file(SourceFile(task.abs, std::move(text)), *task.settings, parser, inspect);
  const SourceFile& file = report.source;
  const LineIndex& lines = file.lines();
  const uint32_t size = static_cast<uint32_t>(file.text().size());
  slot.findings.reserve(report.diagnostics.size());
  for (const Diagnostic& d : report.diagnostics) {
    Finding f;
    f.repo = task.repo;
    f.path = task.path;
    f.rule = d.code;
    f.severity = d.severity;
    f.message = d.message;
    const uint32_t b = std::min(d.range.begin, size), e = std::min(d.range.end, size);
    f.line = lines.line_of(b);
    f.column = lines.utf16_column(b, file.text()) + 1;
    f.end_line = lines.line_of(e);
    f.end_column = lines.utf16_column(e, file.text()) + 1;
    f.fix = fix_kind(d);
    ++slot.file.by_severity[static_cast<size_t>(d.severity)];
    slot.findings.push_back(std::move(f));
  }
  return slot;
}

// The encoding of a Slot between a worker process and the parent (the repository and path are
// the task's, known on both sides).
void encode_slot(std::string& out, const Slot& s) {
  using wire::put_str;
  using wire::put_u32;
  out.push_back(s.fault ? 1 : 0);
  if (s.fault) {
    out.push_back(static_cast<char>(s.fault->kind));
    put_str(out, s.fault->message);
    return;
  }
  const ImageFacts& f = s.file.facts;
  out.push_back(static_cast<char>(f.has_stage | f.runs_as_root << 1 | f.no_healthcheck << 2 |
                                  f.latest_or_untagged << 3 | f.smaller_base << 4));
  put_u32(out, static_cast<uint32_t>(f.bases.size()));
  for (const std::string& b : f.bases) put_str(out, b);
  put_u32(out, static_cast<uint32_t>(s.findings.size()));
  for (const Finding& x : s.findings) {
    put_str(out, x.rule);
    out.push_back(static_cast<char>(x.severity));
    put_str(out, x.message);
    put_u32(out, x.line);
    put_u32(out, x.column);
    put_u32(out, x.end_line);
    put_u32(out, x.end_column);
    out.push_back(static_cast<char>(fix_code(x.fix)));
  }
}

void decode_slot(std::string_view bytes, const Task& task, Slot& s) {
  wire::Decoder d{bytes};
  s.file.repo = task.repo;
  s.file.path = task.path;
  if (d.u8()) {
    Fault f;
    f.kind = static_cast<FaultKind>(d.u8());
    f.path = task.path;
    f.message = d.str();
    s.fault = std::move(f);
    return;
  }
  ImageFacts& f = s.file.facts;
  const uint8_t flags = d.u8();
  f.has_stage = flags & 1;
  f.runs_as_root = flags & 2;
  f.no_healthcheck = flags & 4;
  f.latest_or_untagged = flags & 8;
  f.smaller_base = flags & 16;
  const uint32_t bases = d.u32();
  for (uint32_t i = 0; i < bases && d.ok; ++i) f.bases.push_back(d.str());
  const uint32_t n = d.u32();
  for (uint32_t i = 0; i < n && d.ok; ++i) {
    Finding x;
    x.repo = task.repo;
    x.path = task.path;
    x.rule = d.str();
    x.severity = static_cast<Severity>(d.u8());
    x.message = d.str();
    x.line = d.u32();
    x.column = d.u32();
    x.end_line = d.u32();
    x.end_column = d.u32();
    x.fix = fix_name(d.u8());
    ++s.file.by_severity[static_cast<size_t>(x.severity)];
    s.findings.push_back(std::move(x));
  }
}

/// The settings of each configuration found, with the command line's severity overrides added
/// after the config's own (the last override wins).
class SettingsTable {
 public:
  explicit SettingsTable(const Options& o) : finder_(o.selection), severity_(o.severity) {}

  /// The settings for the file at `abs`, or the configuration's error.
  Expected<const Settings*> find(const std::string& abs) {
    auto config = finder_.find(abs);
    if (!config) return config.error();
    const ResolvedConfig* key = config->get();
    auto it = by_config_.find(key);
    if (it == by_config_.end()) {
      auto settings = std::make_unique<Settings>((*config)->settings);
      settings->severity.insert(settings->severity.end(), severity_.begin(), severity_.end());
      it = by_config_.emplace(key, std::move(settings)).first;
    }
    return it->second.get();
  }

 private:
  ConfigFinder finder_;
  std::vector<std::pair<const Rule*, Severity>> severity_;
  std::map<const ResolvedConfig*, std::unique_ptr<Settings>> by_config_;
};

std::string describe(const Error& e) {
  std::string where = e.path;
  if (e.location) where += ":" + std::to_string(e.location->line) + ":" +
                           std::to_string(e.location->column);
  return "not checked: its configuration is invalid (" + (where.empty() ? "" : where + ": ") +
         e.message + ")";
}

}  // namespace

ImageFacts image_facts(const SourceFile& file, Parser& parser) {
  const ParseResult parsed = parser.parse(file);
  return image_facts(parsed.ast, model::build_model(parsed.ast, file, {}));
}

ImageFacts image_facts(const ast::Dockerfile& ast, const model::Model& m) {
  ImageFacts facts;
  for (const model::Stage& s : m.stages()) {
    if (s.base_kind != model::BaseKind::image || !s.base.valid) continue;
    if ((s.base.tag.empty() && s.base.digest.empty()) || s.base.tag == "latest")
      facts.latest_or_untagged = true;
    std::string name = s.base.familiar_name() + ":" + (s.base.tag.empty() ? "latest" : s.base.tag);
    if (std::find(facts.bases.begin(), facts.bases.end(), name) == facts.bases.end())
      facts.bases.push_back(std::move(name));
  }
  const uint32_t target = m.target_stage();
  if (target == model::npos) return facts;
  facts.has_stage = true;
  const model::UserSetting* user = m.final_user(target);
  // No USER anywhere in the chain: the base image's user, which is root for nearly every image.
  facts.runs_as_root = user ? is_root_user(user->value) : true;
  // The last HEALTHCHECK of the chain decides (`HEALTHCHECK NONE` turns an inherited one off).
  bool health = false, decided = false;
  for (uint32_t s = target; s != model::npos && !decided; s = m.stage(s).parent) {
    const model::Stage& st = m.stage(s);
    for (uint32_t i = st.end_instr; i-- > st.body_begin();) {
      const ast::Instruction& in = ast.instructions[i];
      if (!in.is(ast::InstrKind::healthcheck)) continue;
      std::string type = in.healthcheck_type ? in.healthcheck_type->value : "";
      std::transform(type.begin(), type.end(), type.begin(), ::toupper);
      health = type != "NONE";
      decided = true;
      break;
    }
    if (st.base_kind != model::BaseKind::stage) break;
  }
  facts.no_healthcheck = !health;
  // The image the final chain starts from.
  const model::Stage* first = &m.stage(target);
  while (first->base_kind == model::BaseKind::stage && first->parent != model::npos)
    first = &m.stage(first->parent);
  if (first->base_kind == model::BaseKind::image && first->base.valid &&
      first->base.registry == "docker.io" && has_slim_variant(first->base.repository) &&
      !is_slim_tag(first->base.tag))
    facts.smaller_base = true;
  return facts;
}

void sort_faults(std::vector<Fault>& faults) {
  std::stable_sort(faults.begin(), faults.end(), [](const Fault& a, const Fault& b) {
    return std::tie(a.repo, a.path, a.kind) < std::tie(b.repo, b.path, b.kind);
  });
}

double score(size_t files, const std::array<size_t, 4>& s) {
  if (files == 0) return 100;
  const double penalty = (10.0 * s[0] + 3.0 * s[1] + 1.0 * s[2] + 0.25 * s[3]) /
                         static_cast<double>(files);
  return std::max(0.0, 100.0 - penalty);
}

AuditResult run(const Options& options) {
  const auto start = std::chrono::steady_clock::now();
  AuditResult result;
  std::vector<Error> errors;
  for (Repository& r : find_repositories(options.paths, errors)) {
    if (in_shard(r.name, options.shard_index, options.shard_count))
      result.repos.push_back(std::move(r));
  }
  for (const Error& e : errors)
    result.faults.push_back({FaultKind::unreadable, "", e.path, e.message});

  // Discovery and configuration happen here, before the workers are forked: they inherit the
  // settings read-only.
  SettingsTable table(options);
  std::vector<Task> tasks;
  for (uint32_t i = 0; i < result.repos.size(); ++i) {
    const Repository& repo = result.repos[i];
    for (std::string& rel : find_dockerfiles(repo, i, result.faults, options.include_ignored)) {
      Task task;
      task.repo = i;
      task.abs = repo.root + (repo.root.ends_with('/') ? "" : "/") + rel;
      Expected<const Settings*> settings = table.find(task.abs);
      if (!settings) {
        result.faults.push_back(
            {FaultKind::unreadable, repo.name, std::move(rel), describe(settings.error())});
        continue;
      }
      task.settings = *settings;
      task.path = std::move(rel);
      tasks.push_back(std::move(task));
    }
  }

  std::vector<Slot> slots(tasks.size());
  size_t done = 0;
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  auto cancelled = [&] { return options.cancel && options.cancel->load(); };
  unsigned workers = options.jobs ? options.jobs
                                  : std::max(1u, std::thread::hardware_concurrency());
  // A fork costs about a millisecond: a handful of files is checked faster right here.
  if (tasks.size() < 4 * static_cast<size_t>(workers)) workers = 1;
  Parser parser;  // each worker's own after the fork; then this process's for leftovers
  PoolCallbacks callbacks;
  callbacks.work = [&](size_t i, std::string& out) {
    encode_slot(out, check_one(tasks[i], parser, options.max_bytes));
  };
  callbacks.receive = [&](size_t i, std::string_view bytes) {
    decode_slot(bytes, tasks[i], slots[i]);
    slots[i].done = true;
    ++done;
  };
  auto last = start;
  callbacks.tick = [&] {
    if (cancelled()) return false;
    const auto now = std::chrono::steady_clock::now();
    if (options.progress && now - last >= std::chrono::milliseconds(200)) {
      last = now;
      options.progress(done, tasks.size(), elapsed());
    }
    return true;
  };
  const PoolOutcome outcome = run_in_processes(tasks.size(), workers, callbacks);
  for (size_t i : outcome.crashed) {
    slots[i].fault = Fault{FaultKind::unreadable, "", tasks[i].path,
                           "internal error: the worker process checking this file (or a file "
                           "before it) crashed; please report this bug"};
    slots[i].done = true;
  }
  for (size_t i : outcome.unstarted) {
    if (cancelled()) break;
    slots[i] = check_one(tasks[i], parser, options.max_bytes);
    slots[i].done = true;
    ++done;
    if (options.progress) callbacks.tick();
  }

  for (Slot& s : slots) {
    if (!s.done) continue;
    if (s.fault) {
      s.fault->repo = result.repos[s.file.repo].name;
      result.faults.push_back(std::move(*s.fault));
      continue;
    }
    for (Finding& f : s.findings) result.findings.push_back(std::move(f));
    result.files.push_back(std::move(s.file));
  }
  sort_faults(result.faults);
  result.seconds = elapsed();
  return result;
}

}  // namespace dfopt::audit
