// The generated rule reference: docs/rules/<rule-name>.md for every rule and docs/rules/README.md
// (indexes by category and by peer alias), all from RuleInfo, the same source as `dfopt explain`.
#include "rules_docs.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

#include "dfopt/rule.h"

namespace dfopt::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kRegenerate = "cmake --build build --target rule-docs";

/// hadolint's rules (v2.15), with the short names of its documentation, so that the alias index
/// can say which ones dfopt does not mirror. Removed rules are listed too: configurations still
/// name them.
struct PeerRule {
  std::string_view id;
  std::string_view name;
};
constexpr std::array<PeerRule, 75> kHadolintRules = {{
    {"DL1001", "no-inline-ignore"},
    {"DL3000", "absolute-workdir"},
    {"DL3001", "pointless-commands"},
    {"DL3002", "last-user-root"},
    {"DL3003", "use-workdir"},
    {"DL3004", "no-sudo"},
    {"DL3005", "no-apt-dist-upgrade (removed from hadolint)"},
    {"DL3006", "tag-image"},
    {"DL3007", "no-latest"},
    {"DL3008", "pin-apt"},
    {"DL3009", "apt-lists-cleanup"},
    {"DL3010", "add-for-archives"},
    {"DL3011", "valid-port"},
    {"DL3012", "one-healthcheck"},
    {"DL3013", "pin-pip"},
    {"DL3014", "apt-yes"},
    {"DL3015", "no-install-recommends"},
    {"DL3016", "pin-npm"},
    {"DL3017", "no-apk-upgrade (removed from hadolint)"},
    {"DL3018", "pin-apk"},
    {"DL3019", "apk-no-cache"},
    {"DL3020", "copy-not-add"},
    {"DL3021", "copy-dest-slash"},
    {"DL3022", "copy-from-known-stage"},
    {"DL3023", "copy-from-self"},
    {"DL3024", "unique-stage-names"},
    {"DL3025", "json-cmd"},
    {"DL3026", "trusted-registry"},
    {"DL3027", "no-apt"},
    {"DL3028", "pin-gem"},
    {"DL3029", "no-from-platform"},
    {"DL3030", "yum-yes"},
    {"DL3031", "no-yum-update (removed from hadolint)"},
    {"DL3032", "yum-clean"},
    {"DL3033", "pin-yum"},
    {"DL3034", "zypper-non-interactive"},
    {"DL3035", "no-zypper-dup"},
    {"DL3036", "zypper-clean"},
    {"DL3037", "pin-zypper"},
    {"DL3038", "dnf-yes"},
    {"DL3039", "no-dnf-update (removed from hadolint)"},
    {"DL3040", "dnf-clean"},
    {"DL3041", "pin-dnf"},
    {"DL3042", "pip-no-cache-dir"},
    {"DL3043", "onbuild-restrictions"},
    {"DL3044", "env-self-reference"},
    {"DL3045", "copy-relative-no-workdir"},
    {"DL3046", "useradd-l"},
    {"DL3047", "wget-progress"},
    {"DL3048", "label-key"},
    {"DL3049", "label-missing"},
    {"DL3050", "label-superfluous"},
    {"DL3051", "label-empty"},
    {"DL3052", "label-url"},
    {"DL3053", "label-rfc3339"},
    {"DL3054", "label-spdx"},
    {"DL3055", "label-githash"},
    {"DL3056", "label-semver"},
    {"DL3057", "healthcheck-missing"},
    {"DL3058", "label-email"},
    {"DL3059", "consolidate-runs"},
    {"DL3060", "yarn-cache-clean"},
    {"DL3061", "from-first"},
    {"DL3062", "pin-go"},
    {"DL3063", "reserved-stage-name"},
    {"DL3064", "secrets-in-arg-env"},
    {"DL3065", "redundant-targetplatform"},
    {"DL3066", "numeric-user"},
    {"DL3067", "copy-whole-fs"},
    {"DL4000", "maintainer-deprecated"},
    {"DL4001", "curl-or-wget"},
    {"DL4003", "one-cmd"},
    {"DL4004", "one-entrypoint"},
    {"DL4005", "use-shell-instr"},
    {"DL4006", "pipefail"},
}};

