// The shell model: commands, joins, conditions, words and their source ranges, inner scripts,
// heredocs, SHELL dialects, option helpers, malformed and hostile input.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/shell.h"

namespace dfopt::shell {
namespace {

Script sh(std::string_view text) {
  static ShellParser parser;  // reused, as a worker does
  return parser.parse(text);
}

std::vector<std::string> names(const Script& s) {
  std::vector<std::string> out;
  for (const Command& c : s.commands) out.emplace_back(c.name());
  return out;
}

std::vector<std::string> texts(const Command& c) {
  std::vector<std::string> out;
  for (const Word& w : c.argv) out.emplace_back(w.text);
  return out;
}

using Names = std::vector<std::string>;

// A Dockerfile with its AST, model and shell model.
struct Fixture {
  explicit Fixture(std::string text)
      : source("Dockerfile", std::move(text)),
        parsed(parse(source)),
        model(model::build_model(parsed.ast, source)),
        shells(parsed.ast, model, source) {}

  // The script of the n-th instruction of kind `kind`.
  const Script& script(ast::InstrKind kind, size_t n = 0) {
    for (uint32_t i = 0; i < parsed.ast.instructions.size(); ++i) {
      const ast::Instruction& ins = parsed.ast.instructions[i];
      if (ins.kind == kind && n-- == 0) return shells.script(i);
    }
    ADD_FAILURE() << "no such instruction";
    return shells.script(UINT32_MAX);
  }
  std::string_view at(TextRange r) const { return source.slice(r); }

