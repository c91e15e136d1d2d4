// ShellCheck on RUN scripts: the script each RUN gives ShellCheck, the way back from ShellCheck's
// positions to the Dockerfile, selection keys, config and pragmas, and (when the `shellcheck`
// program is installed) whole runs through shellcheck::check.
#include "dfopt/shellcheck.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "dfopt/config.h"
#include "dfopt/engine.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;

/// One Dockerfile with its AST, model and prepared scripts.
class Prepared {
 public:
  explicit Prepared(std::string text)
      : source_("Dockerfile", std::move(text)),
        parsed_(parse(source_)),
        model_(model::build_model(parsed_.ast, source_)) {
    const FileContext context{source_, parsed_.ast, model_, shared_, options_};
    scripts = shellcheck::prepare(context);
  }

  const SourceFile& source() const { return source_; }
  std::string_view slice(TextRange r) const { return source_.slice(r); }

  std::vector<shellcheck::Script> scripts;

 private:
  SourceFile source_;
  ParseResult parsed_;
  model::Model model_;
  SharedSettings shared_;
  OptionValues options_;
};

/// The part of a script after its shebang and exports.
std::string_view body(const shellcheck::Script& s) {
  std::string_view t = s.text;
  size_t at = t.find('\n') + 1;
  while (t.substr(at).starts_with("export ")) at = t.find('\n', at) + 1;
  return t.substr(at);
}

/// The `export` lines of a script, as names.
std::vector<std::string> exported(const shellcheck::Script& s) {
  std::vector<std::string> out;
  std::string_view t = s.text;
  size_t at = t.find('\n') + 1;
  while (t.substr(at).starts_with("export ")) {
    const size_t eq = t.find('=', at);
    out.emplace_back(t.substr(at + 7, eq - at - 7));
    at = t.find('\n', at) + 1;
  }
  return out;
}

/// ShellCheck's position of script offset `offset`: 1-based line, column in characters.
Position script_position(std::string_view text, size_t offset) {
  Position p;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  for (size_t i = line_start; i < offset; ++i) {
    // Count characters: continuation bytes do not start one.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++p.column;
  }
  return p;
}

/// A comment on the `occurrence`-th appearance of `needle` in the script's body, as ShellCheck
/// would position it.
shellcheck::Comment comment_on(const shellcheck::Script& s, std::string_view needle,
                               uint32_t code = 2086, int occurrence = 0) {
  const size_t start = s.text.size() - body(s).size();
  size_t at = s.text.find(needle, start);
  for (int k = 0; k < occurrence && at != std::string::npos; ++k) {
    at = s.text.find(needle, at + 1);
  }
  EXPECT_NE(at, std::string::npos) << needle << " not in:\n" << s.text;
  shellcheck::Comment c;
  c.code = code;
  c.severity = Severity::info;
  c.message = "Double quote to prevent globbing and word splitting.";
  c.begin = script_position(s.text, at);
  c.end = script_position(s.text, at + needle.size());
  return c;
}

/// The source text a comment on `needle` maps to.
std::string mapped(const Prepared& p, size_t script, std::string_view needle, int occurrence = 0) {
  const shellcheck::Script& s = p.scripts.at(script);
  const Diagnostic d = shellcheck::to_diagnostic(s, comment_on(s, needle, 2086, occurrence));
  return std::string(p.slice(d.range));
}

// ---------------------------------------------------------------------------------------------
// The script of each RUN

TEST(ShellcheckScript, DefaultShellAndExports) {
  const Prepared p(
      "ARG GLOBAL=1\n"
      "FROM alpine\n"
      "ARG version=1\n"
      "ENV APP_HOME=/app\n"
      "RUN echo $version $GLOBAL $http_proxy\n"
      "ENV later=1\n");
  ASSERT_EQ(p.scripts.size(), 1u);
  const shellcheck::Script& s = p.scripts[0];
  EXPECT_TRUE(s.text.starts_with("#!/bin/sh\n")) << s.text;
  // In scope and mentioned: version and the proxy variable. GLOBAL was not redeclared in the
  // stage, APP_HOME is not mentioned, `later` comes after.
  EXPECT_EQ(exported(s), (std::vector<std::string>{"http_proxy", "version"}));
  EXPECT_EQ(body(s), "echo $version $GLOBAL $http_proxy");
  EXPECT_EQ(p.slice(s.anchor), "RUN");
}