/// BuildKit's build checks (Dockerfile frontend 1.8+).
constexpr std::array<std::string_view, 22> kBuildKitChecks = {
    "ConsistentInstructionCasing",
    "CopyIgnoredFile",
    "DuplicateStageName",
    "ExposeInvalidFormat",
    "ExposeProtoCasing",
    "FromAsCasing",
    "FromPlatformFlagConstDisallowed",
    "InvalidBaseImagePlatform",
    "InvalidDefaultArgInFrom",
    "InvalidDefinitionDescription",
    "JSONArgsRecommended",
    "LegacyKeyValueFormat",
    "MaintainerDeprecated",
    "MultipleInstructionsDisallowed",
    "NoEmptyContinuation",
    "RedundantTargetPlatform",
    "ReservedStageName",
    "SecretsUsedInArgOrEnv",
    "StageNameCasing",
    "UndefinedArgInFrom",
    "UndefinedVar",
    "WorkdirRelativePath",
};

enum class Peer { hadolint, buildkit, trivy, checkov };

constexpr std::array<Peer, 4> kPeers = {Peer::hadolint, Peer::buildkit, Peer::trivy, Peer::checkov};

std::string_view peer_name(Peer p) {
  switch (p) {
    case Peer::hadolint:
      return "hadolint";
    case Peer::buildkit:
      return "BuildKit";
    case Peer::trivy:
      return "Trivy";
    case Peer::checkov:
      return "Checkov";
  }
  return "";
}

bool is_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

Peer peer_of(std::string_view alias) {
  if (alias.size() == 6 && alias.substr(0, 2) == "DL" && is_digits(alias.substr(2))) {
    return Peer::hadolint;
  }
  if (alias.starts_with("DS-") || alias.starts_with("AVD-DS-")) return Peer::trivy;
  if (alias.starts_with("CKV")) return Peer::checkov;
  return Peer::buildkit;
}