  SourceFile source;
  ParseResult parsed;
  model::Model model;
  ShellModel shells;
};

// ---- lists, and-or lists, pipelines ------------------------------------------------------------

TEST(ShellParser, ListsAndJoins) {
  const Script s = sh("apt-get update && apt-get install -y x; echo a || echo b | grep c & wait");
  ASSERT_TRUE(s.ok()) << s.diagnostics[0].message;
  EXPECT_EQ(names(s), (Names{"apt-get", "apt-get", "echo", "echo", "grep", "wait"}));
  const auto& c = s.commands;
  EXPECT_EQ(c[0].op, Joiner::first);
  EXPECT_EQ(c[1].op, Joiner::and_if);
  EXPECT_EQ(c[2].op, Joiner::seq);
  EXPECT_EQ(c[3].op, Joiner::or_if);
  EXPECT_EQ(c[4].op, Joiner::pipe);
  EXPECT_EQ(c[5].op, Joiner::background);
  EXPECT_TRUE(c[1].unconditional);
  EXPECT_TRUE(c[2].unconditional);
  EXPECT_FALSE(c[3].unconditional);  // after ||
  EXPECT_FALSE(c[4].unconditional);  // same pipeline
  EXPECT_TRUE(c[5].unconditional);
  EXPECT_EQ(c[0].and_or, c[1].and_or);
  EXPECT_NE(c[1].and_or, c[2].and_or);
  EXPECT_EQ(c[3].pipeline, c[4].pipeline);
  EXPECT_EQ(c[4].pipeline_index, 1u);
  EXPECT_EQ(c[4].pipeline_size, 2u);
  EXPECT_TRUE(c[2].background && c[3].background && c[4].background);
  EXPECT_FALSE(c[5].background);
  EXPECT_EQ(texts(c[1]), (Names{"apt-get", "install", "-y", "x"}));
}

TEST(ShellParser, SuccessPath) {
  const Script s = sh("[ -f x ] && rm x; a || b && c; ! d && e; false || f; g; h\n");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(names(s), (Names{"[", "rm", "a", "b", "c", "d", "e", "false", "f", "g", "h"}));
  const auto& c = s.commands;
  EXPECT_TRUE(c[0].unconditional);   // the test itself runs
  EXPECT_FALSE(c[1].unconditional);  // after a test
  EXPECT_FALSE(c[3].unconditional);  // fallback
  EXPECT_TRUE(c[4].unconditional);   // a succeeded, so c runs
  EXPECT_TRUE(c[5].negated);
  EXPECT_FALSE(c[6].unconditional);  // ! d fails on the success path
  EXPECT_TRUE(c[8].unconditional);   // false || f
  EXPECT_TRUE(c[9].unconditional && c[10].unconditional);
  EXPECT_EQ(c[10].op, Joiner::seq);  // newline-separated lists: a trailing newline is fine
}

TEST(ShellParser, NewlinesAfterOperators) {
  const Script s = sh("a &&\n  b |\n  c ||\n d\n\n e");
  ASSERT_TRUE(s.ok()) << s.diagnostics[0].message;
  EXPECT_EQ(names(s), (Names{"a", "b", "c", "d", "e"}));
}

// ---- compound commands -------------------------------------------------------------------------

TEST(ShellParser, SubshellsAndGroups) {
  const Script s = sh("(cd /src && make) && { echo a; echo b; } || (exit 1)");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(names(s), (Names{"cd", "make", "echo", "echo", "exit"}));
  const auto& c = s.commands;
  EXPECT_EQ(c[0].depth, 1u);
  EXPECT_EQ(c[0].op, Joiner::first);
  EXPECT_EQ(c[1].op, Joiner::and_if);
  EXPECT_EQ(c[2].op, Joiner::and_if);  // the first command of a group takes the group's join
  EXPECT_EQ(c[3].op, Joiner::seq);
  EXPECT_TRUE(c[2].unconditional && c[3].unconditional);
  EXPECT_FALSE(c[4].unconditional);
}

TEST(ShellParser, IfWhileForCase) {
  const Script s =
      sh("if [ -f x ]; then rm x; elif test -d y; then rmdir y; else touch z; fi\n"
         "for p in a b; do apt-get install $p; done\n"
         "for q in $LIST; do echo $q; done\n"
         "while read l; do echo \"$l\"; done < f\n"
         "until false; do break; done\n"
         "case \"$x\" in a|b) echo ab ;; (*) echo other ;; esac\n"
         "case y in y) echo last\n"
         "esac\n");
  ASSERT_TRUE(s.ok()) << s.diagnostics[0].message;
  EXPECT_EQ(names(s), (Names{"[", "rm", "test", "rmdir", "touch", "apt-get", "echo", "read", "echo",
                             "false", "break", "echo", "echo", "echo"}));
  const auto& c = s.commands;
  EXPECT_TRUE(c[0].unconditional);    // the if condition
  EXPECT_FALSE(c[1].unconditional);   // then
  EXPECT_FALSE(c[2].unconditional);   // elif condition
  EXPECT_FALSE(c[4].unconditional);   // else
  EXPECT_TRUE(c[5].unconditional);    // for over literal words runs its body
  EXPECT_FALSE(c[6].unconditional);   // for over $LIST may not
  EXPECT_TRUE(c[7].unconditional);    // while condition
  EXPECT_FALSE(c[8].unconditional);   // while body
  EXPECT_FALSE(c[11].unconditional);  // case item
  EXPECT_EQ(c[1].depth, 1u);
  EXPECT_EQ(texts(c[5]), (Names{"apt-get", "install", "$p"}));
  EXPECT_TRUE(c[5].argv[2].has_expansion);
}

TEST(ShellParser, FunctionsAndBashSyntax) {
  const Script s =
      sh("f() { apt-get update; }\n"
         "function g { echo g; }\n"
         "function h() ( echo h )\n"
         "[[ -n $a && $b =~ ^(x|y)$ ]] && echo ok\n"
         "arr=(one \"two three\" $(seq 3)) other=1 env\n"
         "cat <<< \"$x\" &> /dev/null; echo $'a\\tb' ${x:-$(pwd)} $((1 + $(nproc)))\n"
         "(( i++ )) || true; for ((i = 0; i < 3; i++)); do echo $i; done\n"
         "diff <(ls a) <(ls b) |& tee log\n");
  ASSERT_TRUE(s.ok()) << s.diagnostics[0].message;
  EXPECT_EQ(names(s),
            (Names{"apt-get", "echo", "echo", "[[", "echo", "env", "seq", "cat", "echo", "pwd",
                   "nproc", "(( i++ ))", "true", "echo", "diff", "ls", "ls", "tee"}));
  const auto& c = s.commands;
  EXPECT_TRUE(c[0].in_function);
  EXPECT_FALSE(c[0].unconditional);
  EXPECT_EQ(texts(c[3]), (Names{"[[", "-n", "$a", "&&", "$b", "=~", "^(x|y)$", "]]"}));
  ASSERT_EQ(c[5].assignments.size(), 2u);
  EXPECT_EQ(c[5].assignments[0].text, "arr=(one \"two three\" $(seq 3))");
  EXPECT_EQ(c[6].origin, Origin::substitution);
  EXPECT_EQ(c[6].parent, 5u);
  ASSERT_EQ(c[7].redirections.size(), 2u);
  EXPECT_EQ(c[7].redirections[0].kind, RedirKind::herestring);
  EXPECT_EQ(c[7].redirections[1].kind, RedirKind::output_both);
  EXPECT_EQ(texts(c[8]), (Names{"echo", "a\\tb", "${x:-$(pwd)}", "$((1 + $(nproc)))"}));
  EXPECT_EQ(c[15].parent, 14u);
  EXPECT_EQ(c[17].op, Joiner::pipe);
}

// ---- words -------------------------------------------------------------------------------------

TEST(ShellParser, WordsQuotesAndExpansions) {
  const Script s =
      sh("echo 'a b' \"c $HOME d\" e\\ f \"g\\\"h\" pkg=$VER \"${A}\"x 'it'\\''s' a#b #comment");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s.commands.size(), 1u);
  const Command& c = s.commands[0];
  EXPECT_EQ(texts(c),
            (Names{"echo", "a b", "c $HOME d", "e f", "g\"h", "pkg=$VER", "${A}x", "it's", "a#b"}));
  EXPECT_TRUE(c.argv[1].quoted);
  EXPECT_TRUE(c.argv[1].is_literal());
  EXPECT_TRUE(c.argv[2].has_expansion);
  EXPECT_FALSE(c.argv[2].has_substitution);
  EXPECT_EQ(c.argv[2].raw, "\"c $HOME d\"");
  EXPECT_FALSE(c.argv[5].quoted);
  EXPECT_EQ(c.argv[3].range, (TextRange{23, 27}));
}

TEST(ShellParser, CommandSubstitutions) {
  const Script s = sh("echo $(uname -m) \"$(id -u)\" `date` $(echo $(nested))");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(names(s), (Names{"echo", "uname", "id", "date", "echo", "nested"}));
  for (size_t i = 1; i < s.commands.size(); ++i) {
    EXPECT_TRUE(s.commands[i].in_substitution);
    EXPECT_EQ(s.commands[i].origin, Origin::substitution);
  }
  EXPECT_EQ(s.commands[1].parent, 0u);
  EXPECT_EQ(s.commands[5].parent, 4u);
  EXPECT_EQ(s.commands[5].depth, 2u);
  EXPECT_TRUE(s.commands[0].argv[1].has_substitution);
  EXPECT_EQ(s.commands[0].argv[1].text, "$(uname -m)");
  EXPECT_EQ(s.commands[1].range, (TextRange{7, 15}));
}

TEST(ShellParser, Redirections) {
  const Script s = sh("make 2>&1 >build.log </dev/null >>x 3<>y >| z");
  ASSERT_TRUE(s.ok());
  const Command& c = s.commands[0];
  EXPECT_EQ(texts(c), (Names{"make"}));
  ASSERT_EQ(c.redirections.size(), 6u);
  EXPECT_EQ(c.redirections[0].kind, RedirKind::dup_output);
  EXPECT_EQ(c.redirections[0].fd, 2);
  EXPECT_EQ(c.redirections[0].target.text, "1");
  EXPECT_EQ(c.redirections[0].range, (TextRange{5, 9}));
  EXPECT_EQ(c.redirections[1].fd, -1);
  EXPECT_EQ(c.redirections[4].kind, RedirKind::read_write);
  EXPECT_EQ(c.redirections[4].fd, 3);
  EXPECT_EQ(c.redirections[5].kind, RedirKind::clobber);
}

TEST(ShellParser, HeredocsInScripts) {
  const Script s =
      sh("cat <<EOF > /etc/x\nline $HOME\nEOF\ncat <<-'END' | sh\n\tapt-get update\n\tEND\necho "
         "done\n");
  ASSERT_TRUE(s.ok()) << s.diagnostics[0].message;
  EXPECT_EQ(names(s), (Names{"cat", "cat", "sh", "echo"}));
  const Redirection& r = s.commands[0].redirections[0];
  EXPECT_TRUE(r.is_heredoc());
  EXPECT_EQ(r.heredoc_body, "line $HOME\n");
  EXPECT_TRUE(r.heredoc_expands);
  EXPECT_EQ(r.heredoc_range, (TextRange{19, 30}));
  const Redirection& q = s.commands[1].redirections.at(0);
  EXPECT_EQ(q.kind, RedirKind::heredoc_strip);
  EXPECT_FALSE(q.heredoc_expands);
  EXPECT_EQ(q.heredoc_body, "\tapt-get update\n");
  EXPECT_EQ(s.commands[3].op, Joiner::seq);
}

TEST(ShellParser, ShellStdinHeredoc) {
  const Script s = sh("bash -s <<'EOF'\napt-get install -y curl\nEOF\n");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(names(s), (Names{"bash", "apt-get"}));
  EXPECT_EQ(s.commands[1].origin, Origin::shell_stdin);
  EXPECT_EQ(s.commands[1].parent, 0u);
  EXPECT_EQ(s.commands[1].argv[0].range, (TextRange{16, 23}));
}

TEST(ShellParser, ShellDashC) {
  const std::string text =
      "sh -c \"apt-get install -y x && echo \\\"ok\\\"\" && bash -ec 'rm -rf /tmp/*'";
  const Script s = sh(text);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(names(s), (Names{"sh", "apt-get", "echo", "bash", "rm"}));
  const auto& c = s.commands;
  EXPECT_EQ(c[1].origin, Origin::shell_c);
  EXPECT_EQ(c[1].parent, 0u);
  EXPECT_EQ(c[1].depth, 1u);
  EXPECT_EQ(c[4].parent, 3u);
  // Ranges point into the quoted string.
  EXPECT_EQ(text.substr(c[1].argv[0].range.begin, c[1].argv[0].range.size()), "apt-get");
  EXPECT_EQ(text.substr(c[1].argv[3].range.begin, c[1].argv[3].range.size()), "x");
  EXPECT_EQ(c[2].argv[1].text, "ok");
  // An escaped character maps to itself, so the range starts after the outer backslash.
  EXPECT_EQ(text.substr(c[2].argv[1].range.begin, c[2].argv[1].range.size()), "\"ok\\\"");
  EXPECT_EQ(text.substr(c[4].argv[2].range.begin, c[4].argv[2].range.size()), "/tmp/*");
  // A substitution the outer shell expands is not parsed twice (commands are in source order).
  const Script d = sh("sh -c \"echo $(id -u)\" && sh -c 'echo $(id -g)'");
  EXPECT_EQ(names(d), (Names{"sh", "echo", "id", "sh", "echo", "id"}));
  EXPECT_EQ(d.commands[2].parent, 0u);
  EXPECT_EQ(d.commands[2].origin, Origin::substitution);
  EXPECT_EQ(d.commands[5].parent, 4u);  // expanded by the inner shell
}

TEST(ShellParser, SuDashC) {
  const Script s = sh("su postgres -c \"initdb -D /data\"");
  EXPECT_EQ(names(s), (Names{"su", "initdb"}));
}

// ---- malformed and hostile input --------------------------------------------------------------

TEST(ShellParser, MalformedScriptGivesPartialCommandsAndDiagnostic) {
  const Script s = sh("apt-get update && if true; then apt-get install -y x; echo \"unterminated");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.diagnostics[0].code, "shell-syntax-error");
  const Names n = names(s);
  ASSERT_GE(n.size(), 3u);
  EXPECT_EQ(n[0], "apt-get");
  EXPECT_EQ(n[2], "apt-get");