TEST(ShellcheckScript, ExportsWhatShellcheckCouldSuggest) {
  // SC2153 ("did you mean APP_HOME?") needs APP_HOME to be known as assigned.
  const Prepared p(
      "FROM alpine\n"
      "ENV APP_HOME=/app BUILD_DIRECTORY=/b abc=1\n"
      "RUN cd $APP_HOM && ls $BUILD_DIRETCORY $abd\n");
  ASSERT_EQ(p.scripts.size(), 1u);
  // `abc` is too short for ShellCheck to suggest.
  EXPECT_EQ(exported(p.scripts[0]), (std::vector<std::string>{"APP_HOME", "BUILD_DIRECTORY"}));
}

TEST(ShellcheckScript, ParentStageVariables) {
  const Prepared p(
      "FROM alpine AS base\n"
      "ENV TOOL_HOME=/opt/tool\n"
      "FROM base\n"
      "RUN echo $TOOL_HOME\n"
      "FROM alpine\n"
      "RUN echo $TOOL_HOME\n");
  ASSERT_EQ(p.scripts.size(), 2u);
  EXPECT_EQ(exported(p.scripts[0]), std::vector<std::string>{"TOOL_HOME"});
  EXPECT_TRUE(exported(p.scripts[1]).empty());
}

TEST(ShellcheckScript, Shells) {
  auto shebang = [](const std::string& dockerfile) -> std::string {
    const Prepared p(dockerfile);
    if (p.scripts.empty()) return "(none)";
    const std::string& t = p.scripts[0].text;
    return t.substr(0, t.find('\n'));
  };
  EXPECT_EQ(shebang("FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN x\n"),
            "#!/bin/bash");
  EXPECT_EQ(shebang("FROM a\nSHELL [\"/usr/bin/env\", \"bash\", \"-c\"]\nRUN x\n"), "#!/bin/bash");
  EXPECT_EQ(shebang("FROM a\nSHELL [\"/bin/ash\", \"-c\"]\nRUN x\n"), "#!/bin/dash");
  EXPECT_EQ(shebang("FROM a\nSHELL [\"/bin/busybox\", \"sh\", \"-c\"]\nRUN x\n"), "#!/bin/dash");
  EXPECT_EQ(shebang("FROM a\nSHELL [\"/bin/mksh\", \"-c\"]\nRUN x\n"), "#!/bin/ksh");
  // ShellCheck does not check zsh, PowerShell or cmd; exec form runs no shell.
  EXPECT_EQ(shebang("FROM a\nSHELL [\"/bin/zsh\", \"-c\"]\nRUN x\n"), "(none)");
  EXPECT_EQ(shebang("FROM a\nSHELL [\"pwsh\", \"-Command\"]\nRUN echo $x\n"), "(none)");
  EXPECT_EQ(shebang("FROM a\nSHELL [\"powershell\", \"-Command\"]\nRUN echo $x\n"), "(none)");
  EXPECT_EQ(shebang("FROM a\nSHELL [\"cmd\", \"/S\", \"/C\"]\nRUN echo %x%\n"), "(none)");
  EXPECT_EQ(shebang("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo %x%\n"),
            "(none)");
  EXPECT_EQ(shebang("FROM a\nRUN [\"sh\", \"-c\", \"echo $x\"]\n"), "(none)");
  // A child stage keeps its parent's SHELL.
  EXPECT_EQ(shebang("FROM a AS b\nSHELL [\"bash\", \"-c\"]\nFROM b\nRUN x\n"), "#!/bin/bash");
  // hadolint's shell pragma sets the shell of RUNs without a SHELL instruction.
  EXPECT_EQ(shebang("# hadolint shell=powershell\nFROM a\nRUN Get-Item x\n"), "(none)");
  EXPECT_EQ(shebang("FROM a\n# hadolint shell = bash\nRUN x\n"), "#!/bin/bash");
  EXPECT_EQ(shebang("# hadolint shell=pwsh\nFROM a\nSHELL [\"sh\", \"-c\"]\nRUN x\n"), "#!/bin/sh");
  // Lowercase instructions.
  EXPECT_EQ(shebang("from a\nshell [\"bash\", \"-c\"]\nrun x\n"), "#!/bin/bash");
}

