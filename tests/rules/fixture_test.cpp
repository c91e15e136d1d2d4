// The rule fixture harness (clang-tidy's annotated fixtures, ruff's goldens): one test per
// tests/rules/<category>/<slug>[-suffix].Dockerfile. Only the rule named by the file runs, through
// the real engine (check_file), so pragmas and directives in fixtures behave as in the CLI.
//
// Annotations are comment lines about the next instruction:
//   # expect: <slug|ID|code>[@<col>] [~ "message substring"]
//   # expect-fix: <replacement text>          (the fix of the expect just above: the replacement
//                                             texts of its edits, concatenated; a safe fix)
//   # expect-fix[unsafe]: <replacement text>  (same, for an unsafe fix)
//   # test-options: <slug>.<option>=<value>  (anywhere; usually at the top)
// Every diagnostic needs a matching `expect` and every `expect` must fire. When
// <fixture>.fixed exists, the file goes through fix_file with unsafe fixes on (the engine behind
// `--fix --unsafe-fixes`, with its parse and no-new-finding checks), and the result must equal it
// byte for byte, parse, and stay as it is when fixed again. DFOPT_UPDATE_GOLDEN=1 rewrites .fixed
// files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "dfopt/engine.h"
#include "dfopt/fixes.h"
#include "dfopt/parse.h"
#include "rules/fixtures.h"

