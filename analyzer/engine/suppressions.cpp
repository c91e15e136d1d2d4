// Inline suppressions: dfopt's own pragmas, hadolint's (through aliases) and BuildKit's
// `# check=` directive.
#include "engine/suppressions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace dfopt::detail {
namespace {

// BuildKit's build checks (moby/buildkit frontend/dockerfile/linter/ruleset.go). A name here
// that no dfopt rule aliases is valid for BuildKit and skipped silently.
constexpr std::string_view kBuildkitChecks[] = {
    "StageNameCasing",
    "FromAsCasing",
    "NoEmptyContinuation",
    "ConsistentInstructionCasing",
    "FileConsistentCommandCasing",
    "SelfConsistentCommandCasing",
    "DuplicateStageName",
    "ReservedStageName",
    "JSONArgsRecommended",
    "MaintainerDeprecated",
    "UndefinedArgInFrom",
    "WorkdirRelativePath",
    "UndefinedVar",
    "MultipleInstructionsDisallowed",
    "LegacyKeyValueFormat",
    "InvalidBaseImagePlatform",
    "RedundantTargetPlatform",
    "SecretsUsedInArgOrEnv",
    "InvalidDefaultArgInFrom",
    "FromPlatformFlagConstDisallowed",
    "CopyIgnoredFile",
    "InvalidDefinitionDescription",
    "ExposeProtoCasing",
    "ExposeInvalidFormat",
};

// The experimental ones: BuildKit runs them only when `# check=experimental=` names them (or
// says `all`), and `skip=` does not apply to them (linter.Run).
constexpr std::string_view kBuildkitExperimentalChecks[] = {
    "InvalidDefinitionDescription",
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/// A hadolint rule ID such as DL3008.
bool is_hadolint_code(std::string_view s) {
  return s.size() == 6 && s[0] == 'D' && s[1] == 'L' &&
         std::all_of(s.begin() + 2, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A cursor over one comment line, tracking byte offsets into the file.
struct Cursor {
  std::string_view text;
  uint32_t base;  // file offset of text[0]
  size_t pos = 0;

  void skip_blanks() {
    while (pos < text.size() && is_blank(text[pos])) ++pos;
  }
  bool eat(char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  std::string_view word() {
    const size_t start = pos;
    while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) ||
                                 text[pos] == '-' || text[pos] == '_')) {
      ++pos;
    }
    return text.substr(start, pos - start);
  }
  uint32_t offset(size_t at) const { return base + static_cast<uint32_t>(at); }
};

enum class Scope { next, global, stage };

struct Pragma {
  bool hadolint = false;
  Scope scope = Scope::next;
  struct Key {
    std::string_view name;
    TextRange range;
  };
  std::vector<Key> keys;
};

/// Parses `# dfopt [global|stage] ignore=a,b [# reason]` (or `hadolint`). Returns false when the
/// comment is no pragma of ours; `error` is set for a malformed dfopt pragma.
bool parse_pragma(std::string_view text, uint32_t base, Pragma& out, std::string& error) {
  Cursor c{text, base};
  if (!c.eat('#')) return false;
  c.skip_blanks();
  const std::string_view tool = c.word();
  if (tool == "hadolint") {
    out.hadolint = true;
  } else if (tool != "dfopt") {
    return false;
  }
  if (c.pos < text.size() && !is_blank(text[c.pos])) return false;  // "# dfoptimizer"
  c.skip_blanks();
  std::string_view verb = c.word();
  if (verb == "global" || verb == "stage") {
    out.scope = verb == "global" ? Scope::global : Scope::stage;
    c.skip_blanks();
    verb = c.word();
  }
  if (verb != "ignore") {
    // hadolint has other pragmas (`shell=`); only ours must be well-formed. A comment without
    // '=' is prose that happens to start with "dfopt".
    if (out.hadolint || text.find('=') == std::string_view::npos) return false;
    error =
        "unknown dfopt pragma; expected `# dfopt ignore=RULE[,RULE]` or "
        "`# dfopt global ignore=RULE[,RULE]`";
    return true;
  }
  c.skip_blanks();
  if (!c.eat('=')) {
    if (out.hadolint) return false;
    error = "expected '=' after `ignore` in dfopt pragma";
    return true;
  }
  c.skip_blanks();
  for (;;) {
    const size_t start = c.pos;
    while (c.pos < text.size() && text[c.pos] != ',' && text[c.pos] != '#' &&
           !is_blank(text[c.pos])) {
      ++c.pos;
    }
    if (c.pos > start) {
      out.keys.push_back({text.substr(start, c.pos - start), {c.offset(start), c.offset(c.pos)}});
    }
    c.skip_blanks();
    if (!c.eat(',')) break;
    c.skip_blanks();
  }
  if (out.keys.empty() && !out.hadolint) {
    error = "dfopt pragma names no rule";
    return true;
  }
  c.skip_blanks();
  // Anything after the list must be a `# reason`.
  if (c.pos < text.size() && text[c.pos] != '#' && !out.hadolint) {
    error = "unexpected text after the rule list of dfopt pragma (write a reason as `# reason`)";
  }
  return true;
}

Diagnostic warning(std::string_view code, std::string message, TextRange range) {
  return Diagnostic{std::string(code), Severity::warning, std::move(message), range, {}};
}

std::string unknown_message(std::string_view key, std::string_view where) {
  std::string m = fmt::format("unknown rule '{}' in {}", key, where);
  if (std::string hint = suggest_rule_key(key); !hint.empty()) {
    m += fmt::format("; did you mean '{}'?", hint);
  }
  return m;
}

/// The first instruction that ends after `offset` (the one a comment at `offset` is above or
/// inside); nullptr when none.
const ast::Instruction* next_instruction(const ast::Dockerfile& ast, uint32_t offset,
                                         size_t* index) {
  const auto& ins = ast.instructions;
  auto it =
      std::upper_bound(ins.begin(), ins.end(), offset,
                       [](uint32_t off, const ast::Instruction& i) { return off < i.range.end; });
  if (it == ins.end()) return nullptr;
  *index = static_cast<size_t>(it - ins.begin());
  return &*it;
}

}  // namespace

bool is_buildkit_check(std::string_view name) {
  return std::any_of(std::begin(kBuildkitChecks), std::end(kBuildkitChecks),
                     [&](std::string_view c) { return iequals(c, name); });
}

bool mirrors_buildkit_check(const Rule& rule) {
  return std::any_of(rule.info().aliases.begin(), rule.info().aliases.end(),
                     [](std::string_view a) { return is_buildkit_check(a); });
}

bool mirrors_experimental_buildkit_check(const Rule& rule) {
  return std::any_of(
      rule.info().aliases.begin(), rule.info().aliases.end(), [](std::string_view a) {
        return std::any_of(std::begin(kBuildkitExperimentalChecks),
                           std::end(kBuildkitExperimentalChecks),
                           [&](std::string_view c) { return iequals(c, a); });
      });
}

void Suppressions::shellcheck_ignored(uint32_t offset, std::vector<uint32_t>& out) const {
  out.insert(out.end(), global_shellcheck.begin(), global_shellcheck.end());
  for (const Ranged& r : ranged) {
    if (offset >= r.range.begin && offset <= r.range.end) {
      out.insert(out.end(), r.shellcheck.begin(), r.shellcheck.end());
    }
  }
}

bool Suppressions::suppressed(const Rule& rule, uint32_t offset) const {
  if (global.contains(rule)) return true;
  for (const Ranged& r : ranged) {
    if (offset >= r.range.begin && offset <= r.range.end && r.rules.contains(rule)) return true;
  }
  return false;
}

Suppressions collect_suppressions(const SourceFile& source, const ast::Dockerfile& ast,
                                  const Settings& settings) {
  Suppressions out;
  if (settings.honour_pragmas) {
    for (const ast::Comment& comment : ast.comments) {
      const std::string_view text = source.slice(comment.range);
      // Cheap filter: most comments are prose.
      if (text.find("dfopt") == std::string_view::npos &&
          text.find("hadolint") == std::string_view::npos) {
        continue;
      }
      Pragma pragma;
      std::string error;
      if (!parse_pragma(text, comment.range.begin, pragma, error)) continue;
      if (!error.empty()) {
        out.warnings.push_back(warning(kInvalidPragmaId, error, comment.range));
        continue;
      }
      RuleSet rules;
      std::vector<uint32_t> shellcheck;
      const std::string_view where = pragma.hadolint ? "hadolint pragma" : "dfopt pragma";
      for (const Pragma::Key& key : pragma.keys) {
        // ShellCheck codes (`SC2086`, `shellcheck`) suppress ShellCheck's findings; while
        // ShellCheck is off they do nothing, silently.
        if (auto code = parse_shellcheck_key(key.name)) {
          shellcheck.push_back(*code);
          continue;
        }
        // IDs, names and aliases; categories and ALL too (`# dfopt global ignore=style`).
        if (auto found = find_rules(key.name)) {
          for (const Rule* r : *found) rules.insert(*r);
          continue;
        }
        out.warnings.push_back(
            warning(kUnknownRuleId,
                    pragma.hadolint && is_hadolint_code(key.name)
                        ? fmt::format("no dfopt rule mirrors hadolint's {}; the pragma has no "
                                      "effect for it",
                                      key.name)
                        : unknown_message(key.name, where),
                    key.range));
      }
      if (pragma.scope == Scope::global) {
        for (const Rule* r : rules.rules()) out.global.insert(*r);
        out.global_shellcheck.insert(out.global_shellcheck.end(), shellcheck.begin(),
                                     shellcheck.end());
        continue;
      }
      size_t index = 0;
      const ast::Instruction* target = next_instruction(ast, comment.range.begin, &index);
      if (!target) continue;
      if (pragma.scope == Scope::next) {
        out.ranged.push_back({target->range, std::move(rules), std::move(shellcheck)});
        continue;
      }
      // `stage ignore=`: the stage whose FROM follows, up to the next FROM.
      if (target->kind != ast::InstrKind::from) {
        out.warnings.push_back(warning(
            kInvalidPragmaId, fmt::format("`stage ignore` in {} is not followed by FROM", where),
            comment.range));
        continue;
      }
      uint32_t end = static_cast<uint32_t>(source.text().size());
      for (size_t i = index + 1; i < ast.instructions.size(); ++i) {
        if (ast.instructions[i].kind == ast::InstrKind::from) {
          end = ast.instructions[i].range.begin - 1;
          break;
        }
      }
      out.ranged.push_back({{target->range.begin, end}, std::move(rules), std::move(shellcheck)});
    }
  }

  // BuildKit: `# check=skip=<Check>[,<Check>...]|all;error=true|false;experimental=...`.
  if (const ast::Directive* d = ast.directive("check")) {
    const std::string_view value = source.slice(d->value_range);
    const uint32_t base = d->value_range.begin;
    size_t pos = 0;
    while (pos <= value.size()) {
      size_t semi = value.find(';', pos);
      if (semi == std::string_view::npos) semi = value.size();
      std::string_view part = value.substr(pos, semi - pos);
      const uint32_t part_base = base + static_cast<uint32_t>(pos);
      pos = semi + 1;
      const size_t eq = part.find('=');
      auto trim = [](std::string_view s) {
        while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
        while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
        return s;
      };
      if (trim(part).empty()) continue;
      if (eq == std::string_view::npos) {
        out.warnings.push_back(warning(kInvalidPragmaId,
                                       fmt::format("invalid check directive part '{}'", trim(part)),
                                       d->range));
        continue;
      }
      const std::string_view key = trim(part.substr(0, eq));
      const std::string_view val = trim(part.substr(eq + 1));
      if (key == "error") {
        out.buildkit_error = iequals(val, "true");
        continue;
      }
      const bool experimental = key == "experimental";
      if (!experimental && key != "skip") {
        out.warnings.push_back(warning(
            kInvalidPragmaId, fmt::format("unknown check directive key '{}'", key), d->range));
        continue;
      }
      size_t p = eq + 1;
      while (p <= part.size()) {
        size_t comma = part.find(',', p);
        if (comma == std::string_view::npos) comma = part.size();
        const std::string_view raw = part.substr(p, comma - p);
        const std::string_view name = trim(raw);
        const uint32_t name_begin =
            part_base + static_cast<uint32_t>(p + (name.empty() ? 0 : raw.find(name)));
        p = comma + 1;
        if (name.empty()) continue;
        if (experimental) {
          // Turns on the rules mirroring experimental BuildKit checks; names of other checks
          // or rules are accepted and do nothing, as in BuildKit.
          const bool all = iequals(name, "all");
          const Rule* named = all ? nullptr : find_rule(name);
          for (const Rule* r : all_rules()) {
            if ((all || r == named) && mirrors_experimental_buildkit_check(*r)) {
              out.experimental.push_back(r);
            }
          }
          if (all || named || is_buildkit_check(name)) continue;
        } else if (iequals(name, "all")) {
          for (const Rule* r : all_rules()) {
            if (mirrors_buildkit_check(*r) && !mirrors_experimental_buildkit_check(*r)) {
              out.global.insert(*r);
            }
          }
          continue;
        } else if (const Rule* r = find_rule(name)) {
          if (!mirrors_experimental_buildkit_check(*r)) out.global.insert(*r);
          continue;
        }
        if (is_buildkit_check(name)) continue;  // a BuildKit check no dfopt rule mirrors
        out.warnings.push_back(
            warning(kUnknownRuleId, unknown_message(name, "check directive"),
                    {name_begin, name_begin + static_cast<uint32_t>(name.size())}));
      }
    }
  }
  return out;
}

}  // namespace dfopt::detail