TEST(ShellcheckScript, Onbuild) {
  const Prepared p(
      "FROM alpine\n"
      "ARG build_arg=1\n"
      "ENV runtime_env=1\n"
      "ONBUILD RUN echo $build_arg $runtime_env\n");
  ASSERT_EQ(p.scripts.size(), 1u);
  // The trigger runs in a later build: it gets the ENV, not the ARG.
  EXPECT_EQ(exported(p.scripts[0]), std::vector<std::string>{"runtime_env"});
  EXPECT_EQ(p.slice(p.scripts[0].anchor), "RUN");
  EXPECT_EQ(mapped(p, 0, "$build_arg"), "$build_arg");
}

TEST(ShellcheckScript, Heredocs) {
  const Prepared p(
      "FROM alpine\n"
      "RUN <<EOF\n"
      "echo $one\n"
      "EOF\n"
      "RUN cat <<EOF > /f && echo $two\n"
      "hello $three\n"
      "EOF\n"
      "RUN <<EOF\n"
      "#!/bin/bash\n"
      "echo $four\n"
      "EOF\n"
      "RUN <<EOF\n"
      "#!/usr/bin/env python3\n"
      "print('$x')\n"
      "EOF\n");
  ASSERT_EQ(p.scripts.size(), 3u);  // the python heredoc is no shell script
  EXPECT_EQ(body(p.scripts[0]), "echo $one\n");
  // BuildKit appends "\n", each heredoc's body and its delimiter to the command line.
  EXPECT_EQ(body(p.scripts[1]), "cat <<EOF > /f && echo $two\nhello $three\nEOF");
  // A heredoc's own shebang decides the shell and gives way to ours.
  EXPECT_TRUE(p.scripts[2].text.starts_with("#!/bin/bash\n")) << p.scripts[2].text;
  EXPECT_EQ(body(p.scripts[2]), "echo $four\n");

  EXPECT_EQ(mapped(p, 0, "$one"), "$one");
  EXPECT_EQ(mapped(p, 1, "$two"), "$two");
  EXPECT_EQ(mapped(p, 1, "$three"), "$three");
  EXPECT_EQ(mapped(p, 2, "$four"), "$four");
  const shellcheck::Script& s = p.scripts[1];
  const Diagnostic delimiter = shellcheck::to_diagnostic(s, comment_on(s, "EOF", 1000, 1));
  EXPECT_EQ(p.source().position(delimiter.range.begin).line, 7u);
  EXPECT_EQ(p.slice(delimiter.range), "EOF");
}

TEST(ShellcheckScript, ChompedHeredoc) {
  const Prepared p(
      "FROM alpine\n"
      "RUN <<-EOF\n"
      "\t\techo $tabbed\n"
      "\tEOF\n");
  ASSERT_EQ(p.scripts.size(), 1u);
  // BuildKit strips the leading tabs of a lone `<<-` heredoc.
  EXPECT_EQ(body(p.scripts[0]), "echo $tabbed\n");
  const Diagnostic d = shellcheck::to_diagnostic(p.scripts[0], comment_on(p.scripts[0], "$tabbed"));
  EXPECT_EQ(p.slice(d.range), "$tabbed");
  EXPECT_EQ(p.source().position(d.range.begin).column, 8u);
}

// ---------------------------------------------------------------------------------------------
// Positions

TEST(ShellcheckPositions, ContinuationsAndCommentsInside) {
  const Prepared p(
      "FROM alpine\n"
      "RUN apt-get update \\\n"
      "    # a comment inside the continuation\n"
      "    && apt-get install -y $packages \\\n"
      "\n"
      "    && echo \"$a\"$b\n");
  ASSERT_EQ(p.scripts.size(), 1u);
  const shellcheck::Script& s = p.scripts[0];
  EXPECT_EQ(mapped(p, 0, "$packages"), "$packages");
  EXPECT_EQ(mapped(p, 0, "$b"), "$b");
  const Diagnostic d = shellcheck::to_diagnostic(s, comment_on(s, "$packages"));
  EXPECT_EQ(p.source().position(d.range.begin).line, 4u);
  EXPECT_EQ(p.source().position(d.range.begin).column, 27u);
  // A range across a continuation covers it in the source.
  const Diagnostic across = shellcheck::to_diagnostic(s, comment_on(s, "update     && apt-get"));
  EXPECT_EQ(p.source().position(across.range.begin).line, 2u);
  EXPECT_EQ(p.source().position(across.range.end).line, 4u);
}

