// Unit tests for dfopt::expand_word / expand_words beyond BuildKit's envVarTest / wordsTest tables
// (those run in tests/conformance/buildkit_shell_test.cpp): options, matched/unmatched names,
// the pattern forms (cases from BuildKit's lex_test.go TestProcessWithMatches), and behaviour
// that follows from Go's runes and regexp.

#include "dfopt/word_expansion.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dfopt {
namespace {

using Vars = std::map<std::string, std::string, std::less<>>;
using Names = std::vector<std::string>;

VariableLookup lookup_in(const Vars& vars) {
  return [&vars](std::string_view name) -> std::optional<std::string_view> {
    if (auto it = vars.find(name); it != vars.end()) return std::string_view(it->second);
    return std::nullopt;
  };
}

/// The expanded word, or "<error>".
std::string word(std::string_view input, const Vars& vars = {}, ExpansionOptions options = {}) {
  Expansion out;
  if (expand_word(input, lookup_in(vars), options, out)) return "<error>";
  return out.value;
}

/// The split words, or {"<error>"}.
Names words(std::string_view input, const Vars& vars = {}, ExpansionOptions options = {}) {
  Expansion out;
  if (expand_words(input, lookup_in(vars), options, out)) return {"<error>"};
  return out.words;
}

TEST(WordExpansion, RawQuotesKeepsQuoteCharacters) {
  ExpansionOptions o;
  o.raw_quotes = true;
  EXPECT_EQ(word(R"(he'll'o "w$PWD")", {{"PWD", "/home"}}, o), R"(he'll'o "w/home")");
  EXPECT_EQ(words(R"(a "b c" 'd e')", {}, o), (Names{"a", R"("b c")", "'d e'"}));
  EXPECT_EQ(word(R"("unterminated)", {}, o), "<error>");
}

TEST(WordExpansion, RawEscapesKeepsEscapeCharacters) {
  ExpansionOptions o;
  o.raw_escapes = true;
  EXPECT_EQ(word(R"(a\ b\$PWD)", {{"PWD", "/home"}}, o), R"(a\ b\$PWD)");
  EXPECT_EQ(words(R"(a\ b c)", {}, o), (Names{R"(a\ b)", "c"}));
  // In double quotes an escape before an ordinary character is kept anyway, so with raw escapes
  // it appears twice, as in BuildKit.
  EXPECT_EQ(word(R"("\t\$")", {}, o), R"(\\t\$)");
  EXPECT_EQ(word(R"("\t\$")"), R"(\t$)");
  // A trailing escape is kept, not dropped.
  EXPECT_EQ(word(R"(ab\)", {}, o), R"(ab\)");
  // The words of `-`, `+` and `?` are always read without raw escapes; the option comes back
  // after the `}`.
  EXPECT_EQ(word(R"(${X:-a\$b}\$)", {}, o), R"(a$b\$)");
}

TEST(WordExpansion, SkipUnsetLeavesUnsetReferencesAsWritten) {
  ExpansionOptions o;
  o.skip_unset = true;
  const Vars vars{{"PWD", "/home"}};
  EXPECT_EQ(word("$A ${B} ${C:-x} ${C:-$PWD} $PWD", vars, o), "$A ${B} ${C:-x} ${C:-/home} /home");
  EXPECT_EQ(word("${D/a/b} ${D#a}", vars, o), "${D/a/b} ${D#a}");
  // BuildKit writes `//` back as one '/'.
  EXPECT_EQ(word("${E//a/b}", vars, o), "${E/a/b}");
  // An unsupported operator on an unset variable is kept rather than reported...
  EXPECT_EQ(word("${F:=x}", vars, o), "${F:=x}");
  // ...but still fails on a set one.
  EXPECT_EQ(word("${PWD:=x}", vars, o), "<error>");
  // Without the option, unset variables expand to nothing.
  EXPECT_EQ(word("$A${B}${C:-x}", vars), "x");
}

TEST(WordExpansion, SkipProcessQuotesTreatsQuotesAsText) {
  ExpansionOptions o;
  o.skip_process_quotes = true;
  const Vars vars{{"PWD", "/home"}};
  EXPECT_EQ(word(R"('$PWD' "x)", vars, o), R"('/home' "x)");
  EXPECT_EQ(words(R"('a b' "c")", vars, o), (Names{"'a", "b'", R"("c")"}));
}

TEST(WordExpansion, BacktickEscape) {
  ExpansionOptions o;
  o.escape = '`';
  const Vars vars{{"PWD", "/home"}};
  EXPECT_EQ(word("a`$PWD", vars, o), "a$PWD");
  EXPECT_EQ(word(R"(C:\path\$PWD)", vars, o), R"(C:\path\/home)");
  EXPECT_EQ(word(R"("x`"y")", vars, o), R"(x"y)");
  EXPECT_EQ(word(R"("a\tb``")", vars, o), R"(a\tb`)");
  EXPECT_EQ(word("a`", vars, o), "a");
  EXPECT_EQ(words("a` b c", vars, o), (Names{"a b", "c"}));
  // Inside a pattern the glob escape stays the backslash.
  EXPECT_EQ(word(R"(${X#\*})", {{"X", "*a"}}, o), "a");
}

TEST(WordExpansion, MatchedAndUnmatchedNames) {
  const Vars vars{{"B", "b"}, {"EMPTY", ""}};
  Expansion out;
  ASSERT_FALSE(expand_word("${A:-$B}$C$A$B$EMPTY", lookup_in(vars), {}, out));
  EXPECT_EQ(out.value, "bb");
  // BuildKit expands the modifier word before it looks the variable up: B comes before A.
  EXPECT_EQ(out.matched, (Names{"B", "EMPTY"}));
  EXPECT_EQ(out.unmatched, (Names{"A", "C"}));

  // Positional and special parameters are looked up, and never set.
  ASSERT_FALSE(expand_word("$1${@}$$x", lookup_in(vars), {}, out));
  EXPECT_EQ(out.value, "x");
  EXPECT_EQ(out.matched, Names{});
  EXPECT_EQ(out.unmatched, (Names{"1", "@", "$"}));

  // Names looked up before an error are kept.
  EXPECT_TRUE(expand_word("$B${BAZ?ccc}", lookup_in(vars), {}, out));
  EXPECT_EQ(out.value, "");
  EXPECT_EQ(out.matched, Names{"B"});
  EXPECT_EQ(out.unmatched, Names{"BAZ"});

  // The same Expansion is reset by the next call; words mode records names too.
  ASSERT_FALSE(expand_words("x $B", lookup_in(vars), {}, out));
  EXPECT_EQ(out.words, (Names{"x", "b"}));
  EXPECT_EQ(out.value, "x b");
  EXPECT_EQ(out.matched, Names{"B"});
  EXPECT_EQ(out.unmatched, Names{});
}

TEST(WordExpansion, ModifiersSetVersusNull) {
  const Vars vars{{"FOO", "xxx"}, {"BAR", ""}};
  EXPECT_EQ(word("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", vars), "xxx  ccc");
  EXPECT_EQ(word("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", vars), "xxx bbb ccc");
  EXPECT_EQ(word("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", vars), "aaa bbb ");
  EXPECT_EQ(word("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", vars), "aaa  ");
  EXPECT_EQ(word("${FOO?aaa}", vars), "xxx");
  EXPECT_EQ(word("${BAR?bbb}", vars), "");
  EXPECT_EQ(word("${BAZ?ccc}", vars), "<error>");
  EXPECT_EQ(word("${BAR:?bbb}", vars), "<error>");
  for (const char* bad : {"${FOO=aaa}", "${FOO=:aaa}", "${FOO=}", "${FOO:#}", "${FOO:##}",
                          "${FOO:%}", "${FOO:%%}", "${FOO:=x}", "${#FOO}", "${FOO:}"}) {
    EXPECT_EQ(word(bad, vars), "<error>") << bad;
  }
}

TEST(WordExpansion, ErrorMessagesFollowBuildkit) {
  const Vars vars{{"VAR", ""}, {"ARG", "x"}};
  Expansion out;
  auto error = expand_word("${VAR:?message here$ARG}", lookup_in(vars), {}, out);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, R"(failed to process "${VAR:?message here$ARG}": VAR: message herex)");
  error = expand_word("${NOPE?}", lookup_in(vars), {}, out);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, R"(failed to process "${NOPE?}": NOPE: is not allowed to be unset)");
  error = expand_word("a${", lookup_in(vars), {}, out);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, R"(failed to process "a${": syntax error: missing '}')");
}

// Cases of BuildKit's TestProcessWithMatches for the pattern forms.
TEST(WordExpansion, PrefixAndSuffixPatterns) {
  const Vars xxyy{{"FOO", "xxyy"}};
  EXPECT_EQ(word(R"(${FOO#()[]{\}^$.\*\?|\\})", {{"FOO", R"(()[]{}^$.*?|\x)"}}), "x");
  EXPECT_EQ(word(R"(${FOO%%\**})", {{"FOO", "xx**"}}), "xx");
  EXPECT_EQ(word("${FOO#*x*y}", xxyy), "y");
  EXPECT_EQ(word("${FOO#*}", xxyy), "xxyy");
  EXPECT_EQ(word("${FOO#$BAR}", {{"FOO", "xxyy"}, {"BAR", "x"}}), "xyy");
  EXPECT_EQ(word("${FOO#$BAR}", {{"FOO", "xxyy"}, {"BAR", ""}}), "xxyy");
  EXPECT_EQ(word("${FOO#}", xxyy), "xxyy");
  EXPECT_EQ(word("${FOO##*x}", xxyy), "yy");
  EXPECT_EQ(word("${FOO##}", xxyy), "xxyy");
  EXPECT_EQ(word(R"(${FOO#?\?})", {{"FOO", "???y"}}), "?y");
  EXPECT_EQ(word("${ABC:-.}${FOO%x}${ABC:-.}", xxyy), ".xxyy.");
  EXPECT_EQ(word(R"(${FOO%%\**\*})", {{"FOO", "a***yy*"}}), "a");
  EXPECT_EQ(word("${FOO%}", xxyy), "xxyy");
  EXPECT_EQ(word("${FOO%%$BAR}", {{"FOO", "xxyy"}, {"BAR", ""}}), "xxyy");
  EXPECT_EQ(word("${FOO%y*}", xxyy), "xxy");
  EXPECT_EQ(word("${FOO%%y*}", xxyy), "xx");
  // A variable expanding to "#..." makes `#` greedy: BuildKit checks the expanded word.
  EXPECT_EQ(word("${FOO#$P}", {{"FOO", "xxyy"}, {"P", "#*x"}}), "yy");
  // `\` escapes only `*`, `?` and `\` in a pattern; `\}` is how a `}` gets into one.
  EXPECT_EQ(word(R"(${FOO#\x})", xxyy), "<error>");
  EXPECT_EQ(word(R"(${FOO#a\}})", {{"FOO", "a}b"}}), "b");
}

TEST(WordExpansion, ReplacePatterns) {
  EXPECT_EQ(word("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
                 {{"FOO", "/foo*/*/*.txt"}, {"NEEDLE", R"(\*/)"}}),
            "/foo.*/*.txt - /foo..*.txt");
  EXPECT_EQ(
      word("${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}", {{"FOO", "/tmp/tmp/bar.txt"}, {"NEEDLE", "/tmp"}}),
      "/tmp/bar.txt - /bar.txt");
  EXPECT_EQ(word("${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
                 {{"FOO", "/a/foo/b/c.txt"}, {"NEEDLE", "/?/"}, {"REPLACEMENT", "/"}}),
            "/foo/b/c.txt - /foo/c.txt");
  EXPECT_EQ(word("${FOO/$NEEDLE/$REPLACEMENT}",
                 {{"FOO", "http://google.de"}, {"NEEDLE", "http://"}, {"REPLACEMENT", "https://"}}),
            "https://google.de");
  EXPECT_EQ(word(R"(${FOO//\//\/})", {{"FOO", "/tmp/foo.txt"}}), R"(\/tmp\/foo.txt)");
  EXPECT_EQ(word("${FOO/$BAR/ww}", {{"FOO", "xxyy"}, {"BAR", ""}}), "wwxxyy");
  EXPECT_EQ(word("${FOO//ww}", {{"FOO", "xxyy"}}), "<error>");
  EXPECT_EQ(word("${FOO//}", {{"FOO", "xxyy"}}), "<error>");
  EXPECT_EQ(word("${FOO///}", {{"FOO", "xxyy"}}), "xxyy");
  EXPECT_EQ(word("${FOO///}"), "");
  // Greedy stars, leftmost match.
  EXPECT_EQ(word("${X/X*X/-}", {{"X", "aXbXc"}}), "a-c");
  EXPECT_EQ(word("${X//?/.}", {{"X", "aXbXc"}}), ".....");
  // An empty pattern matches between every rune (Go's ReplaceAllString).
  EXPECT_EQ(word("${X//$E/-}", {{"X", "ab"}, {"E", ""}}), "-a-b-");
}

TEST(WordExpansion, ReplaceAllExpandsGoTemplates) {
  // `//` goes through Go's ReplaceAllString, so `$0` is the match and `$$` a dollar; a single
  // replacement inserts the text as is.
  const Vars x{{"X", "abc"}};
  EXPECT_EQ(word(R"(${X//b/[\$0]})", x), R"(a[\b]c)");
  EXPECT_EQ(word(R"(${X/b/[\$0]})", x), R"(a[\$0]c)");
  auto with = [](std::string r) { return Vars{{"X", "abc"}, {"R", std::move(r)}}; };
  EXPECT_EQ(word("${X//b/$R}", with("<$0>")), "a<b>c");
  EXPECT_EQ(word("${X//b/$R}", with("<${0}>")), "a<b>c");
  EXPECT_EQ(word("${X//b/$R}", with("$$")), "a$c");
  EXPECT_EQ(word("${X//b/$R}", with("${1}$x")), "ac");
  EXPECT_EQ(word("${X//b/$R}", with("$")), "a$c");
  EXPECT_EQ(word("${X//b/$R}", with("${0")), "a${0c");
  EXPECT_EQ(word("${X/b/$R}", with("$0")), "a$0c");
}

TEST(WordExpansion, GlobWildcardsDoNotMatchNewline) {
  // Go's regexp `.` excludes '\n', and BuildKit turns `*` into `.*`.
  const Vars x{{"X", "a\nb"}};
  EXPECT_EQ(word("${X##*}", x), "\nb");
  EXPECT_EQ(word("${X%%*}", x), "a\n");
  EXPECT_EQ(word("${X//?/.}", x), ".\n.");
}

TEST(WordExpansion, RunesFollowGo) {
  const Vars vars{{"KOREAN", "한국어"}, {"변수", "v"}};
  EXPECT_EQ(word("${KOREAN#?}", vars), "국어");
  EXPECT_EQ(word("${KOREAN%?}", vars), "한국");
  // Names are Unicode letters and digits, as in Go.
  EXPECT_EQ(word("$변수.", vars), "v.");
  EXPECT_EQ(word("$\u0663x"), "x");  // ARABIC-INDIC DIGIT THREE is a positional parameter
  // unicode.IsSpace splits words: NO-BREAK SPACE here.
  EXPECT_EQ(words("a\u00A0b $S", {{"S", "c\u3000d"}}), (Names{"a", "b", "c", "d"}));
  // text/scanner turns an invalid byte into U+FFFD and skips a leading byte order mark.
  EXPECT_EQ(word(std::string("a\xFF") + "b"), "a\uFFFDb");
  EXPECT_EQ(word("\uFEFFa\uFEFF"), "a\uFEFF");
  // A variable's value is copied as is, but splitting reads it as runes.
  EXPECT_EQ(word("$X", {{"X", "\xFF"}}), "\xFF");
  EXPECT_EQ(words("$X", {{"X", "\xFF"}}), Names{"\uFFFD"});
  // `%` reverses through Go's []rune, which normalizes invalid bytes even without a match.
  EXPECT_EQ(word("${X%z}", {{"X", "a\xFF"}}), "a\uFFFD");
  EXPECT_EQ(word("${X#z}", {{"X", "a\xFF"}}), "a\xFF");
}

TEST(WordExpansion, WordsKeepHeredocMarkers) {
  EXPECT_EQ(words("cat <<  EOF > file"), (Names{"cat", "<<  EOF", ">", "file"}));
  EXPECT_EQ(words("cat <<-EOF"), (Names{"cat", "<<-EOF"}));
  EXPECT_EQ(words("a<b"), Names{"a<b"});
  Expansion out;
  ASSERT_FALSE(expand_words("cat <<  EOF", nullptr, {}, out));
  EXPECT_EQ(out.value, "cat <<  EOF");
}

TEST(WordExpansion, WordsDropEmptyWords) {
  EXPECT_EQ(words(R"(a "" b '')"), (Names{"a", "b"}));
  EXPECT_EQ(words(R"(a ""b)"), (Names{"a", "b"}));
  EXPECT_EQ(words("  $EMPTY  x ", {{"EMPTY", ""}}), Names{"x"});
  EXPECT_EQ(words(""), Names{});
}

TEST(WordExpansion, WordsLosePrefixBeforeNestedExpansion) {
  // BuildKit's processStopOn shares one words buffer between nesting levels and resets it on
  // entry, so the part of a word before `${X:-...}` / `${X#...}` / `${X/...}` is lost from
  // ProcessWords' result (ProcessWord is not affected). We reproduce that.
  EXPECT_EQ(words("pre${X:-mid}post"), Names{"midpost"});
  EXPECT_EQ(words(R"(a pre"${X:-q}")"), (Names{"a", "q"}));
  EXPECT_EQ(words("pre${X}post"), Names{"prepost"});
  EXPECT_EQ(word("pre${X:-mid}post"), "premidpost");
}

TEST(WordExpansion, PlatformStyleFilename) {
  constexpr std::string_view release =
      "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";
  EXPECT_EQ(word(release, {{"VERSION", "v1.2.3"},
                           {"TARGETOS", "linux"},
                           {"TARGETARCH", "arm"},
                           {"TARGETVARIANT", "v7"}}),
            "something-v1.2.3.linux-arm-v7.tar.gz");
  EXPECT_EQ(word(release, {{"VERSION", "v1.2.3"},
                           {"TARGETOS", "linux"},
                           {"TARGETARCH", "arm64"},
                           {"TARGETVARIANT", ""}}),
            "something-v1.2.3.linux-arm64.tar.gz");
}

TEST(WordExpansion, DeepNestingIsAnErrorNotACrash) {
  std::string ok, deep;
  for (int i = 0; i < 100; ++i) ok += "${A:-";
  ok += "x" + std::string(100, '}');
  EXPECT_EQ(word(ok), "x");
  for (int i = 0; i < 100000; ++i) deep += "${A:-";
  deep += "x" + std::string(100000, '}');
  EXPECT_EQ(word(deep), "<error>");
}

TEST(WordExpansion, PatternMatchingIsNotExponential) {
  // A backtracking matcher would take forever on this; the VM is O(value * pattern).
  const std::string pattern = std::string(64, '*') + "b";
  const Vars vars{{"X", std::string(4000, 'a')}, {"P", pattern}};
  EXPECT_EQ(word("${X#$P}", vars).size(), 4000u);
  EXPECT_EQ(word("${X##$P}", vars).size(), 4000u);
  EXPECT_EQ(word("${X%%$P}", vars).size(), 4000u);
  EXPECT_EQ(word("${X//$P/}", vars).size(), 4000u);
}

TEST(WordExpansion, LookupMayExpandWordsItself) {
  Vars inner{{"INNER", "in"}};
  std::string held;
  const VariableLookup lookup = [&](std::string_view name) -> std::optional<std::string_view> {
    if (name != "OUTER") return std::nullopt;
    Expansion nested;
    if (expand_word("${INNER#i}-${NONE:-d}", lookup_in(inner), {}, nested)) return std::nullopt;
    held = nested.value;
    return std::string_view(held);
  };
  Expansion out;
  ASSERT_FALSE(expand_word("${Z:-${OUTER%-d}}!", lookup, {}, out));
  EXPECT_EQ(out.value, "n!");
}

}  // namespace
}  // namespace dfopt