  for (const char* bad :
       {"a && ", "fi", "(a", "a)", "case x in", "for", "a | | b", "; a", "$(", "`a", "a 'b", "${a",
        "$((1", "a <", "f() ", "{ a;", "a=(b", "if a; then b; elif", "x <<E\n"}) {
    const Script b = sh(bad);
    EXPECT_FALSE(b.ok()) << bad;
  }
}

TEST(ShellParser, DeepNestingDoesNotCrash) {
  const int n = 10000;
  struct Case {
    std::string open, close;
    bool bounded;  // nests commands, so the depth limit applies
  };
  for (const Case& c : std::vector<Case>{{"( ", ")", true},
                                         {"$(", ")", true},
                                         {"{ ", "; }", true},
                                         {"if a; then ", "; fi", true},
                                         {"\"$(", ")\"", true},
                                         {"${a:-", "}", true},
                                         {"$(( (", ") ))", false},
                                         {"a=(", ")", false},
                                         {"((", "))", false}}) {
    std::string text;
    for (int i = 0; i < n; ++i) text += c.open;
    text += "echo x";
    for (int i = 0; i < n; ++i) text += c.close;
    const Script s = sh(text);
    if (c.bounded) {
      ASSERT_FALSE(s.ok()) << c.open;
      EXPECT_NE(s.diagnostics[0].message.find("nested more than"), std::string::npos)
          << s.diagnostics[0].message;
    }
  }
  std::string chain;  // long but flat: no limit applies
  for (int i = 0; i < 20000; ++i) chain += "a && ";
  chain += "b";
  EXPECT_EQ(sh(chain).commands.size(), 20001u);
}