TEST(ShellcheckPositions, BacktickEscape) {
  const Prepared p(
      "# escape=`\n"
      "FROM alpine\n"
      "RUN echo one `\n"
      "    && echo $two\n");
  ASSERT_EQ(p.scripts.size(), 1u);
  EXPECT_EQ(body(p.scripts[0]), "echo one     && echo $two");
  const Diagnostic d = shellcheck::to_diagnostic(p.scripts[0], comment_on(p.scripts[0], "$two"));
  EXPECT_EQ(p.slice(d.range), "$two");
  EXPECT_EQ(p.source().position(d.range.begin).line, 4u);
}

TEST(ShellcheckPositions, CrlfTabsAndUtf8) {
  const Prepared p(
      "FROM alpine\r\n"
      "RUN echo \"h\xc3\xa9llo\"\t$x \\\r\n"
      "  && echo \xe2\x82\xac $y\r\n");
  ASSERT_EQ(p.scripts.size(), 1u);
  EXPECT_EQ(mapped(p, 0, "$x"), "$x");
  EXPECT_EQ(mapped(p, 0, "$y"), "$y");
}

TEST(ShellcheckPositions, OutsideTheRunText) {
  const Prepared p("FROM alpine\nRUN echo \"$x\n");
  ASSERT_EQ(p.scripts.size(), 1u);
  const shellcheck::Script& s = p.scripts[0];
  // A comment on the shebang line goes to the RUN keyword.
  shellcheck::Comment header;
  header.code = 1008;
  header.begin = {1, 1};
  header.end = {1, 3};
  EXPECT_EQ(p.slice(shellcheck::to_diagnostic(s, header).range), "RUN");
  // One at the end of the script (an unterminated quote) goes to the end of the RUN.
  shellcheck::Comment eof;
  eof.code = 1072;
  eof.begin = script_position(s.text, s.text.size());
  eof.end = eof.begin;
  const Diagnostic d = shellcheck::to_diagnostic(s, eof);
  EXPECT_EQ(d.range.begin, p.source().text().find("\n", 13));
  EXPECT_TRUE(d.range.empty());
}

TEST(ShellcheckPositions, Messages) {
  const Prepared p("FROM alpine\nRUN echo $x\n");
  shellcheck::Comment c = comment_on(p.scripts[0], "$x");
  Diagnostic d = shellcheck::to_diagnostic(p.scripts[0], c);
  EXPECT_EQ(d.code, "SC2086");
  EXPECT_EQ(d.severity, Severity::info);
  EXPECT_EQ(d.message, "double quote to prevent globbing and word splitting");
  c.message = "Couldn't parse this test expression. Fix to allow more checks.";
  EXPECT_EQ(shellcheck::to_diagnostic(p.scripts[0], c).message,
            "couldn't parse this test expression. Fix to allow more checks");
  c.message = "In POSIX sh, echo flags are undefined.";
  EXPECT_EQ(shellcheck::to_diagnostic(p.scripts[0], c).message,
            "in POSIX sh, echo flags are undefined");
  // SC2154 and SC2034 start with the variable's name; acronyms keep their case.
  c.code = 2154;
  c.message = "Foo is referenced but not assigned.";
  EXPECT_EQ(shellcheck::to_diagnostic(p.scripts[0], c).message,
            "Foo is referenced but not assigned");
  c.code = 2000;
  c.message = "PATH is the shell search path. Use another name.";
  EXPECT_EQ(shellcheck::to_diagnostic(p.scripts[0], c).message,
            "PATH is the shell search path. Use another name");
  EXPECT_EQ(shellcheck::wiki_url("SC2086"), "https://www.shellcheck.net/wiki/SC2086");
  EXPECT_TRUE(shellcheck::is_code("SC2086"));
  EXPECT_FALSE(shellcheck::is_code("DF701"));
}

