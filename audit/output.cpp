// Audit outputs: the terminal summary, JSON Lines, SARIF, and atomic writes.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "dfopt/audit.h"
#include "dfopt/report.h"
#include "dfopt/rule.h"

namespace dfopt::audit {
namespace {

using json = nlohmann::ordered_json;

/// Rule metadata for a finding's code, or nullptr for engine codes (internal-error).
const RuleInfo* rule_info(std::string_view code) {
  const Rule* r = find_rule(code);
  return r ? &r->info() : nullptr;
}

/// JSON text for `s`, replacing invalid UTF-8 (messages may quote file bytes).
json str(const std::string& s) { return json(s); }

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

template <typename Map>
std::vector<std::pair<std::string, size_t>> top(const Map& counts, size_t n) {
  std::vector<std::pair<std::string, size_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (v.size() > n) v.resize(n);
  return v;
}

}  // namespace

std::string render_summary(const AuditResult& r, bool color) {
  const auto bold = [&](std::string_view s) {
    return color ? fmt::format("\x1b[1m{}\x1b[0m", s) : std::string(s);
  };
  std::string out;
  struct RepoTotals {
    size_t files = 0;
    std::array<size_t, 4> sev{};
  };
  std::vector<RepoTotals> repos(r.repos.size());
  std::map<std::string, size_t> bases;
  size_t root = 0, no_health = 0, latest = 0, smaller = 0, images = 0;
  for (const FileResult& f : r.files) {
    RepoTotals& t = repos[f.repo];
    ++t.files;
    for (size_t i = 0; i < 4; ++i) t.sev[i] += f.by_severity[i];
    for (const std::string& b : f.facts.bases) ++bases[b];
    if (!f.facts.has_stage) continue;
    ++images;
    root += f.facts.runs_as_root;
    no_health += f.facts.no_healthcheck;
    latest += f.facts.latest_or_untagged;
    smaller += f.facts.smaller_base;
  }
  std::map<std::string, size_t> rules;
  for (const Finding& f : r.findings) ++rules[f.rule];

  size_t name_width = 10;
  for (const Repository& repo : r.repos) name_width = std::max(name_width, repo.name.size());
  name_width = std::min<size_t>(name_width, 48);
  out += bold(fmt::format("{:<{}}  {:>6}  {:>6}  {:>8}  {:>6}  {:>6}  {:>5}", "repository",
                          name_width, "files", "errors", "warnings", "info", "style", "score")) +
         "\n";
  std::array<size_t, 4> all{};
  size_t files = 0;
  for (size_t i = 0; i < r.repos.size(); ++i) {
    const RepoTotals& t = repos[i];
    files += t.files;
    for (size_t k = 0; k < 4; ++k) all[k] += t.sev[k];
    out += fmt::format("{:<{}}  {:>6}  {:>6}  {:>8}  {:>6}  {:>6}  {:>5.1f}\n", r.repos[i].name,
                       name_width, t.files, t.sev[0], t.sev[1], t.sev[2], t.sev[3],
                       score(t.files, t.sev));
  }
  out += fmt::format("{:<{}}  {:>6}  {:>6}  {:>8}  {:>6}  {:>6}  {:>5.1f}\n\n", "total",
                     name_width, files, all[0], all[1], all[2], all[3], score(files, all));

  out += bold("top rules") + "\n";
  for (const auto& [code, n] : top(rules, 10)) {
    const RuleInfo* info = rule_info(code);
    out += fmt::format("  {:>7}  {:<6} {}\n", n, code, info ? info->name : std::string_view());
  }
  out += "\n" + bold("most used base images") + "\n";
  for (const auto& [image, n] : top(bases, 10)) out += fmt::format("  {:>7}  {}\n", n, image);
  const auto pct = [&](size_t n) { return images ? 100.0 * n / images : 0.0; };
  out += "\n" + bold(fmt::format("final images ({})", images)) + "\n";
  out += fmt::format("  {:>7}  ({:4.1f}%) run as root\n", root, pct(root));
  out += fmt::format("  {:>7}  ({:4.1f}%) have no health check\n", no_health, pct(no_health));
  out += fmt::format("  {:>7}  ({:4.1f}%) use a `latest` or untagged base\n", latest,
                     pct(latest));
  out += fmt::format("  {:>7}  ({:4.1f}%) could move to a smaller base (-slim or -alpine)\n",
                     smaller, pct(smaller));
  if (!r.faults.empty()) {
    std::array<size_t, kFaultKinds> by_kind{};
    for (const Fault& f : r.faults) ++by_kind[static_cast<size_t>(f.kind)];
    out += "\n" + bold(fmt::format("skipped ({})", r.faults.size())) + "\n";
    for (size_t k = 0; k < kFaultKinds; ++k)
      if (by_kind[k])
        out += fmt::format("  {:>7}  {}\n", by_kind[k], to_string(static_cast<FaultKind>(k)));
  }
  out += fmt::format("\n{} files in {} repositories, {} findings", files, r.repos.size(),
                     r.findings.size());
  if (r.seconds > 0)
    out += fmt::format(" ({:.1f} s, {:.0f} files/s)", r.seconds, files / r.seconds);
  out += "\n";
  return out;
}

std::string render_jsonl(const AuditResult& r) {
  std::string out;
  for (const Finding& f : r.findings) {
    const Repository& repo = r.repos[f.repo];
    const RuleInfo* info = rule_info(f.rule);
    json j = {{"repository", repo.name},
              {"commit", repo.commit.empty() ? json(nullptr) : json(repo.commit)},
              {"path", f.path},
              {"rule", f.rule},
              {"name", info ? json(std::string(info->name)) : json(nullptr)},
              {"severity", std::string(to_string(f.severity))},
              {"message", f.message},
              {"line", f.line},
              {"column", f.column},
              {"end_line", f.end_line},
              {"end_column", f.end_column},
              {"fix", f.fix.empty() ? json(nullptr) : json(f.fix)}};
    out += dump(j);
    out += '\n';
  }
  return out;
}

std::string render_sarif(const AuditResult& r) {
  // One run for the estate; each repository is a uriBaseId, so that locations stay relative
  // to their repository (SARIF 3.14.14), with its commit in versionControlProvenance.
  json base_ids = json::object();
  json provenance = json::array();
  for (const Repository& repo : r.repos) {
    std::error_code ec;
    std::string abs = std::filesystem::absolute(repo.root, ec).lexically_normal().generic_string();
    if (abs.empty() || abs.back() != '/') abs += '/';
    base_ids[repo.name] = {{"uri", "file://" + abs}};
    if (!repo.commit.empty())
      provenance.push_back({{"repositoryUri", "file://" + abs},
                            {"revisionId", repo.commit},
                            {"mappedTo", {{"uriBaseId", repo.name}}}});
  }
  std::map<std::string, size_t> rule_index;
  json rules = json::array();
  json results = json::array();
  for (const Finding& f : r.findings) {
    auto [it, added] = rule_index.emplace(f.rule, rule_index.size());
    if (added) {
      const RuleInfo* info = rule_info(f.rule);
      json rule = {{"id", f.rule}};
      if (info) {
        rule["name"] = std::string(info->name);
        rule["shortDescription"] = {{"text", std::string(info->summary)}};
        rule["helpUri"] = rule_docs_url(*info);
        rule["defaultConfiguration"] = {
            {"level", info->severity == Severity::error     ? "error"
                      : info->severity == Severity::warning ? "warning"
                                                            : "note"}};
      }
      rules.push_back(std::move(rule));
    }
    const char* level = f.severity == Severity::error     ? "error"
                        : f.severity == Severity::warning ? "warning"
                                                          : "note";
    results.push_back(
        {{"ruleId", f.rule},
         {"ruleIndex", it->second},
         {"level", level},
         {"message", {{"text", f.message}}},
         {"locations",
          {{{"physicalLocation",
             {{"artifactLocation", {{"uri", f.path}, {"uriBaseId", r.repos[f.repo].name}}},
              {"region",
               {{"startLine", f.line},
                {"startColumn", f.column},
                {"endLine", f.end_line},
                {"endColumn", f.end_column}}}}}}}}});
  }
  json notifications = json::array();
  for (const Fault& fault : r.faults) {
    json n = {{"level", "warning"},
              {"message", {{"text", fmt::format("{}: {}", to_string(fault.kind), fault.message)}}}};
    if (!fault.path.empty()) {
      json loc = {{"uri", fault.path}};
      if (!fault.repo.empty()) loc["uriBaseId"] = fault.repo;
      n["locations"] = {{{"physicalLocation", {{"artifactLocation", loc}}}}};
    }
    notifications.push_back(std::move(n));
  }
  json run = {{"tool",
               {{"driver",
                 {{"name", "dfopt"},
                  {"informationUri", std::string(kProjectUrl)},
                  {"version", DFOPT_VERSION},
                  {"rules", rules}}}}},
              {"originalUriBaseIds", base_ids},
              {"invocations",
               {{{"executionSuccessful", true}, {"toolExecutionNotifications", notifications}}}},
              {"results", results}};
  if (!provenance.empty()) run["versionControlProvenance"] = provenance;
  json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", {run}}};
  return log.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Atomic writes. A temporary file is removed by the signal handler when the run is interrupted
// while it is being written, so an interrupted run leaves no stray files either.

namespace {
constexpr size_t kMaxTemp = 4096;
char g_temp[kMaxTemp];
std::atomic<bool> g_temp_set{false};
}  // namespace

void remove_pending_temp() {
  if (g_temp_set.load()) ::unlink(g_temp);  // async-signal-safe
}

std::optional<Error> write_atomically(const std::string& path, std::string_view text) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string temp =
      (dir / fmt::format(".{}.tmp.{}", target.filename().string(), ::getpid())).string();
  if (temp.size() >= kMaxTemp)
    return Error{ErrorKind::io, "path too long", path, std::nullopt};
  std::memcpy(g_temp, temp.c_str(), temp.size() + 1);
  g_temp_set.store(true);
  auto fail = [&](const char* what) {
    const int err = errno;
    ::unlink(temp.c_str());
    g_temp_set.store(false);
    return Error{ErrorKind::io, fmt::format("cannot {}: {}", what, std::strerror(err)), path,
                 std::nullopt};
  };
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return fail("create the output file");
  size_t put = 0;
  while (put < text.size()) {
    const ssize_t n = ::write(fd, text.data() + put, text.size() - put);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return fail("write the output file");
    }
    put += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    return fail("flush the output file");
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) return fail("rename the output file");
  g_temp_set.store(false);
  return std::nullopt;
}

}  // namespace dfopt::audit
