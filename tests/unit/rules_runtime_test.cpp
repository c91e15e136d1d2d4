// Unit tests for the tricky parts of the `runtime` rules (DF4xx): the shell-form to exec-form
// rewrite, BuildKit's EXPOSE port-spec parser, whole-line deletion and ONBUILD trigger scope.
// The fixtures in tests/rules/runtime cover the rules through the engine.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "../../rules/runtime/runtime_helpers.h"
#include "dfopt/engine.h"
#include "dfopt/fixes.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/rule.h"

namespace dfopt {
namespace {

struct RunResult {
  std::vector<Diagnostic> diags;
  std::string fixed;  // all fixes (unsafe included) applied once
};

RunResult run(std::string_view rule, const std::string& text, OptionValues options = {}) {
  const SourceFile src("Dockerfile", text);
  const ParseResult parsed = parse(src);
  const model::Model m = model::build_model(parsed.ast, src);
  const SharedSettings shared;
  const FileContext ctx{src, parsed.ast, m, shared, options};
  const Rule* r = find_rule(rule);
  EXPECT_NE(r, nullptr) << rule;
  RunResult out;
  if (!r) return out;
  out.diags = run_rules(std::span<const Rule* const>(&r, 1), ctx);
  out.fixed = apply_fixes(text, out.diags, /*unsafe=*/true);
  return out;
}

// ---------------------------------------------------------------------------------------------
// exec_form_json

TEST(ExecFormJson, SplitsPlainCommandsOnBlanks) {
  using rules::runtime::exec_form_json;
  EXPECT_EQ(exec_form_json("node server.js"), R"(["node", "server.js"])");
  EXPECT_EQ(exec_form_json("  /app/server\t--port=8080   -v "),
            R"(["/app/server", "--port=8080", "-v"])");
  EXPECT_EQ(exec_form_json("nginx -g daemon-off"), R"(["nginx", "-g", "daemon-off"])");
  EXPECT_EQ(exec_form_json("python3 -m http.server 8000"),
            R"(["python3", "-m", "http.server", "8000"])");
  EXPECT_EQ(exec_form_json("caf\xc3\xa9 --utf8"), "[\"caf\xc3\xa9\", \"--utf8\"]");
}

TEST(ExecFormJson, DropsLeadingExec) {
  using rules::runtime::exec_form_json;
  EXPECT_EQ(exec_form_json("exec node server.js"), R"(["node", "server.js"])");
  EXPECT_EQ(exec_form_json("exec"), std::nullopt);
  EXPECT_EQ(exec_form_json("exec exec x"), std::nullopt);  // `exec` is shell-only
}

TEST(ExecFormJson, RejectsShellSyntax) {
  using rules::runtime::exec_form_json;
  for (std::string_view cmd :
       {"echo $HOME", "echo ${HOME}", "echo `date`", "echo 'a b'", "echo \"a\"", "echo a\\ b",
        "ls *.txt",   "ls file?",     "ls [ab]",     "echo {a,b}", "(cd /x)",    "a && b",
        "a || b",     "a | b",        "a; b",        "a > log",    "a < in",     "a 2>&1",
        "cd ~",       "a # comment",  "! false",     "a &"}) {
    EXPECT_EQ(exec_form_json(cmd), std::nullopt) << cmd;
  }
}

TEST(ExecFormJson, RejectsShellOnlyFirstWordsAndAssignments) {
  using rules::runtime::exec_form_json;
  for (std::string_view cmd :
       {"cd /app", "source env.sh", ". env.sh", "export A=1", "set -e", "ulimit -n 1024", "if true",
        "while true", "FOO=bar node x", "", "   ", "exec"}) {
    EXPECT_EQ(exec_form_json(cmd), std::nullopt) << cmd;
  }
  // `=` in later words is an ordinary argument.
  EXPECT_EQ(exec_form_json("env FOO=bar node"), R"(["env", "FOO=bar", "node"])");
  // Control characters would need JSON escapes.
  EXPECT_EQ(exec_form_json("a\x01"
                           "b"),
            std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// parse_port_spec (BuildKit convert_expose.go)

TEST(PortSpec, SplitsPartsLikeBuildKit) {
  using rules::runtime::parse_port_spec;
  auto p = parse_port_spec("80");
  EXPECT_TRUE(p.linted && p.valid);
  EXPECT_EQ(p.container, "80");
  EXPECT_EQ(p.host_port, "");
  EXPECT_EQ(p.ip, "");

  p = parse_port_spec("8080:80/TCP");
  EXPECT_TRUE(p.valid);
  EXPECT_EQ(p.host_port, "8080");
  EXPECT_EQ(p.container, "80/TCP");
  EXPECT_EQ(p.container_offset, 5u);
  EXPECT_EQ(p.proto, "TCP");
  EXPECT_EQ(p.proto_offset, 8u);

  p = parse_port_spec("127.0.0.1:8443:443/tcp");
  EXPECT_TRUE(p.valid);
  EXPECT_EQ(p.ip, "127.0.0.1");
  EXPECT_EQ(p.host_port, "8443");
  EXPECT_EQ(p.container, "443/tcp");

  // More than three parts: everything before the last two is the IP (IPv6 without brackets).
  p = parse_port_spec("::1:80:80");
  EXPECT_TRUE(p.valid);
  EXPECT_EQ(p.ip, "::1");
  p = parse_port_spec("[2001:db8::1]:5000-5001:5000-5001");
  EXPECT_TRUE(p.valid);
  EXPECT_EQ(p.ip, "[2001:db8::1]");
  EXPECT_EQ(p.container, "5000-5001");
}

TEST(PortSpec, ProtocolSplitDecidesWhetherTheChecksRun) {
  using rules::runtime::parse_port_spec;
  EXPECT_TRUE(parse_port_spec("53/udp").linted);
  EXPECT_TRUE(parse_port_spec("53/SCTP").linted);
  EXPECT_TRUE(parse_port_spec("53/").linted);  // empty protocol: tcp
  EXPECT_FALSE(parse_port_spec("53/http").linted);
  EXPECT_FALSE(parse_port_spec("/tcp").linted);  // no port
  EXPECT_FALSE(parse_port_spec("").linted);
  // Checked, then rejected: the checks run before the port validations.
  auto p = parse_port_spec("70000/TCP");
  EXPECT_TRUE(p.linted);
  EXPECT_FALSE(p.valid);
  p = parse_port_spec("999.1.1.1:80:80");
  EXPECT_TRUE(p.linted);
  EXPECT_FALSE(p.valid);
}

TEST(PortSpec, ValidatesPortsRangesAndAddresses) {
  using rules::runtime::parse_port_spec;
  EXPECT_TRUE(parse_port_spec("0").valid);
  EXPECT_TRUE(parse_port_spec("65535").valid);
  EXPECT_TRUE(parse_port_spec("+80").valid);  // Go's ParseInt takes a sign
  EXPECT_FALSE(parse_port_spec("-80").valid);
  EXPECT_FALSE(parse_port_spec("65536").valid);
  EXPECT_FALSE(parse_port_spec("80a").valid);
  EXPECT_TRUE(parse_port_spec("8000-9000").valid);
  EXPECT_TRUE(parse_port_spec("80-80").valid);
  EXPECT_FALSE(parse_port_spec("9000-8000").valid);
  EXPECT_FALSE(parse_port_spec("8000-").valid);
  // Host and container ranges must have the same size, unless the container port is single.
  EXPECT_TRUE(parse_port_spec("8000-8010:80").valid);
  EXPECT_TRUE(parse_port_spec("8000-8001:80-81").valid);
  EXPECT_FALSE(parse_port_spec("8000-8002:80-81").valid);
  // An empty host port is no host port at all for BuildKit.
  EXPECT_TRUE(parse_port_spec(":80").valid);
  EXPECT_EQ(parse_port_spec(":80").host_port, "");
  EXPECT_TRUE(parse_port_spec("10.0.0.1:80:80").valid);
  EXPECT_FALSE(parse_port_spec("10.0.0.01:80:80").valid);  // leading zero
  EXPECT_TRUE(parse_port_spec("[::ffff:10.0.0.1]:80:80").valid);
  EXPECT_FALSE(parse_port_spec("[::1:80:80").valid);
  EXPECT_FALSE(parse_port_spec("host:80:80").valid);
}

TEST(PortSpec, Ipv6Parser) {
  using rules::runtime::parse_ipv6;
  EXPECT_TRUE(parse_ipv6("::"));
  EXPECT_TRUE(parse_ipv6("::1"));
  EXPECT_TRUE(parse_ipv6("2001:db8::1"));
  EXPECT_TRUE(parse_ipv6("1:2:3:4:5:6:7:8"));
  EXPECT_TRUE(parse_ipv6("1::"));
  EXPECT_TRUE(parse_ipv6("::ffff:1.2.3.4"));
  EXPECT_FALSE(parse_ipv6("1:2:3:4:5:6:7:8:9"));
  EXPECT_FALSE(parse_ipv6("1::2::3"));
  EXPECT_FALSE(parse_ipv6("12345::"));
  EXPECT_FALSE(parse_ipv6("1:2"));
  EXPECT_FALSE(parse_ipv6("1:"));
  EXPECT_FALSE(parse_ipv6("g::"));
}

// ---------------------------------------------------------------------------------------------
// whole_lines

TEST(WholeLines, TakesTheLineAndItsEnding) {
  using rules::runtime::whole_lines;
  const std::string t = "A\n  CMD x\nB\n";
  const uint32_t b = static_cast<uint32_t>(t.find("CMD"));
  const TextRange r = whole_lines(t, {b, b + 5});
  EXPECT_EQ(t.substr(r.begin, r.size()), "  CMD x\n");
}

TEST(WholeLines, CrlfAndLastLineWithoutEnding) {
  using rules::runtime::whole_lines;
  const std::string crlf = "A\r\nCMD x\r\nB\r\n";
  uint32_t b = static_cast<uint32_t>(crlf.find("CMD"));
  TextRange r = whole_lines(crlf, {b, b + 5});
  EXPECT_EQ(crlf.substr(r.begin, r.size()), "CMD x\r\n");

  const std::string last = "A\r\nCMD x";
  b = static_cast<uint32_t>(last.find("CMD"));
  r = whole_lines(last, {b, b + 5});
  EXPECT_EQ(last.substr(r.begin, r.size()), "\r\nCMD x");
}

// ---------------------------------------------------------------------------------------------
// Rules through the engine

TEST(RuntimeRules, JsonArgsRecommendedFollowsShellThroughStages) {
  const std::string text =
      "FROM alpine AS a\n"
      "SHELL [\"/bin/ash\", \"-c\"]\n"
      "FROM a AS b\n"
      "CMD echo inherited\n"
      "FROM alpine\n"
      "CMD echo plain\n";
  const RunResult r = run("json-args-recommended", text);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].range.begin, text.find("echo plain"));
  EXPECT_EQ(r.fixed, text.substr(0, text.find("echo plain")) + "[\"echo\", \"plain\"]\n");
}

TEST(RuntimeRules, JsonArgsRecommendedTriggerRunsUnderParentsFinalShell) {
  // The SHELL comes after the ONBUILD in the parent, but triggers run in the child, after the
  // whole parent stage.
  const std::string text =
      "FROM alpine AS a\n"
      "ONBUILD CMD echo hi\n"
      "SHELL [\"/bin/ash\", \"-c\"]\n"
      "FROM a\n";
  EXPECT_TRUE(run("json-args-recommended", text).diags.empty());
}

TEST(RuntimeRules, OverriddenInstructionFixIsAFixpoint) {
  const std::string text =
      "FROM alpine\n"
      "CMD [\"a\"]\n"
      "CMD [\"b\"]\n"
      "CMD [\"c\"]";
  const RunResult r = run("overridden-instruction", text);
  ASSERT_EQ(r.diags.size(), 2u);
  EXPECT_EQ(r.fixed, "FROM alpine\nCMD [\"c\"]");
  EXPECT_TRUE(run("overridden-instruction", r.fixed).diags.empty());
}

TEST(RuntimeRules, OverriddenTriggerIsReportedOncePerReachableChild) {
  const std::string text =
      "FROM alpine AS base\n"
      "ONBUILD HEALTHCHECK NONE\n"
      "FROM base AS one\n"
      "HEALTHCHECK CMD [\"true\"]\n"
      "FROM base AS two\n"
      "HEALTHCHECK CMD [\"true\"]\n"
      "FROM alpine\n"
      "COPY --from=one / /one\n";
  const RunResult r = run("overridden-instruction", text);
  // `two` is not reached from the last stage, so BuildKit does not run the trigger there.
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_NE(r.diags[0].message.find("stage 'one'"), std::string::npos) << r.diags[0].message;
  EXPECT_FALSE(r.diags[0].fix.has_value());
}

TEST(RuntimeRules, ExposeStopsAtTheFirstInvalidSpec) {
  const std::string text = "FROM alpine\nEXPOSE 80/TCP 70000 81/UDP\n";
  const RunResult r = run("expose-protocol-casing", text);
  ASSERT_EQ(r.diags.size(), 1u);  // 81/UDP is never reached: 70000 fails the build
  EXPECT_EQ(r.fixed, "FROM alpine\nEXPOSE 80/tcp 70000 81/UDP\n");
}

TEST(RuntimeRules, ExposeExpandsWordsIntoSeveralSpecs) {
  // ProcessWords splits an unquoted expansion on blanks.
  const std::string text = "FROM alpine\nENV PORTS=\"8080:80 9090:90\"\nEXPOSE $PORTS\n";
  const RunResult r = run("expose-invalid-format", text);
  ASSERT_EQ(r.diags.size(), 2u);
  EXPECT_FALSE(r.diags[0].fix.has_value());
  EXPECT_NE(r.diags[1].message.find("9090:90"), std::string::npos);
}

TEST(RuntimeRules, StageWithoutHealthcheckInheritsThroughChains) {
  const std::string text =
      "FROM alpine AS a\n"
      "HEALTHCHECK NONE\n"
      "FROM a AS b\n"
      "FROM b AS c\n"
      "FROM alpine AS d\n";
  const RunResult r = run("stage-without-healthcheck", text);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].message, "stage 'd' has no `HEALTHCHECK`");
}

TEST(RuntimeRules, NothingToReportWithoutStages) {
  for (std::string_view rule : {"no-healthcheck", "stage-without-healthcheck", "multiple-cmd"}) {
    EXPECT_TRUE(run(rule, "# just a comment\n").diags.empty()) << rule;
    EXPECT_TRUE(run(rule, "").diags.empty()) << rule;
  }
}

}  // namespace
}  // namespace dfopt