// ---------------------------------------------------------------------------------------------
// Selection, config and pragmas

ShellcheckCodes select(std::initializer_list<RuleSelection> layers) {
  std::vector<RuleSelection> v(layers);
  return select_shellcheck(v);
}

TEST(ShellcheckSelection, Keys) {
  EXPECT_EQ(parse_shellcheck_key("SC2086"), 2086u);
  EXPECT_EQ(parse_shellcheck_key("sc2086"), 2086u);
  EXPECT_EQ(parse_shellcheck_key("shellcheck"), 0u);
  EXPECT_EQ(parse_shellcheck_key("ShellCheck"), 0u);
  EXPECT_FALSE(parse_shellcheck_key("SC208"));
  EXPECT_FALSE(parse_shellcheck_key("SC20866"));
  EXPECT_FALSE(parse_shellcheck_key("DL3008"));
  // Valid selection keys that name no rule.
  ASSERT_TRUE(resolve_rule_key("SC2086"));
  EXPECT_TRUE(resolve_rule_key("SC2086")->empty());
  ASSERT_TRUE(resolve_rule_key("shellcheck"));
  EXPECT_FALSE(resolve_rule_key("SC208"));
  EXPECT_EQ(suggest_rule_key("shelcheck"), "shellcheck");
}

TEST(ShellcheckSelection, Layers) {
  // Off by default, and ALL means dfopt's rules.
  EXPECT_TRUE(select({}).empty());
  EXPECT_TRUE(select({{std::vector<std::string>{"ALL"}, {}, {}}}).empty());
  const ShellcheckCodes all = select({{std::nullopt, {"shellcheck"}, {}}});
  EXPECT_TRUE(all.contains(2086) && all.contains(1000));
  // --ignore removes single codes; a layer's select replaces the codes so far.
  const ShellcheckCodes most = select({{std::nullopt, {"shellcheck"}, {"SC2086"}}});
  EXPECT_FALSE(most.contains(2086));
  EXPECT_TRUE(most.contains(2046));
  const ShellcheckCodes one = select({{std::vector<std::string>{"SC2086", "DF701"}, {}, {}}});
  EXPECT_TRUE(one.contains(2086));
  EXPECT_FALSE(one.contains(2046));
  EXPECT_TRUE(
      select({{std::nullopt, {"shellcheck"}, {}}, {std::vector<std::string>{"SC2046"}, {}, {}}})
          .contains(2046));
  EXPECT_FALSE(
      select({{std::nullopt, {"shellcheck"}, {}}, {std::vector<std::string>{"SC2046"}, {}, {}}})
          .contains(2086));
  // A select that names rules only is about rules.
  EXPECT_TRUE(
      select({{std::nullopt, {"shellcheck"}, {}}, {std::vector<std::string>{"DF701"}, {}, {}}})
          .contains(2086));
  // The switch (--shellcheck, `shellcheck: true`) starts from every code, and does not bring
  // back what a layer ignores.
  RuleSelection config{std::nullopt, {}, {"SC2086"}};
  RuleSelection flag;
  flag.shellcheck = true;
  const ShellcheckCodes switched = select({config, flag});
  EXPECT_FALSE(switched.contains(2086));
  EXPECT_TRUE(switched.contains(2046));
  EXPECT_TRUE(select({{std::nullopt, {}, {"shellcheck"}}, flag}).empty());
  // Within a layer the single code wins over `shellcheck`, whatever the order.
  const ShellcheckCodes kept = select({{std::nullopt, {"SC2046"}, {"shellcheck"}}});
  EXPECT_TRUE(kept.contains(2046));
  EXPECT_FALSE(kept.contains(2086));
}