/// "JSONArgsRecommended" -> "json-args-recommended", as docs.docker.com names its pages.
std::string kebab(std::string_view camel) {
  std::string out;
  for (size_t i = 0; i < camel.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(camel[i]);
    if (std::isupper(c) && i > 0) {
      const bool prev_lower = std::islower(static_cast<unsigned char>(camel[i - 1]));
      const bool next_lower =
          i + 1 < camel.size() && std::islower(static_cast<unsigned char>(camel[i + 1]));
      if (prev_lower || (next_lower && std::isupper(static_cast<unsigned char>(camel[i - 1])))) {
        out += '-';
      }
    }
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

/// The peer's documentation page for one of its rule IDs; empty when there is none we know of.
std::string peer_url(std::string_view alias) {
  switch (peer_of(alias)) {
    case Peer::hadolint:
      return fmt::format("https://github.com/hadolint/hadolint/wiki/{}", alias);
    case Peer::buildkit:
      return fmt::format("https://docs.docker.com/reference/build-checks/{}/", kebab(alias));
    case Peer::trivy: {
      // DS-0002 is documented at .../misconfig/ds002.
      const std::string_view digits = alias.substr(alias.rfind('-') + 1);
      if (digits.size() != 4 || !is_digits(digits)) return {};
      return fmt::format("https://avd.aquasec.com/misconfig/ds{}", digits.substr(1));
    }
    case Peer::checkov:
      return "https://www.checkov.io/5.Policy%20Index/dockerfile.html";
  }
  return {};
}

std::string peer_link(std::string_view alias) {
  const std::string url = peer_url(alias);
  return url.empty() ? fmt::format("`{}`", alias) : fmt::format("[`{}`]({})", alias, url);
}

/// Orders peer IDs with their numbers compared as numbers (CKV_DOCKER_2 before CKV_DOCKER_10).
bool natural_less(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = std::isdigit(static_cast<unsigned char>(a[i]));
    const bool db = std::isdigit(static_cast<unsigned char>(b[j]));
    if (da && db) {
      size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      const std::string_view na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

struct NaturalLess {
  bool operator()(const std::string& a, const std::string& b) const {
    // Checkov's Python checks (CKV_DOCKER_n) before its graph checks (CKV2_DOCKER_n).
    const bool a2 = a.starts_with("CKV2_"), b2 = b.starts_with("CKV2_");
    if (a2 != b2) return b2;
    return natural_less(a, b);
  }
};

/// A rule's docs without its code: fenced blocks and inline code spans become blanks, so that
/// examples (`# hadolint ignore=DL3008`) do not count as mentions of a peer rule.
std::string prose_of(std::string_view docs) {
  std::string out(docs);
  bool in_fence = false;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t eol = out.find('\n', pos);
    if (eol == std::string::npos) eol = out.size();
    const size_t first = out.find_first_not_of(' ', pos);
    const bool fence = first < eol && out.compare(first, 3, "```") == 0;
    if (fence) in_fence = !in_fence;
    if (fence || in_fence) {
      std::fill(out.begin() + static_cast<std::ptrdiff_t>(pos),
                out.begin() + static_cast<std::ptrdiff_t>(eol), ' ');
    } else {
      for (size_t i = pos; i < eol; ++i) {
        if (out[i] != '`') continue;
        const size_t close = out.find('`', i + 1);
        if (close == std::string::npos || close >= eol) break;
        std::fill(out.begin() + static_cast<std::ptrdiff_t>(i),
                  out.begin() + static_cast<std::ptrdiff_t>(close) + 1, ' ');
        i = close;
      }
    }
    pos = eol + 1;
  }
  return out;
}

/// Peer rule IDs named in the prose of a rule's docs: hadolint DLxxxx, Trivy DS-xxxx, Checkov
/// CKV(2)_DOCKER_n and BuildKit check names, as whole words.
std::set<std::string> peer_ids_in(std::string_view docs) {
  const std::string prose = prose_of(docs);
  const std::string_view text = prose;
  std::set<std::string> out;
  auto bounded = [&](size_t begin, size_t end) {
    return (begin == 0 || !std::isalnum(static_cast<unsigned char>(text[begin - 1]))) &&
           (end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end])));
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = text.substr(i);
    if (rest.size() >= 6 && rest.substr(0, 2) == "DL" && is_digits(rest.substr(2, 4)) &&
        bounded(i, i + 6)) {
      out.emplace(rest.substr(0, 6));
    } else if (rest.size() >= 7 && rest.substr(0, 3) == "DS-" && is_digits(rest.substr(3, 4)) &&
               bounded(i, i + 7)) {
      out.emplace(rest.substr(0, 7));
    } else if (rest.starts_with("CKV_DOCKER_") || rest.starts_with("CKV2_DOCKER_")) {
      const size_t prefix = rest.starts_with("CKV_") ? 11 : 12;
      size_t end = prefix;
      while (end < rest.size() && std::isdigit(static_cast<unsigned char>(rest[end]))) ++end;
      if (end > prefix && bounded(i, i + end)) out.emplace(rest.substr(0, end));
    } else if (std::isupper(static_cast<unsigned char>(text[i])) &&
               (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1])))) {
      for (std::string_view check : kBuildKitChecks) {
        if (rest.starts_with(check) && bounded(i, i + check.size())) out.emplace(check);
      }
    }
  }
  return out;
}

std::string_view category_title(Category c) {
  switch (c) {
    case Category::layers:
      return "layer and cache efficiency";
    case Category::stages:
      return "multi-stage builds, `COPY --from`";
    case Category::security:
      return "users, secrets, exposed services, trust";
    case Category::runtime:
      return "`CMD`, `ENTRYPOINT`, `HEALTHCHECK`, `EXPOSE`, signals";
    case Category::base:
      return "base images: tags, digests, platforms, registries";
    case Category::packages:
      return "package managers inside `RUN`";
    case Category::style:
      return "casing, deprecated or legacy forms, labels";
    case Category::variables:
      return "`ARG`, `ENV`, `WORKDIR` and path resolution";
    case Category::syntax:
      return "what BuildKit itself rejects";
  }
  return "";
}

constexpr std::array<Category, 9> kCategories = {
    Category::layers,   Category::stages, Category::security,  Category::runtime, Category::base,
    Category::packages, Category::style,  Category::variables, Category::syntax};

std::string_view fix_text(FixAvailability f) {
  switch (f) {
    case FixAvailability::none:
      return "none";
    case FixAvailability::sometimes:
      return "sometimes (some findings have a fix)";
    case FixAvailability::always:
      return "always (every finding has a fix)";
  }
  return "none";
}