// The tokenizer matches most tokens in C++ (ShellParserOptions::fast_scan); on these edge cases,
// as over the corpus (tests/corpus/corpus_shell_test.cpp), the result must be the same as with
// every character going through the generated lexer.
TEST(ShellParser, FastScanMatchesTheGeneratedLexer) {
  auto dump = [](const Script& s) {
    std::string out;
    for (const Command& c : s.commands) {
      out += fmt::format("{}{}:", int(c.op), int(c.unconditional));
      for (const Word& w : c.assignments) out += fmt::format("A[{}]", w.raw);
      for (const Word& w : c.argv) {
        out += fmt::format("[{}|{}|{}-{}]", w.text, w.raw, w.range.begin, w.range.end);
      }
      for (const Redirection& r : c.redirections) {
        out += fmt::format("<{},{},{},{}>", int(r.kind), r.fd, r.target.text, r.heredoc_body);
      }
      out += '\n';
    }
    for (const Diagnostic& d : s.diagnostics) out += fmt::format("!{}\n", d.message);
    return out;
  };
  ShellParser fast;
  ShellParser slow(ShellParserOptions{.fast_scan = false});
  for (const char* text : {
           "a && b || c; d & e | f |& g ;; h",
           "x=1 y+=2 arr=(a \"b c\" $(d) `e`) cmd",
           "echo $'a\\tb\\'c' $\"loc\" \"$HOME ${x:-\"y\"} $(id -u) `date` $((1+(2*3)))\"",
           "echo $(( $(nproc) + 1 )) $# $? $1 $@ $* $$ $! $- $ $_x ${#a} ${a[0]}",
           "cat <<EOF >f 2>&1\nbody $x\nEOF\ncat <<-'E' &>>log\n\tq\n\tE\n",
           "a 2>&1 3<>f 4<&- >|g <<<w 12>x a2>y \"q\"3>z",
           "diff <(ls a) >(tee b) 2<(c)",
           "echo a\\\nb \\\r\nc # comment $(x)\necho \"a\"#b 'q'#r",
           "case $x in (a|b) y ;; c) z ;& d) w ;;& esac",
           "if a; then b; elif c; then d; else e; fi; while f; do g; done; for i in 1 2; do h; "
           "done",
           "f() { a; }; function g { b; }; [[ $a == b && -f c || ( d ) ]] && (( i += 1 ))",
           "echo caf\xc3\xa9 \"\xe2\x82\xac\" \xff\xfe \\\xc3\xa9",
           "echo \\",
           "echo \"\\",
           "echo 'a",
           "echo $'a",
           "echo ${a",
           "echo $((a",
           "echo `a",
           "echo $(a",
           "echo \"$(a \"b\")\"",
           "a | ! b",
           "; a",
           "a ;; b",
           "a\r\nb\r\n",
       }) {
    EXPECT_EQ(dump(fast.parse(text)), dump(slow.parse(text))) << text;
  }
}