namespace dfopt::testing {
namespace {

struct Expectation {
  std::string key;   ///< as written
  std::string code;  ///< rule ID, or the key itself for engine codes (unknown-rule...)
  std::optional<uint32_t> column;
  std::optional<std::string> substring;
  std::optional<std::string> fix_text;
  bool fix_unsafe = false;
  size_t instr = 0;   ///< index of the instruction it is about (instructions.size() = none)
  uint32_t line = 0;  ///< of the annotation
  bool matched = false;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

/// Index of the first instruction whose range ends after (or, for diagnostics, at) `offset`.
size_t instruction_at(const ast::Dockerfile& ast, uint32_t offset, bool inclusive) {
  const auto& ins = ast.instructions;
  for (size_t i = 0; i < ins.size(); ++i) {
    if (inclusive ? ins[i].range.end >= offset : ins[i].range.end > offset) return i;
  }
  return ins.size();
}

struct Annotations {
  std::vector<Expectation> expects;
  OptionValues options;
  std::vector<std::string> errors;  ///< malformed annotations
};

Annotations read_annotations(const SourceFile& file, const ast::Dockerfile& ast) {
  Annotations out;
  for (const ast::Comment& c : ast.comments) {
    const std::string_view text = trim(file.slice(c.range));
    const uint32_t line = file.position(c.range.begin).line;
    auto body = [&](std::string_view tag) -> std::optional<std::string_view> {
      if (text.substr(0, tag.size()) != tag) return std::nullopt;
      return trim(text.substr(tag.size()));
    };
    if (auto v = body("# test-options:")) {
      const size_t eq = v->find('=');
      if (eq == std::string_view::npos || v->find('.') > eq) {
        out.errors.push_back("line " + std::to_string(line) +
                             ": expected `# test-options: <slug>.<option>=<value>`");
        continue;
      }
      out.options.values.emplace_back(std::string(trim(v->substr(0, eq))),
                                      std::string(trim(v->substr(eq + 1))));
    } else if (auto v = body("# expect:")) {
      Expectation e;
      e.line = line;
      e.instr = instruction_at(ast, c.range.begin, false);
      std::string_view rest = *v;
      size_t end = 0;
      while (end < rest.size() && rest[end] != ' ' && rest[end] != '@' && rest[end] != '~') ++end;
      e.key = std::string(rest.substr(0, end));
      rest = trim(rest.substr(end));
      if (!rest.empty() && rest[0] == '@') {
        size_t n = 1;
        uint32_t col = 0;
        while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9')
          col = col * 10 + (rest[n++] - '0');
        if (n == 1) out.errors.push_back("line " + std::to_string(line) + ": bad @column");
        e.column = col;
        rest = trim(rest.substr(n));
      }
      if (!rest.empty() && rest[0] == '~') {
        rest = trim(rest.substr(1));
        if (rest.size() >= 2 && rest.front() == '"' && rest.back() == '"') {
          e.substring = std::string(rest.substr(1, rest.size() - 2));
          rest = {};
        } else {
          out.errors.push_back("line " + std::to_string(line) +
                               ": expected `~ \"message substring\"`");
        }
      }
      if (!rest.empty()) {
        out.errors.push_back("line " + std::to_string(line) +
                             ": unexpected text in expect: " + std::string(rest));
      }
      if (e.key.empty()) out.errors.push_back("line " + std::to_string(line) + ": empty expect");
      const Rule* r = find_rule(e.key);
      e.code = r ? std::string(r->info().id) : e.key;
      out.expects.push_back(std::move(e));
    } else if (auto v = body("# expect-fix:"); v || (v = body("# expect-fix[unsafe]:"))) {
      if (out.expects.empty()) {
        out.errors.push_back("line " + std::to_string(line) + ": expect-fix without an expect");
        continue;
      }
      out.expects.back().fix_text = std::string(*v);
      out.expects.back().fix_unsafe = text.substr(0, 20) == "# expect-fix[unsafe]";
    } else if (text.substr(0, 8) == "# expect") {
      out.errors.push_back("line " + std::to_string(line) +
                           ": unknown annotation: " + std::string(text));
    }
  }
  return out;
}

std::string describe(const SourceFile& file, const Diagnostic& d) {
  const Position p = file.position(d.range.begin);
  const Rule* r = find_rule(d.code);
  std::ostringstream s;
  s << file.path() << ":" << p.line << ":" << p.column << ": " << d.code;
  if (r) s << " (" << r->info().name << ")";
  s << ": " << d.message;
  return s.str();
}

std::string fix_replacement(const Fix& fix) {
  std::string out;
  for (const Edit& e : fix.edits) out += e.replacement;
  return out;
}

class RuleFixture : public ::testing::TestWithParam<FixtureFile> {};

TEST_P(RuleFixture, Matches) {
  const FixtureFile& fixture = GetParam();
  ASSERT_NE(fixture.rule, nullptr)
      << fixture.path << ": the file name does not start with the name of a rule";
  const std::string text = read_text(fixture.path);
  Parser parser;
  const SourceFile source(fixture.path.string(), text);
  const ParseResult parsed = parser.parse(source);
  Annotations notes = read_annotations(source, parsed.ast);
  for (const std::string& e : notes.errors) ADD_FAILURE() << fixture.path << ": " << e;

  Settings settings;
  settings.rules = RuleSet();
  settings.rules.insert(*fixture.rule);
  settings.options = notes.options;
  const FileReport report = check_file(source, settings, parser);

  // Match diagnostics to expectations.
  for (const Diagnostic& d : report.diagnostics) {
    const size_t instr = instruction_at(parsed.ast, d.range.begin, true);
    const uint32_t column = source.position(d.range.begin).column;
    Expectation* match = nullptr;
    for (Expectation& e : notes.expects) {
      if (e.matched || e.code != d.code || e.instr != instr) continue;
      if (e.column && *e.column != column) continue;
      if (e.substring && d.message.find(*e.substring) == std::string::npos) continue;
      match = &e;
      break;
    }
    if (!match) {
      ADD_FAILURE() << "unexpected diagnostic: " << describe(source, d);
      continue;
    }
    match->matched = true;
    if (match->fix_text) {
      if (!d.fix) {
        ADD_FAILURE() << fixture.path << ":" << match->line << ": expected a fix for "
                      << describe(source, d);
      } else {
        EXPECT_EQ(fix_replacement(*d.fix), *match->fix_text)
            << fixture.path << ":" << match->line << ": fix text of " << describe(source, d);
        const bool unsafe = d.fix->applicability == Applicability::unsafe;
        EXPECT_EQ(unsafe, match->fix_unsafe)
            << fixture.path << ":" << match->line << ": the fix is "
            << (unsafe ? "unsafe; write expect-fix[unsafe]:" : "not unsafe; write expect-fix:");
      }
    }
  }
  for (const Expectation& e : notes.expects) {
    if (e.matched) continue;
    const std::string where = e.instr < parsed.ast.instructions.size()
                                  ? "the instruction on line " +
                                        std::to_string(parsed.ast.instructions[e.instr].start_line)
                                  : std::string("the end of the file");
    ADD_FAILURE() << fixture.path << ":" << e.line << ": expected `" << e.key
                  << (e.column ? "@" + std::to_string(*e.column) : "")
                  << (e.substring ? " ~ \"" + *e.substring + "\"" : "") << "` at " << where
                  << " did not fire";
  }

  // Fixes: apply until nothing changes (ruff's loop), compare with the golden file.
  fs::path golden = fixture.path;
  golden += ".fixed";
  const bool update = std::getenv("DFOPT_UPDATE_GOLDEN") != nullptr &&
                      std::string_view(std::getenv("DFOPT_UPDATE_GOLDEN")) == "1";
  std::error_code ec;
  const bool has_golden = fs::exists(golden, ec);
  if (!has_golden && !update) return;
  // The real fix engine, as `dfopt check --fix --unsafe-fixes` runs it: rounds until nothing
  // changes, each round checked to parse, fixes that would add a finding withheld.
  FixOptions options;
  options.unsafe = true;
  const FixResult result = fix_file(source, settings, parser, options);
  EXPECT_TRUE(result.converged) << fixture.path << ": fixing again still changes the file after "
                                << options.max_passes << " passes";
  EXPECT_EQ(result.skipped, FixSkip::none) << fixture.path << ": " << to_string(result.skipped);
  for (const WithheldFix& w : result.withheld) {
    // A withheld fix is part of the golden's story only when it is deliberate; one that breaks
    // the parse is a bug in the rule.
    EXPECT_FALSE(w.breaks_parse) << fixture.path << ":" << source.position(w.range.begin).line
                                 << ": " << w.code << " fix \"" << w.title
                                 << "\" withheld: " << w.reason;
  }
  const std::string fixed(result.report.source.text());
  // The fixed text must parse (at least as well as the original did).
  auto errors = [&](const std::string& t) {
    const ParseResult r = parser.parse(SourceFile(fixture.path.string(), t));
    return std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                         [](const Diagnostic& d) { return d.severity == Severity::error; });
  };
  EXPECT_LE(errors(fixed), errors(text)) << fixture.path << ": the fixed file does not parse";
  // Running it again changes nothing.
  const FixResult again = fix_file(SourceFile(fixture.path.string(), fixed), settings, parser,
                                   options);
  EXPECT_FALSE(again.changed()) << fixture.path << ": a second --fix still changes the file";
  if (update) {
    if (fixed != text || has_golden) {
      std::ofstream(golden, std::ios::binary) << fixed;
    }
    return;
  }
  EXPECT_EQ(fixed, read_text(golden))
      << fixture.path << ": fixed output differs from " << golden.filename()
      << " (DFOPT_UPDATE_GOLDEN=1 rewrites it)";
}

std::string test_name(const ::testing::TestParamInfo<FixtureFile>& info) {
  std::string name = info.param.category + "_" + info.param.stem;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, ::testing::ValuesIn(list_fixture_files()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RuleFixture);

}  // namespace
}  // namespace dfopt::testing
