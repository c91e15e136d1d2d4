// Checking the Dockerfiles of an estate in parallel and collecting compact results.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <tuple>

#include "dfopt/audit.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"

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

void check_one(const std::string& abs, Slot& slot, const Settings& settings, Parser& parser,
               uint32_t max_bytes) {
  std::string text;
  if (std::optional<Fault> f = read_file(abs, max_bytes, text)) {
    f->path = slot.file.path;
    slot.fault = std::move(f);
    return;
  }
  SourceFile source(slot.file.path, std::move(text));
  slot.file.facts = image_facts(source, parser);
  FileReport report = check_file(std::move(source), settings, parser);
  const SourceFile& file = report.source;
  const LineIndex& lines = file.lines();
  slot.findings.reserve(report.diagnostics.size());
  for (const Diagnostic& d : report.diagnostics) {
    Finding f;
    f.repo = slot.file.repo;
    f.path = slot.file.path;
    f.rule = d.code;
    f.severity = d.severity;
    f.message = d.message;
    const uint32_t size = static_cast<uint32_t>(file.text().size());
    const uint32_t b = std::min(d.range.begin, size), e = std::min(d.range.end, size);
    f.line = lines.line_of(b);
    f.column = lines.utf16_column(b, file.text()) + 1;
    f.end_line = lines.line_of(e);
    f.end_column = lines.utf16_column(e, file.text()) + 1;
    f.fix = fix_kind(d);
    ++slot.file.by_severity[static_cast<size_t>(d.severity)];
    slot.findings.push_back(std::move(f));
  }
}

}  // namespace

ImageFacts image_facts(const SourceFile& file, Parser& parser) {
  ImageFacts facts;
  const ParseResult parsed = parser.parse(file);
  const model::Model m = model::build_model(parsed.ast, file, {});
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
      const ast::Instruction& in = parsed.ast.instructions[i];
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

AuditResult run(const Options& options, const Settings& settings) {
  const auto start = std::chrono::steady_clock::now();
  AuditResult result;
  std::vector<Error> errors;
  for (Repository& r : find_repositories(options.paths, errors)) {
    if (in_shard(r.name, options.shard_index, options.shard_count))
      result.repos.push_back(std::move(r));
  }
  for (const Error& e : errors)
    result.faults.push_back({FaultKind::unreadable, "", e.path, e.message});

  std::vector<Slot> slots;
  std::vector<std::string> abs_paths;
  for (uint32_t i = 0; i < result.repos.size(); ++i) {
    const Repository& repo = result.repos[i];
    for (std::string& rel : find_dockerfiles(repo, i, result.faults)) {
      Slot slot;
      slot.file.repo = i;
      abs_paths.push_back(repo.root + "/" + rel);
      slot.file.path = std::move(rel);
      slots.push_back(std::move(slot));
    }
  }

  std::atomic<size_t> next{0}, done{0};
  const unsigned jobs = options.jobs ? options.jobs
                                     : std::max(1u, std::thread::hardware_concurrency());
  auto worker = [&] {
    Parser parser;
    for (;;) {
      if (options.cancel && options.cancel->load()) return;
      const size_t i = next.fetch_add(1);
      if (i >= slots.size()) return;
      check_one(abs_paths[i], slots[i], settings, parser, options.max_bytes);
      slots[i].done = true;
      done.fetch_add(1);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::min<size_t>(jobs, slots.size()); ++t) threads.emplace_back(worker);
  if (options.progress) {
    // The caller's thread reports progress while the others work, then joins the work.
    std::thread reporter_work(worker);
    while (done.load() < slots.size() && !(options.cancel && options.cancel->load())) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      options.progress(done.load(), slots.size(), secs);
    }
    reporter_work.join();
  } else {
    worker();
  }
  for (std::thread& t : threads) t.join();

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
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace dfopt::audit