// One ShellParser per thread; the generated lexer's and parser's DFA caches are shared.
TEST(ShellParser, OneParserPerThread) {
  const std::vector<std::string> scripts = {
      "apt-get update && apt-get install -y --no-install-recommends curl ca-certificates",
      "set -eux; for f in a b; do echo \"$f\" | sed 's/x/y/' >> out; done",
      "case \"$(uname -m)\" in x86_64) ARCH=amd64 ;; *) exit 1 ;; esac",
      "sh -c 'echo $HOME' && [[ -f x ]] || { echo no; exit 1; }",
  };
  std::vector<std::string> expected;
  for (const std::string& text : scripts)
    expected.push_back(std::to_string(sh(text).commands.size()));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      ShellParser parser;
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < scripts.size(); ++i) {
          if (std::to_string(parser.parse(scripts[i]).commands.size()) != expected[i]) ++mismatches;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// ---- options -----------------------------------------------------------------------------------

TEST(ShellOptions, FlagsAsHadolintReadsThem) {
  constexpr std::string_view kAptValue[] = {"o", "c", "t", "target-release"};
  const OptionSpec apt{kAptValue};
  const Script s =
      sh("apt-get install -y a; apt-get --yes install b; apt-get -qy install c; "
         "apt-get install --assume-yes d; apt-get -o Dpkg::Options::=--force-confold -t buster "
         "install e -- -f; apt-get install -qq --target-release=sid f");
  ASSERT_EQ(s.commands.size(), 6u);
  const auto& c = s.commands;
  EXPECT_TRUE(has_option(c[0], "y", apt));
  EXPECT_TRUE(has_option(c[1], "yes", apt));
  const Options qy = parse_options(c[2], apt);
  EXPECT_TRUE(qy.has("q") && qy.has("y"));
  EXPECT_EQ(qy.options[0].word, 1u);
  EXPECT_TRUE(parse_options(c[3], apt).has_any({"y", "yes", "assume-yes"}));

  const Options e = parse_options(c[4], apt);
  ASSERT_NE(e.find("o"), nullptr);
  EXPECT_EQ(e.find("o")->value, "Dpkg::Options::=--force-confold");
  EXPECT_EQ(e.find("o")->value_word, 2u);
  EXPECT_EQ(e.find("t")->value, "buster");
  EXPECT_FALSE(e.has("f"));  // after --
  EXPECT_TRUE(e.saw_end_of_options);
  EXPECT_EQ(subcommand(c[4], apt), "install");
  std::vector<std::string> operands;
  for (const Word* w : args_without_options(c[4], apt)) operands.emplace_back(w->text);
  EXPECT_EQ(operands, (Names{"install", "e", "-f"}));

  const Options f = parse_options(c[5], apt);
  EXPECT_EQ(f.count("q"), 2u);
  EXPECT_EQ(f.find("target-release")->value, "sid");
  EXPECT_EQ(find_commands(s, "apt-get", "install", apt).size(), 6u);
  EXPECT_EQ(find_commands(s, "apt-get").size(), 6u);
  EXPECT_TRUE(c[0].has_arg("a"));
  EXPECT_FALSE(c[0].has_arg("apt-get"));

  const Script t = sh("tar -xzf a.tgz -C /opt; tar -C/opt -xf b.tar");
  constexpr std::string_view kTarValue[] = {"f", "C", "file", "directory"};
  const Options x = parse_options(t.commands[0], {kTarValue});
  EXPECT_TRUE(x.has("x") && x.has("z"));
  EXPECT_EQ(x.find("f")->value, "a.tgz");
  EXPECT_EQ(x.find("C")->value, "/opt");
  EXPECT_EQ(parse_options(t.commands[1], {kTarValue}).find("C")->value, "/opt");
}

// ---- through the Dockerfile --------------------------------------------------------------------

TEST(ShellModel, WordRangesThroughContinuationsAndComments) {
  Fixture f(
      "FROM debian\n"
      "RUN apt-get update && \\\n"
      "# a comment inside the continuation\n"
      "    apt-get install -y --no-install-\\\n"
      "recommends curl\n");
  const Script& s = f.script(ast::InstrKind::run);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s.commands.size(), 2u);
  const Command& c = s.commands[1];
  EXPECT_EQ(c.argv[3].text, "--no-install-recommends");
  EXPECT_EQ(f.at(c.argv[3].range), "--no-install-\\\nrecommends");
  EXPECT_EQ(f.at(c.argv[0].range), "apt-get");
  EXPECT_EQ(f.at(c.argv[4].range), "curl");
  EXPECT_EQ(f.source.position(c.argv[0].range.begin).line, 4u);
  EXPECT_EQ(f.at(c.range), "apt-get install -y --no-install-\\\nrecommends curl");
}