TEST(ShellcheckSelection, Config) {
  Expected<Config> c = parse_config(
      "shellcheck: true\n"
      "ignore: [SC2086]\n"
      "severity: {SC2046: error, shellcheck: info}\n"
      "per-file-ignores: {\"legacy/*\": [SC2155, shellcheck]}\n",
      "", ConfigFormat::dfopt);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_TRUE(c->warnings.empty()) << c->warnings[0].message;
  const Settings s = make_settings(*c, {});
  EXPECT_TRUE(s.shellcheck.contains(2046));
  EXPECT_FALSE(s.shellcheck.contains(2086));
  EXPECT_EQ(s.shellcheck_severity, (std::vector<std::pair<uint32_t, Severity>>{
                                       {2046, Severity::error}, {0, Severity::info}}));
  ASSERT_EQ(s.per_file_ignores.size(), 1u);
  EXPECT_EQ(s.per_file_ignores[0].shellcheck, (std::vector<uint32_t>{2155, 0}));
  // The command line's select replaces the config's ShellCheck codes when it names some.
  RuleSelection cli;
  cli.select = std::vector<std::string>{"DF701"};
  EXPECT_TRUE(make_settings(*c, cli).shellcheck.contains(2046));
  cli.select = std::vector<std::string>{"DF701", "SC2086"};
  EXPECT_TRUE(make_settings(*c, cli).shellcheck.contains(2086));
  EXPECT_FALSE(make_settings(*c, cli).shellcheck.contains(2046));

  // hadolint's config: `ignored` and `override` name SC codes; ShellCheck runs from the
  // command line.
  Expected<Config> h =
      parse_config("ignored: [SC2086]\noverride:\n  error: [SC2046]\n", "", ConfigFormat::hadolint);
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->warnings.empty());
  RuleSelection flag;
  flag.shellcheck = true;
  const Settings hs = make_settings(*h, flag);
  EXPECT_FALSE(hs.shellcheck.contains(2086));
  EXPECT_TRUE(hs.shellcheck.contains(2046));
  EXPECT_EQ(hs.shellcheck_severity,
            (std::vector<std::pair<uint32_t, Severity>>{{2046, Severity::error}}));
  EXPECT_TRUE(make_settings(*h, {}).shellcheck.empty());
}

FileReport check_text(const std::string& text, const Settings& settings,
                      const std::string& path = "Dockerfile") {
  Parser parser;
  return check_file(SourceFile(path, text), settings, parser);
}

TEST(ShellcheckSelection, Pragmas) {
  Settings settings;
  settings.rules = RuleSet();
  settings.shellcheck = ShellcheckCodes::all();
  const FileReport r = check_text(
      "# hadolint global ignore=SC2155\n"
      "FROM alpine\n"
      "# hadolint ignore=SC2086,DL3008\n"
      "RUN echo $a\n"
      "# dfopt ignore=shellcheck  # not this one\n"
      "RUN echo $b\n"
      "RUN echo $c \\\n"
      "  # dfopt ignore=SC2046\n"
      "  && echo $d\n"
      "ONBUILD RUN echo $e\n",
      settings);
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].message;
  ASSERT_EQ(r.shellcheck.size(), 4u);
  EXPECT_EQ(r.shellcheck[0].ignored, (std::vector<uint32_t>{2155, 2086}));
  EXPECT_EQ(r.shellcheck[1].ignored, (std::vector<uint32_t>{2155, 0}));
  EXPECT_EQ(r.shellcheck[2].ignored, (std::vector<uint32_t>{2155, 2046}));
  EXPECT_EQ(r.shellcheck[3].ignored, (std::vector<uint32_t>{2155}));

  // Pragmas are ignored when the config says so; per-file-ignores come first.
  Settings no_pragmas = settings;
  no_pragmas.honour_pragmas = false;
  no_pragmas.per_file_ignores.push_back({"Dockerfile", {}, {2034}});
  const FileReport q = check_text("FROM a\n# hadolint ignore=SC2086\nRUN echo $a\n", no_pragmas);
  ASSERT_EQ(q.shellcheck.size(), 1u);
  EXPECT_EQ(q.shellcheck[0].ignored, std::vector<uint32_t>{2034});

  // Without ShellCheck nothing is prepared, and SC codes in pragmas are silent.
  Settings off;
  const FileReport o = check_text("FROM a\n# dfopt ignore=SC2086,shellcheck\nRUN echo $a\n", off);
  EXPECT_TRUE(o.shellcheck.empty());
  for (const Diagnostic& d : o.diagnostics) EXPECT_NE(d.code, "DF903") << d.message;
}

// ---------------------------------------------------------------------------------------------
// Running ShellCheck

bool have_shellcheck() { return static_cast<bool>(shellcheck::find_program("shellcheck")); }