std::string_view fix_mark(FixAvailability f) {
  switch (f) {
    case FixAvailability::none:
      return "";
    case FixAvailability::sometimes:
      return "sometimes";
    case FixAvailability::always:
      return "always";
  }
  return "";
}

/// Text for a Markdown table cell: '|' escaped, line breaks joined.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string page_name(const RuleInfo& i) { return fmt::format("{}.md", i.name); }

std::string rule_link(const RuleInfo& i) {
  return fmt::format("[`{}`]({}) ({})", i.name, page_name(i), i.id);
}

/// Rules by name and by ID, for links between pages.
using RuleIndex = std::map<std::string, const RuleInfo*, std::less<>>;

/// A rule's docs with each inline code span that is exactly another rule's name or ID turned
/// into a link to its page. Fenced code blocks are copied as they are.
std::string link_rule_names(std::string_view docs, const RuleInfo& self, const RuleIndex& rules) {
  std::string out;
  out.reserve(docs.size() + docs.size() / 8);
  bool in_fence = false;
  size_t pos = 0;
  while (pos < docs.size()) {
    size_t eol = docs.find('\n', pos);
    if (eol == std::string_view::npos) eol = docs.size();
    const std::string_view line = docs.substr(pos, eol - pos);
    const bool fence = line.substr(line.find_first_not_of(' ') == std::string_view::npos
                                       ? line.size()
                                       : line.find_first_not_of(' '))
                           .starts_with("```");
    if (fence || in_fence) {
      out += line;
      if (fence) in_fence = !in_fence;
    } else {
      size_t i = 0;
      while (i < line.size()) {
        const size_t open = line.find('`', i);
        if (open == std::string_view::npos) {
          out += line.substr(i);
          break;
        }
        const size_t close = line.find('`', open + 1);
        if (close == std::string_view::npos) {
          out += line.substr(i);
          break;
        }
        out += line.substr(i, open - i);
        const std::string_view code = line.substr(open + 1, close - open - 1);
        const auto it = rules.find(code);
        const bool in_link = open > 0 && line[open - 1] == '[';
        if (it != rules.end() && it->second != &self && !in_link) {
          out += fmt::format("[`{}`]({})", code, page_name(*it->second));
        } else {
          out += line.substr(open, close - open + 1);
        }
        i = close + 1;
      }
    }
    if (eol < docs.size()) out += '\n';
    pos = eol + 1;
  }
  return out;
}

std::string header() {
  return fmt::format("{} --output-dir docs/rules`: edit the rule's source, then run `{}`. -->\n",
                     kGeneratedMarker, kRegenerate);
}

std::string render_page(const RuleInfo& i, const RuleIndex& rules) {
  std::string out = header();
  out += fmt::format("# {} ({})\n\n", i.name, i.id);
  std::string summary(i.summary);
  if (!summary.empty())
    summary[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(summary[0])));
  out += fmt::format("{}.\n\n", summary);

  out += "| | |\n|---|---|\n";
  out += fmt::format("| ID | `{}` |\n", i.id);
  out += fmt::format("| Name | `{}` |\n", i.name);
  out += fmt::format("| Category | [{}](README.md#{}) |\n", to_string(i.category),
                     to_string(i.category));
  out += fmt::format("| Default severity | {} |\n", to_string(i.severity));
  out +=
      fmt::format("| On by default | {} |\n",
                  i.enabled_by_default ? std::string("yes")
                                       : fmt::format("no: enable it with `--extend-select {}` or "
                                                     "`extend-select: [{}]` in `.dfopt.yaml`",
                                                     i.name, i.name));
  out += fmt::format("| Status | {} |\n", i.status == RuleStatus::preview ? "preview" : "stable");
  out += fmt::format("| Fix | {} |\n", fix_text(i.fix));
  if (!i.aliases.empty()) {
    std::string aliases;
    for (std::string_view a : i.aliases) {
      if (!aliases.empty()) aliases += ", ";
      aliases += fmt::format("{} {}", peer_name(peer_of(a)), peer_link(a));
    }
    out += fmt::format("| Same as | {} |\n", aliases);
  }
  out += "\n";

  out += link_rule_names(i.docs, i, rules);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  out += "\n";
  if (!i.options.empty()) {
    out += "\n## Options\n\n| option | default | meaning |\n|---|---|---|\n";
    for (const RuleOption& o : i.options) {
      out += fmt::format(
          "| `{}` | {} | {} |\n", o.name,
          o.default_value.empty() ? "(empty)" : fmt::format("`{}`", cell(o.default_value)),
          cell(o.description));
    }
    out +=
        "\nSet them under `rule-options` in `.dfopt.yaml`; the defaults are:\n\n```yaml\n"
        "rule-options:\n";
    for (const RuleOption& o : i.options) {
      out +=
          fmt::format("  {}.{}: {}\n", i.name, o.name,
                      o.default_value.empty() ? std::string("\"\"") : std::string(o.default_value));
    }
    out += "```\n";
  }
  return out;
}