TEST(ShellModel, BacktickEscapeDirective) {
  Fixture f(
      "# escape=`\n"
      "FROM debian\n"
      "RUN echo a && `\n"
      "    apt-get install -y \"x y\" `\n"
      "    && rm -rf /var/lib/apt/lists/*\n");
  const Script& s = f.script(ast::InstrKind::run);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(names(s), (Names{"echo", "apt-get", "rm"}));
  EXPECT_EQ(f.at(s.commands[1].argv[3].range), "\"x y\"");
  EXPECT_EQ(f.at(s.commands[2].argv[2].range), "/var/lib/apt/lists/*");
  EXPECT_EQ(s.commands[2].op, Joiner::and_if);
}

TEST(ShellModel, HeredocScripts) {
  Fixture f(
      "FROM debian\n"
      "RUN <<EOF\n"
      "apt-get update\n"
      "apt-get install -y curl\n"
      "EOF\n"
      "RUN <<EOF\n"
      "#!/usr/bin/env bash\n"
      "set -euo pipefail\n"
      "[[ -d /x ]] && rm -rf /x\n"
      "EOF\n"
      "RUN <<EOF\n"
      "#!/usr/bin/env python3\n"
      "print('hi')\n"
      "EOF\n"
      "RUN python3 <<EOF && bash <<'SH'\n"
      "print('hi')\n"
      "EOF\n"
      "echo from-stdin\n"
      "SH\n");
  const Script& a = f.script(ast::InstrKind::run, 0);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a.heredoc);
  EXPECT_EQ(names(a), (Names{"apt-get", "apt-get"}));
  EXPECT_EQ(f.at(a.commands[1].argv[3].range), "curl");
  EXPECT_EQ(f.source.position(a.commands[1].range.begin).line, 4u);

  const Script& b = f.script(ast::InstrKind::run, 1);
  EXPECT_TRUE(b.is_sh());
  EXPECT_EQ(b.interpreter, "/usr/bin/env bash");
  EXPECT_EQ(names(b), (Names{"set", "[[", "rm"}));

  const Script& c = f.script(ast::InstrKind::run, 2);
  EXPECT_EQ(c.dialect, Dialect::unsupported);
  EXPECT_NE(c.unsupported_reason.find("python3"), std::string::npos);
  EXPECT_TRUE(c.commands.empty());

  const Script& d = f.script(ast::InstrKind::run, 3);
  ASSERT_TRUE(d.ok()) << d.diagnostics[0].message;
  EXPECT_EQ(names(d), (Names{"python3", "bash", "echo"}));
  ASSERT_EQ(d.commands[0].redirections.size(), 1u);
  EXPECT_EQ(d.commands[0].redirections[0].heredoc_body, "print('hi')\n");
  EXPECT_EQ(f.at(d.commands[0].redirections[0].heredoc_range), "print('hi')\n");
  EXPECT_EQ(d.commands[2].origin, Origin::shell_stdin);
  EXPECT_EQ(f.at(d.commands[2].argv[1].range), "from-stdin");
}