#define REQUIRE_SHELLCHECK()                                                                 \
  if (!have_shellcheck()) {                                                                  \
    GTEST_SKIP() << "the shellcheck program is not installed (apt-get install shellcheck); " \
                    "ShellCheck runs are not tested";                                        \
  }

struct CheckRun {
  std::vector<FileReport> reports;
  shellcheck::Outcome outcome;
};

CheckRun run_check(const std::vector<std::string>& texts, const Settings& settings,
                   shellcheck::Options options = {}) {
  CheckRun out;
  std::vector<const Settings*> per_file;
  for (size_t i = 0; i < texts.size(); ++i) {
    out.reports.push_back(check_text(texts[i], settings, "Dockerfile." + std::to_string(i)));
    per_file.push_back(&settings);
  }
  out.outcome = shellcheck::check(out.reports, per_file, options);
  return out;
}

std::vector<std::string> codes(const FileReport& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics) out.push_back(d.code);
  return out;
}

constexpr const char* kScripted =
    "FROM alpine\n"
    "ARG version=1\n"
    "RUN echo $version $undeclared \\\n"
    "    && cd /tmp\n"
    "# hadolint ignore=SC2086\n"
    "RUN echo $suppressed\n"
    "RUN [\"echo\", \"$exec_form\"]\n"
    "SHELL [\"pwsh\", \"-Command\"]\n"
    "RUN echo $powershell\n";

TEST(ShellcheckRun, FindingsAtTheirPlace) {
  REQUIRE_SHELLCHECK();
  Settings settings;
  settings.rules = RuleSet();
  settings.shellcheck = ShellcheckCodes::all();
  const CheckRun run = run_check({kScripted}, settings);
  EXPECT_FALSE(run.outcome.skipped);
  EXPECT_TRUE(run.outcome.errors.empty());
  EXPECT_EQ(run.outcome.scripts, 2u);
  const FileReport& r = run.reports[0];
  EXPECT_TRUE(r.shellcheck.empty());
  // $version is an ARG, known to ShellCheck (as a constant: no SC2086 either); $undeclared is not.
  // The `cd` on the continued line is SC2164. Line 6 keeps SC2154 only. Nothing for exec form
  // or PowerShell.
  ASSERT_EQ(codes(r), (std::vector<std::string>{"SC2086", "SC2154", "SC2164", "SC2154"}));
  const auto at = [&](size_t i) { return r.source.position(r.diagnostics[i].range.begin); };
  EXPECT_EQ(at(0), (Position{3, 19}));
  EXPECT_EQ(r.source.slice(r.diagnostics[0].range), "$undeclared");
  EXPECT_EQ(r.diagnostics[1].message, "undeclared is referenced but not assigned");
  EXPECT_EQ(r.diagnostics[1].severity, Severity::warning);
  EXPECT_EQ(at(2), (Position{4, 8}));
  EXPECT_EQ(r.source.slice(r.diagnostics[2].range), "cd /tmp");
  EXPECT_EQ(at(3), (Position{6, 10}));
}

TEST(ShellcheckRun, SelectionAndSeverity) {
  REQUIRE_SHELLCHECK();
  Settings settings;
  settings.rules = RuleSet();
  settings.shellcheck.insert(2154);
  settings.shellcheck_severity = {{0, Severity::style}, {2154, Severity::error}};
  const CheckRun run = run_check({kScripted}, settings);
  const FileReport& r = run.reports[0];
  ASSERT_EQ(codes(r), (std::vector<std::string>{"SC2154", "SC2154"}));
  EXPECT_EQ(r.diagnostics[0].severity, Severity::error);
}

