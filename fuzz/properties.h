#pragma once

// The properties the fuzz targets check, shared with the tests that replay their findings
// (tests/unit/fuzz_regressions_test.cpp) and with the random-edit corpus test, so a finding is
// replayed exactly as it was found. Each function returns an empty string when the property
// holds and a short description of the violation otherwise; crashes, leaks and undefined
// behaviour are left to the sanitizers.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dfopt/engine.h"
#include "dfopt/fixes.h"
#include "dfopt/parse.h"
#include "dfopt/shell.h"
#include "dfopt/source.h"
#include "dfopt/word_expansion.h"

namespace dfopt::fuzz {

inline bool in_bounds(TextRange r, size_t size) { return r.begin <= r.end && r.end <= size; }

inline bool has_syntax_error(const ParseResult& r) {
  for (const Diagnostic& d : r.diagnostics) {
    if (d.code == "syntax-error") return true;
  }
  return false;
}

/// Parsing: every range of the AST and of the diagnostics lies inside the input. `parsed`, when
/// given, receives whether the text parsed without a syntax error.
inline std::string parse_properties(Parser& parser, std::string_view text, bool* parsed = nullptr) {
  const ParseResult result = parser.parse(SourceFile("Dockerfile", std::string(text)));
  if (parsed) *parsed = !has_syntax_error(result);
  const size_t size = text.size();
  for (const Diagnostic& d : result.diagnostics) {
    if (!in_bounds(d.range, size)) return "a parse diagnostic's range lies outside the input";
  }
  for (const ast::Instruction& instr : result.ast.instructions) {
    if (!in_bounds(instr.range, size) || !in_bounds(instr.keyword.range, size)) {
      return "an instruction's range lies outside the input";
    }
    for (TextRange r : instr.continuations) {
      if (!in_bounds(r, size)) return "a line continuation's range lies outside the input";
    }
  }
  for (const ast::Comment& c : result.ast.comments) {
    if (!in_bounds(c.range, size)) return "a comment's range lies outside the input";
  }
  for (const ast::Directive& d : result.ast.directives) {
    if (!in_bounds(d.range, size)) return "a directive's range lies outside the input";
  }
  return {};
}

/// The default rule selection and every rule, for check_file and fix_file.
inline const Settings& default_settings() {
  static const Settings settings;
  return settings;
}
inline const Settings& all_rules_settings() {
  static const Settings settings = [] {
    Settings s;
    s.rules = RuleSet::all();
    return s;
  }();
  return settings;
}

/// Checking: every finding's range, and every edit of its fix, lies inside the input.
inline std::string check_properties(Parser& parser, std::string_view text,
                                    const Settings& settings) {
  const FileReport report = check_file(SourceFile("Dockerfile", std::string(text)), settings, parser);
  for (const Diagnostic& d : report.diagnostics) {
    if (!in_bounds(d.range, text.size())) return d.code + ": the finding's range lies outside the input";
    if (!d.fix) continue;
    for (const Edit& e : d.fix->edits) {
      if (!in_bounds(e.range, text.size())) return d.code + ": a fix edit lies outside the input";
    }
  }
  return {};
}

/// Fixing (every rule, unsafe fixes on): a file with syntax errors is left alone, a fixed text
/// parses, and fixing it again changes nothing (when the first run converged: a run stopped at
/// max_passes has fixes that undo each other, which fix_file reports itself). `changed`, when
/// given, receives whether fixing changed the text.
inline std::string fix_properties(Parser& parser, std::string_view text, bool* changed = nullptr) {
  static const FixOptions options = [] {
    FixOptions o;
    o.unsafe = true;
    return o;
  }();
  const Settings& settings = all_rules_settings();
  const bool parsed = !has_syntax_error(parser.parse(SourceFile("Dockerfile", std::string(text))));
  const FixResult once =
      fix_file(SourceFile("Dockerfile", std::string(text)), settings, parser, options);
  if (changed) *changed = once.changed();
  if (!once.changed()) return {};
  const std::string fixed(once.report.source.text());
  if (!parsed) return "a file with syntax errors was changed";
  if (has_syntax_error(parser.parse(SourceFile("Dockerfile", fixed)))) {
    return "the fixed text does not parse:\n" + fixed;
  }
  if (!once.converged) return {};
  const FixResult twice = fix_file(SourceFile("Dockerfile", fixed), settings, parser, options);
  if (twice.report.source.text() != fixed) {
    return "fixing twice differs from fixing once:\n--- once ---\n" + fixed + "\n--- twice ---\n" +
           std::string(twice.report.source.text());
  }
  return {};
}

/// The shell parser and word expansion on `bytes`: the first byte picks the expansion options,
/// the rest is the text. Only crashes, hangs and sanitizer reports count here.
inline void exercise_shell(shell::ShellParser& parser, std::string_view bytes) {
  if (bytes.empty()) return;
  const auto flags = static_cast<uint8_t>(bytes[0]);
  const std::string_view text = bytes.substr(1);
  parser.parse(text);

  ExpansionOptions options;
  options.escape = (flags & 1) ? '`' : '\\';
  options.raw_quotes = flags & 2;
  options.raw_escapes = flags & 4;
  options.skip_unset = flags & 8;
  options.skip_process_quotes = flags & 16;
  // A few variables are set (one empty, one with blanks to split) so both branches run.
  static const VariableLookup lookup = [](std::string_view name) -> std::optional<std::string_view> {
    if (name == "A") return "a b  c";
    if (name == "E") return "";
    if (name == "P") return "/usr/local/bin";
    return std::nullopt;
  };
  Expansion out;
  expand_word(text, lookup, options, out);
  expand_words(text, lookup, options, out);
}

}  // namespace dfopt::fuzz