TEST(ShellModel, ShellInstructionSelectsTheDialect) {
  Fixture f(
      "FROM mcr.microsoft.com/windows/servercore\n"
      "SHELL [\"powershell\", \"-Command\"]\n"
      "RUN Invoke-WebRequest -Uri $url -OutFile x.zip\n"
      "SHELL [\"cmd\", \"/S\", \"/C\"]\n"
      "RUN dir\n"
      "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
      "RUN curl x | sh\n"
      "FROM debian\n"
      "RUN echo default\n");
  const Script& ps = f.script(ast::InstrKind::run, 0);
  EXPECT_EQ(ps.dialect, Dialect::unsupported);
  EXPECT_NE(ps.unsupported_reason.find("powershell"), std::string::npos);
  EXPECT_TRUE(ps.commands.empty());
  EXPECT_EQ(f.script(ast::InstrKind::run, 1).dialect, Dialect::unsupported);
  const Script& bash = f.script(ast::InstrKind::run, 2);
  EXPECT_TRUE(bash.is_sh());
  EXPECT_EQ(bash.interpreter, "/bin/bash");
  EXPECT_EQ(names(bash), (Names{"curl", "sh"}));
  EXPECT_EQ(f.script(ast::InstrKind::run, 3).interpreter, "/bin/sh");
}