TEST(ShellcheckRun, BatchingChangesNothing) {
  REQUIRE_SHELLCHECK();
  Settings settings;
  settings.shellcheck = ShellcheckCodes::all();
  const std::vector<std::string> texts = {
      kScripted,
      "FROM debian\nRUN apt-get update && apt-get install -y curl\nRUN echo $HOME $x\n",
      kScripted,  // the same scripts again: run once
      "FROM alpine\nRUN <<EOF\nset -e\nfor f in $(ls); do echo $f; done\nEOF\n",
  };
  shellcheck::Options one_by_one;
  one_by_one.batch_size = 1;
  one_by_one.jobs = 1;
  shellcheck::Options parallel;
  parallel.jobs = 3;
  const CheckRun a = run_check(texts, settings, one_by_one);
  const CheckRun b = run_check(texts, settings, parallel);
  EXPECT_EQ(a.outcome.scripts, 7u);
  EXPECT_EQ(a.outcome.unique, 5u);
  ASSERT_EQ(a.reports.size(), b.reports.size());
  for (size_t i = 0; i < a.reports.size(); ++i) {
    ASSERT_EQ(a.reports[i].diagnostics.size(), b.reports[i].diagnostics.size()) << i;
    for (size_t k = 0; k < a.reports[i].diagnostics.size(); ++k) {
      const Diagnostic& x = a.reports[i].diagnostics[k];
      const Diagnostic& y = b.reports[i].diagnostics[k];
      EXPECT_EQ(x.code, y.code);
      EXPECT_EQ(x.range, y.range);
      EXPECT_EQ(x.message, y.message);
    }
  }
  EXPECT_EQ(codes(a.reports[0]), codes(a.reports[2]));
  EXPECT_FALSE(a.reports[3].diagnostics.empty());
}

// A private directory for fake programs, removed afterwards.
class FakeProgram : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dfopt-sc-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string script(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    ::chmod(p.c_str(), 0755);
    return p.string();
  }
  fs::path dir_;
};

TEST_F(FakeProgram, NotInstalled) {
  Settings settings;
  settings.shellcheck = ShellcheckCodes::all();
  shellcheck::Options options;
  options.program = (dir_ / "missing" / "shellcheck").string();
  const CheckRun run = run_check({kScripted}, settings, options);
  ASSERT_TRUE(run.outcome.skipped);
  EXPECT_NE(run.outcome.skipped->find("is not an executable file"), std::string::npos)
      << *run.outcome.skipped;
  EXPECT_TRUE(run.reports[0].shellcheck.empty());
  // Everything else was checked as without ShellCheck.
  const CheckRun without = run_check({kScripted}, Settings{}, options);
  EXPECT_FALSE(without.outcome.skipped);  // nothing to run
  EXPECT_FALSE(codes(without.reports[0]).empty());
  EXPECT_EQ(codes(run.reports[0]), codes(without.reports[0]));

  options.program = "dfopt-no-such-shellcheck";
  const CheckRun by_name = run_check({kScripted}, settings, options);
  ASSERT_TRUE(by_name.outcome.skipped);
  EXPECT_EQ(*by_name.outcome.skipped, "'dfopt-no-such-shellcheck' was not found in PATH");
}

TEST_F(FakeProgram, TooOldOrBroken) {
  const std::string old = script("old", "#!/bin/sh\necho 'ShellCheck\nversion: 0.6.0'\n");
  Expected<std::string> found = shellcheck::find_program(old);
  ASSERT_FALSE(found);
  EXPECT_NE(found.error().message.find("older than 0.7.0"), std::string::npos)
      << found.error().message;
  // A program that passes the version check but writes garbage: the batch fails, the run goes
  // on.
  const std::string broken =
      script("broken",
             "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'version: 0.9.0'; exit 0; fi\n"
             "echo 'oops' >&2; exit 3\n");
  Settings settings;
  settings.shellcheck = ShellcheckCodes::all();
  shellcheck::Options options;
  options.program = broken;
  const fs::path tmp = dir_ / "tmp";
  fs::create_directories(tmp);
  const char* saved = std::getenv("TMPDIR");
  const std::string saved_value = saved ? saved : "";
  ::setenv("TMPDIR", tmp.c_str(), 1);
  const CheckRun run = run_check({kScripted}, settings, options);
  if (saved) {
    ::setenv("TMPDIR", saved_value.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  EXPECT_FALSE(run.outcome.skipped);
  ASSERT_EQ(run.outcome.errors.size(), 1u);
  EXPECT_EQ(run.outcome.errors[0], "ShellCheck exited with status 3: oops");
  for (const Diagnostic& d : run.reports[0].diagnostics) EXPECT_FALSE(shellcheck::is_code(d.code));
  // Its temporary directory is gone.
  EXPECT_TRUE(fs::is_empty(tmp));
}

}  // namespace
}  // namespace dfopt