std::string render_index(std::span<const Rule* const> all) {
  std::string out = header();
  const size_t on = static_cast<size_t>(std::count_if(
      all.begin(), all.end(), [](const Rule* r) { return r->info().enabled_by_default; }));
  const size_t fixable =
      static_cast<size_t>(std::count_if(all.begin(), all.end(), [](const Rule* r) {
        return r->info().fix != FixAvailability::none;
      }));
  out += "# Rules\n\n";
  out += fmt::format(
      "dfopt has {} rules: {} are on by default and {} can fix what they find. Each page here is "
      "generated from the rule's own metadata and documentation, the text `dfopt explain RULE` "
      "prints. Rules are named on the command line and in the configuration by ID, name, category "
      "or the ID of a peer rule they mirror (see [by alias](#by-alias)).\n\n",
      all.size(), on, fixable);
  out += fmt::format(
      "These pages are generated: do not edit them. To change one, edit the rule's docs in "
      "`rules/<category>/<rule_name>.cpp`, then regenerate every page with\n\n```sh\n{}\n```\n\n"
      "(which builds `dfopt` and runs `dfopt rules --format markdown --output-dir docs/rules`). A "
      "test fails while a page differs from what the rules say.\n\n",
      kRegenerate);

  out += "## By category\n\n";
  out +=
      "Severity is the default; `off` marks rules that are off by default. Fix: `always`, every "
      "finding has a fix; `sometimes`, some do (`--fix` applies the safe ones).\n\n";
  for (Category c : kCategories) {
    std::string rows;
    for (const Rule* r : all) {
      const RuleInfo& i = r->info();
      if (i.category != c) continue;
      std::string aliases;
      for (std::string_view a : i.aliases) aliases += (aliases.empty() ? "" : ", ") + peer_link(a);
      rows += fmt::format("| {} | [`{}`]({}) | {} | {}{} | {} | {} |\n", i.id, i.name, page_name(i),
                          cell(i.summary), to_string(i.severity),
                          i.enabled_by_default ? "" : ", off", fix_mark(i.fix), aliases);
    }
    if (rows.empty()) continue;
    out += fmt::format("### {}\n\n{}.\n\n", to_string(c), [&] {
      std::string t(category_title(c));
      t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
      return t;
    }());
    out += "| ID | rule | summary | severity | fix | same as |\n|---|---|---|---|---|---|\n";
    out += rows;
    out += "\n";
  }

  // Peer ID -> the rules that alias it, and the rules whose docs name it without aliasing it.
  std::map<std::string, std::vector<const RuleInfo*>, NaturalLess> exact, related;
  for (const Rule* r : all) {
    const RuleInfo& i = r->info();
    for (std::string_view a : i.aliases) exact[std::string(a)].push_back(&i);
  }
  for (const Rule* r : all) {
    const RuleInfo& i = r->info();
    for (const std::string& id : peer_ids_in(i.docs)) {
      const auto e = exact.find(id);
      const bool aliased =
          e != exact.end() && std::find(e->second.begin(), e->second.end(), &i) != e->second.end();
      if (!aliased) related[id].push_back(&i);
    }
  }

  out += "## By alias\n\n";
  out +=
      "A rule lists a peer's rule as an alias only when it has the same semantics: the alias "
      "then works wherever a rule is named (`--ignore DL3008`, `# hadolint ignore=DL3008`, "
      "`# check=skip=JSONArgsRecommended`). Where semantics differ, the dfopt rules whose "
      "documentation explains the difference are listed as related.\n\n";
  for (Peer p : kPeers) {
    std::set<std::string, NaturalLess> ids;
    if (p == Peer::hadolint) {
      for (const PeerRule& h : kHadolintRules) ids.emplace(h.id);
    } else if (p == Peer::buildkit) {
      for (std::string_view b : kBuildKitChecks) ids.emplace(b);
    }
    for (const auto& [id, _] : exact) {
      if (peer_of(id) == p) ids.insert(id);
    }
    for (const auto& [id, _] : related) {
      if (peer_of(id) == p) ids.insert(id);
    }
    if (ids.empty()) continue;
    out += fmt::format("### {}\n\n", peer_name(p));
    const bool named = p == Peer::hadolint;
    out += named
               ? "| hadolint rule | name | dfopt rule | related dfopt rules |\n|---|---|---|---|\n"
               : fmt::format("| {} rule | dfopt rule | related dfopt rules |\n|---|---|---|\n",
                             peer_name(p));
    size_t mirrored = 0;
    for (const std::string& id : ids) {
      auto list = [&](const auto& map) {
        std::string s;
        if (const auto it = map.find(id); it != map.end()) {
          for (const RuleInfo* i : it->second) s += (s.empty() ? "" : ", ") + rule_link(*i);
        }
        return s;
      };
      const std::string same = list(exact), rel = list(related);
      if (!same.empty()) ++mirrored;
      std::string name;
      if (named) {
        for (const PeerRule& h : kHadolintRules) {
          if (h.id == id) name = h.name;
        }
      }
      const std::string none = rel.empty() ? "not checked" : "none";
      out +=
          named ? fmt::format("| {} | {} | {} | {} |\n", peer_link(id), name,
                              same.empty() ? none : same, rel)
                : fmt::format("| {} | {} | {} |\n", peer_link(id), same.empty() ? none : same, rel);
    }
    out += fmt::format("\n{} of these {} {} rules have a dfopt rule with the same semantics.\n\n",
                       mirrored, ids.size(), peer_name(p));
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  out += "\n";
  return out;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

std::vector<DocFile> render_rule_docs() {
  const std::span<const Rule* const> all = all_rules();
  RuleIndex rules;
  for (const Rule* r : all) {
    rules.emplace(std::string(r->info().name), &r->info());
    rules.emplace(std::string(r->info().id), &r->info());
  }
  std::vector<DocFile> files;
  files.reserve(all.size() + 1);
  for (const Rule* r : all) files.push_back({page_name(r->info()), render_page(r->info(), rules)});
  files.push_back({"README.md", render_index(all)});
  std::sort(files.begin(), files.end(),
            [](const DocFile& a, const DocFile& b) { return a.name < b.name; });
  return files;
}

int write_rule_docs(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "dfopt: error: cannot create directory '%s': %s\n", dir.c_str(),
                 ec.message().c_str());
    return 2;
  }
  const std::vector<DocFile> files = render_rule_docs();
  std::set<std::string> names;
  size_t written = 0, removed = 0;
  for (const DocFile& f : files) {
    names.insert(f.name);
    const fs::path path = fs::path(dir) / f.name;
    if (fs::exists(path, ec) && read_all(path) == f.text) continue;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << f.text;
    out.close();
    if (!out) {
      std::fprintf(stderr, "dfopt: error: cannot write '%s'\n", path.string().c_str());
      return 2;
    }
    ++written;
  }
  // Pages of rules that were removed or renamed: only files this generator wrote.
  std::vector<fs::path> stale;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || !name.ends_with(".md") || names.count(name)) continue;
    if (read_all(e.path()).starts_with(kGeneratedMarker)) stale.push_back(e.path());
  }
  for (const fs::path& p : stale) removed += fs::remove(p, ec) ? 1 : 0;
  std::fprintf(stderr, "%s: %zu pages, %zu written, %zu removed\n", dir.c_str(), files.size(),
               written, removed);
  return 0;
}

}  // namespace dfopt::cli