TEST(ShellModel, OtherInstructions) {
  Fixture f(
      "FROM debian\n"
      "RUN [\"/bin/sh\", \"-c\", \"apt-get install -y \\\"x\\\" && echo ok\"]\n"
      "CMD nginx -g 'daemon off;'\n"
      "ENTRYPOINT [\"docker-entrypoint.sh\"]\n"
      "HEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\n"
      "ONBUILD RUN apt-get update\n"
      "COPY a b\n");
  const Script& run = f.script(ast::InstrKind::run);
  EXPECT_TRUE(run.exec_form);
  EXPECT_EQ(names(run), (Names{"/bin/sh", "apt-get", "echo"}));
  EXPECT_EQ(run.commands[0].origin, Origin::exec_form);
  EXPECT_EQ(run.commands[1].origin, Origin::shell_c);
  EXPECT_EQ(run.commands[1].argv[3].text, "x");
  EXPECT_EQ(f.at(run.commands[1].argv[3].range), "\"x\\\"");
  EXPECT_EQ(f.at(run.commands[2].argv[1].range), "ok");

  const Script& cmd = f.script(ast::InstrKind::cmd);
  EXPECT_EQ(texts(cmd.commands.at(0)), (Names{"nginx", "-g", "daemon off;"}));
  EXPECT_EQ(names(f.script(ast::InstrKind::entrypoint)), (Names{"docker-entrypoint.sh"}));
  const Script& hc = f.script(ast::InstrKind::healthcheck);
  EXPECT_EQ(names(hc), (Names{"curl", "exit"}));
  EXPECT_EQ(f.at(hc.commands[0].argv[2].range), "http://localhost/");
  EXPECT_EQ(names(f.script(ast::InstrKind::onbuild)), (Names{"apt-get"}));
  EXPECT_EQ(f.script(ast::InstrKind::copy).dialect, Dialect::none);
  EXPECT_EQ(f.script(ast::InstrKind::from).dialect, Dialect::none);
  // Cached: the same object.
  EXPECT_EQ(&f.script(ast::InstrKind::cmd), &cmd);
}

}  // namespace
}  // namespace dfopt::shell
