// `dfopt audit`: the library (repositories, Dockerfile discovery through compose and bake files,
// image facts, shards, faults) and the command end to end (outputs, history, shard merge).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dfopt/audit.h"
#include "dfopt/parse.h"

namespace {

namespace fs = std::filesystem;
using namespace dfopt;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

audit::ImageFacts facts(const std::string& text) {
  Parser parser;
  return audit::image_facts(SourceFile("Dockerfile", text), parser);
}

TEST(AuditFacts, FinalImage) {
  audit::ImageFacts f = facts("FROM node:20\nRUN npm ci\n");
  EXPECT_TRUE(f.has_stage);
  EXPECT_TRUE(f.runs_as_root);
  EXPECT_TRUE(f.no_healthcheck);
  EXPECT_FALSE(f.latest_or_untagged);
  EXPECT_TRUE(f.smaller_base);
  EXPECT_EQ(f.bases, std::vector<std::string>{"node:20"});

  f = facts(
      "FROM golang AS build\nRUN go build\n"
      "FROM node:20-slim\nHEALTHCHECK CMD curl -f localhost\nUSER app\n");
  EXPECT_FALSE(f.runs_as_root);
  EXPECT_FALSE(f.no_healthcheck);
  EXPECT_TRUE(f.latest_or_untagged);  // golang without a tag
  EXPECT_FALSE(f.smaller_base);
  EXPECT_EQ(f.bases, (std::vector<std::string>{"golang:latest", "node:20-slim"}));

  // The final stage inherits USER and HEALTHCHECK through FROM <stage>; NONE turns it off.
  f = facts("FROM alpine:3.19 AS base\nUSER 0:0\nHEALTHCHECK CMD true\n"
            "FROM base\nHEALTHCHECK NONE\n");
  EXPECT_TRUE(f.runs_as_root);
  EXPECT_TRUE(f.no_healthcheck);
  EXPECT_EQ(f.bases, std::vector<std::string>{"alpine:3.19"});

  f = facts("# no instructions\n");
  EXPECT_FALSE(f.has_stage);
}

TEST(AuditDiscovery, ComposeAndBake) {
  EXPECT_EQ(audit::compose_dockerfiles("services:\n"
                                       "  api:\n    build: ./api\n"
                                       "  web:\n    build:\n      context: web\n"
                                       "      dockerfile: build/web.docker\n"
                                       "  db:\n    image: postgres\n"),
            (std::vector<std::string>{"./api/Dockerfile", "web/build/web.docker"}));
  EXPECT_TRUE(audit::compose_dockerfiles("not: [valid").empty());
  EXPECT_EQ(audit::bake_dockerfiles("target \"app\" {\n  context = \"app\"\n"
                                    "  dockerfile = \"app.docker\"\n}\n"
                                    "target \"x\" {\n  dockerfile = \"${F}\"\n}\n",
                                    false),
            (std::vector<std::string>{"app/app.docker", "Dockerfile"}));
  EXPECT_EQ(audit::bake_dockerfiles(R"({"target":{"a":{"context":"a","dockerfile":"D"}}})", true),
            std::vector<std::string>{"a/D"});
}

TEST(AuditShard, PartitionIsCompleteAndStable) {
  for (int i = 0; i < 200; ++i) {
    const std::string name = "repo-" + std::to_string(i);
    int owners = 0;
    for (uint32_t k = 0; k < 7; ++k) owners += audit::in_shard(name, k, 7);
    EXPECT_EQ(owners, 1) << name;
  }
  // FNV-1a of the name: a fixed split, whatever the machine or the release.
  EXPECT_TRUE(audit::in_shard("a", 0, 1));
  EXPECT_EQ(audit::in_shard("a", 0, 2), audit::in_shard("a", 0, 2));
}

class AuditCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dfopt-audit-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_ / "estate/beta/locked", fs::perms::owner_all, ec);
    fs::remove_all(dir_);
  }

  void file(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << text;
  }

  /// An estate of three repositories with one of each fault.
  void make_estate() {
    file("estate/alpha/.git/HEAD", "ref: refs/heads/main\n");
    file("estate/alpha/.git/refs/heads/main", "0123456789abcdef0123456789abcdef01234567\n");
    file("estate/alpha/Dockerfile", "FROM ubuntu\nRUN apt-get install -y curl\n");
    file("estate/alpha/docker-compose.yml",
         "services:\n  w:\n    build:\n      context: svc\n      dockerfile: worker.docker\n");
    file("estate/alpha/svc/worker.docker", "FROM python:3.12-slim\nUSER app\n");
    file("estate/beta/Dockerfile", "FROM node:20\nHEALTHCHECK CMD true\nUSER node\n");
    file("estate/beta/bin.Dockerfile", std::string("FROM x\0\x01\x02", 10));
    file("estate/beta/big.Dockerfile", "FROM alpine:3\n" + std::string(5000, '#') + "\n");
    file("estate/gamma/sub/Containerfile", "FROM debian:12\nCMD [\"true\"]\n");
    fs::create_directory_symlink("..", dir_ / "estate/gamma/sub/loop");
    file("estate/beta/locked/Dockerfile", "FROM scratch\n");
    fs::permissions(dir_ / "estate/beta/locked", fs::perms::none);
  }

  int run(const std::string& args, std::string* out = nullptr) {
    return shell("NO_COLOR=1 '" DFOPT_BINARY "' " + args, out);
  }

  /// Runs `command` with sh in dir_; standard output goes to `out`, standard error to err_.
  int shell(const std::string& command, std::string* out = nullptr) {
    const std::string cmd = "cd '" + dir_.string() + "' && " + command + " > out.txt 2> err.txt";
    const int status = std::system(cmd.c_str());
    if (out) *out = slurp(dir_ / "out.txt");
    err_ = slurp(dir_ / "err.txt");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  fs::path dir_;
  std::string err_;
};

TEST_F(AuditCli, OutputsAndFaults) {
  make_estate();
  std::string out;
  ASSERT_EQ(run("audit estate --max-file-size 2000 --jsonl f.jsonl --sarif f.sarif --db h.db",
                &out),
            0)
      << err_;
  // Progress never goes to a pipe.
  EXPECT_EQ(err_, "");
  EXPECT_NE(out.find("alpha"), std::string::npos) << out;
  EXPECT_NE(out.find("top rules"), std::string::npos);
  EXPECT_NE(out.find("ubuntu:latest"), std::string::npos);
  EXPECT_NE(out.find("run as root"), std::string::npos);
  EXPECT_NE(out.find("binary"), std::string::npos);
  EXPECT_NE(out.find("too-large"), std::string::npos);
  EXPECT_NE(out.find("symlink-loop"), std::string::npos);
  // root reads every file, so the permission fault shows only for other users.
  if (::geteuid() != 0) {
    EXPECT_NE(out.find("permission"), std::string::npos);
  }

  const std::string jsonl = slurp(dir_ / "f.jsonl");
  ASSERT_FALSE(jsonl.empty());
  bool saw_compose_file = false;
  size_t lines = 0;
  for (size_t b = 0; b < jsonl.size();) {
    const size_t e = jsonl.find('\n', b);
    const auto j = nlohmann::json::parse(jsonl.substr(b, e - b));
    ++lines;
    for (const char* key : {"repository", "path", "rule", "severity", "message", "line", "column",
                            "end_line", "end_column", "fix"})
      EXPECT_TRUE(j.contains(key)) << key;
    if (j["path"] == "svc/worker.docker") saw_compose_file = true;
    if (j["repository"] == "alpha") {
      EXPECT_EQ(j["commit"], "0123456789abcdef0123456789abcdef01234567");
    }
    b = e + 1;
  }
  EXPECT_TRUE(saw_compose_file) << jsonl;

  const auto sarif = nlohmann::json::parse(slurp(dir_ / "f.sarif"));
  const auto& run0 = sarif["runs"][0];
  EXPECT_EQ(run0["results"].size(), lines);
  EXPECT_TRUE(run0["originalUriBaseIds"].contains("beta"));
  const auto& loc = run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_FALSE(loc["uri"].get<std::string>().starts_with("/"));
  EXPECT_TRUE(run0["originalUriBaseIds"].contains(loc["uriBaseId"].get<std::string>()));

  // A second run, then the trend shows both.
  ASSERT_EQ(run("audit estate --db h.db"), 0) << err_;
  ASSERT_EQ(run("audit trend --db h.db", &out), 0) << err_;
  EXPECT_NE(out.find("\n   1  "), std::string::npos) << out;
  EXPECT_NE(out.find("\n   2  "), std::string::npos) << out;
}

TEST_F(AuditCli, ShardMergeEqualsSingleRun) {
  for (int i = 0; i < 12; ++i) {
    const std::string repo = "estate/r" + std::to_string(i);
    file(repo + "/Dockerfile", "FROM ubuntu:22.04\nRUN apt-get update\nUSER " +
                                   std::to_string(i) + "\n");
    if (i % 3 == 0) file(repo + "/ci/Dockerfile.test", "FROM python\nRUN pip install x\n");
  }
  ASSERT_EQ(run("audit estate --jsonl all.jsonl --sarif all.sarif --html all.html"), 0) << err_;
  std::string shard_dbs;
  for (int k = 1; k <= 3; ++k) {
    const std::string db = "s" + std::to_string(k) + ".db";
    ASSERT_EQ(run("audit estate --shard " + std::to_string(k) + "/3 --db " + db), 0) << err_;
    shard_dbs += " " + db;
  }
  ASSERT_EQ(run("audit merge" + shard_dbs + " --jsonl m.jsonl --sarif m.sarif --html m.html --db m.db"), 0)
      << err_;
  EXPECT_EQ(slurp(dir_ / "m.jsonl"), slurp(dir_ / "all.jsonl"));
  EXPECT_EQ(slurp(dir_ / "m.sarif"), slurp(dir_ / "all.sarif"));
  EXPECT_EQ(slurp(dir_ / "m.html"), slurp(dir_ / "all.html"));
  EXPECT_FALSE(slurp(dir_ / "all.jsonl").empty());
  EXPECT_EQ(run("audit estate --shard 4/3"), 2);
  EXPECT_NE(err_.find("--shard '4/3'"), std::string::npos) << err_;
}

TEST_F(AuditCli, InterruptLeavesNoPartialOutput) {
  for (int i = 0; i < 300; ++i)
    file("estate/r" + std::to_string(i) + "/Dockerfile", "FROM ubuntu\nRUN apt-get update\n");
  // Killed while it runs: the outputs are absent or complete (never half-written), and no
  // temporary file stays.
  const std::string cmd = "cd '" + dir_.string() + "' && ('" DFOPT_BINARY
                          "' audit estate --jsonl f.jsonl --sarif f.sarif >/dev/null 2>&1 & "
                          "pid=$!; sleep 0.2; kill -TERM $pid; wait $pid 2>/dev/null) ; true";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  for (const auto& e : fs::directory_iterator(dir_)) {
    const std::string name = e.path().filename().string();
    EXPECT_EQ(name.find(".tmp."), std::string::npos) << name;
    // Present only if the run finished before the signal: then it is complete.
    if (name == "f.jsonl") {
      EXPECT_EQ(slurp(e.path()).back(), '\n');
    }
    if (name == "f.sarif") {
      EXPECT_FALSE(nlohmann::json::parse(slurp(e.path()), nullptr, false).is_discarded());
    }
  }
}

TEST_F(AuditCli, HtmlRendersInChromium) {
  file("estate/a/Dockerfile", "FROM ubuntu\nRUN apt-get install -y curl\nRUN cd /x\n");
  file("estate/b/Dockerfile", "FROM node:20\n" + std::string(40, '\n') + "RUN apt-get install x\n");
  ASSERT_EQ(run("audit estate --html report.html"), 0) << err_;
  const std::string html = slurp(dir_ / "report.html");
  // Self-contained: nothing is fetched.
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  for (const char* id : {"by-rule", "by-category", "by-repository", "base-images"})
    EXPECT_NE(html.find(std::string("id=\"") + id + "\""), std::string::npos) << id;

  if (!fs::exists("/usr/bin/chromium")) {
    GTEST_SKIP() << "/usr/bin/chromium is absent (Debian package chromium): the page was not "
                    "rendered";
  }
  // --dump-dom prints the DOM after the page's scripts ran.
  auto dom = [&](const std::string& fragment) {
    std::string out;
    shell("timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --dump-dom "
          "'file://" + (dir_ / "report.html").string() + fragment + "'",
          &out);
    return out;
  };
  const std::string plain = dom("");
  ASSERT_NE(plain.find("<tbody><tr>"), std::string::npos) << plain.substr(0, 2000);
  EXPECT_NE(plain.find("class=\"bar\""), std::string::npos);
  EXPECT_NE(plain.find(" findings"), std::string::npos);
  // Sorted by line, descending: the first row is the finding on line 42.
  const std::string sorted = dom("#sort=line&dir=desc");
  const size_t first = sorted.find("<tbody><tr>");
  ASSERT_NE(first, std::string::npos);
  const std::string row = sorted.substr(first, sorted.find("</tr>", first) - first);
  EXPECT_NE(row.find("<td>42</td>"), std::string::npos) << row;
  EXPECT_NE(sorted.find("aria-sort=\"descending\""), std::string::npos);
  // Filtering keeps only the matching rows.
  const std::string filtered = dom("#q=node-never-matches");
  EXPECT_NE(filtered.find("<tbody></tbody>"), std::string::npos);
}

/// Every finding of a JSON Lines output as "repository path rule severity".
std::vector<std::string> jsonl_findings(const std::string& text) {
  std::vector<std::string> out;
  for (size_t b = 0; b < text.size();) {
    const size_t e = text.find('\n', b);
    const auto j = nlohmann::json::parse(text.substr(b, e - b));
    out.push_back(j["repository"].get<std::string>() + " " + j["path"].get<std::string>() + " " +
                  j["rule"].get<std::string>() + " " + j["severity"].get<std::string>());
    b = e + 1;
  }
  return out;
}

TEST_F(AuditCli, RepositoryConfigurationAndCommandLineSelection) {
  // The same file in three repositories: no config, dfopt's own, hadolint's.
  const std::string text = "FROM alpine:3.19\nMAINTAINER me\n";
  file("estate/plain/Dockerfile", text);
  file("estate/own/Dockerfile", text);
  file("estate/own/.dfopt.yaml", "ignore: [maintainer-instruction]\n");
  file("estate/theirs/Dockerfile", text);
  file("estate/theirs/.hadolint.yaml", "ignored:\n  - DL4000\n");
  // A config in a subfolder governs the files below it only.
  file("estate/plain/sub/Dockerfile", text);
  file("estate/plain/sub/.dfopt.yaml", "severity:\n  maintainer-instruction: error\n");

  auto df701 = [](const std::vector<std::string>& all) {
    std::vector<std::string> out;
    for (const std::string& f : all)
      if (f.find(" DF701 ") != std::string::npos) out.push_back(f);
    return out;
  };
  ASSERT_EQ(run("audit estate --jsonl a.jsonl"), 0) << err_;
  EXPECT_EQ(df701(jsonl_findings(slurp(dir_ / "a.jsonl"))),
            (std::vector<std::string>{"plain Dockerfile DF701 warning",
                                      "plain sub/Dockerfile DF701 error"}));

  // --select replaces each configuration's selection, as it does for `dfopt check`; only the
  // selected rule is reported, in every repository.
  ASSERT_EQ(run("audit estate --select DL4000 --jsonl b.jsonl"), 0) << err_;
  EXPECT_EQ(jsonl_findings(slurp(dir_ / "b.jsonl")),
            (std::vector<std::string>{"own Dockerfile DF701 warning",
                                      "plain Dockerfile DF701 warning",
                                      "plain sub/Dockerfile DF701 error",
                                      "theirs Dockerfile DF701 warning"}));

  // --ignore and --severity apply on top of the configurations.
  ASSERT_EQ(run("audit estate --ignore DL4000 --jsonl c.jsonl"), 0) << err_;
  EXPECT_EQ(df701(jsonl_findings(slurp(dir_ / "c.jsonl"))), std::vector<std::string>{});
  EXPECT_FALSE(slurp(dir_ / "c.jsonl").empty());  // the other rules still ran
  ASSERT_EQ(run("audit estate --severity maintainer-instruction=info --jsonl d.jsonl"), 0)
      << err_;
  EXPECT_EQ(df701(jsonl_findings(slurp(dir_ / "d.jsonl"))),
            (std::vector<std::string>{"plain Dockerfile DF701 info",
                                      "plain sub/Dockerfile DF701 info"}));

  // Usage errors name the culprit.
  EXPECT_EQ(run("audit estate --select DF70"), 2);
  EXPECT_NE(err_.find("DF70"), std::string::npos) << err_;
  EXPECT_EQ(run("audit estate --severity DF701=fatal"), 2);
  EXPECT_NE(err_.find("--severity 'DF701=fatal'"), std::string::npos) << err_;

  // A broken configuration: its files are reported as faults, the others are still checked.
  file("estate/own/.dfopt.yaml", "select: [\n");
  std::string out;
  ASSERT_EQ(run("audit estate --jsonl e.jsonl --sarif e.sarif", &out), 0) << err_;
  EXPECT_NE(out.find("unreadable"), std::string::npos) << out;
  const std::string sarif = slurp(dir_ / "e.sarif");
  EXPECT_NE(sarif.find("its configuration is invalid ("), std::string::npos) << sarif;
  EXPECT_NE(sarif.find(".dfopt.yaml"), std::string::npos) << sarif;
  for (const std::string& f : jsonl_findings(slurp(dir_ / "e.jsonl")))
    EXPECT_FALSE(f.starts_with("own ")) << f;
}

TEST_F(AuditCli, GitignoredAndVendoredFilesAreSkipped) {
  file("estate/app/.git/HEAD", "ref: refs/heads/main\n");
  file("estate/app/.gitignore", "build/\n*.gen.Dockerfile\n");
  file("estate/app/Dockerfile", "FROM alpine:3.19\n");
  file("estate/app/build/Dockerfile", "FROM alpine:3.19\n");
  file("estate/app/x.gen.Dockerfile", "FROM alpine:3.19\n");
  file("estate/app/web/.gitignore", "!keep.gen.Dockerfile\n");
  file("estate/app/web/keep.gen.Dockerfile", "FROM alpine:3.19\n");
  file("estate/app/node_modules/pkg/Dockerfile", "FROM alpine:3.19\n");
  file("estate/app/vendor/lib/Dockerfile", "FROM alpine:3.19\n");
  std::string out;
  ASSERT_EQ(run("audit estate", &out), 0) << err_;
  EXPECT_NE(out.find("\n2 files in 1 repositories"), std::string::npos) << out;
  ASSERT_EQ(run("audit estate --include-ignored", &out), 0) << err_;
  EXPECT_NE(out.find("\n6 files in 1 repositories"), std::string::npos) << out;
}

/// Workers are forked processes: killing the audit (SIGTERM as `kill` sends, or SIGKILL) takes
/// them down too, and leaves every output complete or absent.
TEST_F(AuditCli, KilledRunLeavesNoWorkersAndNoPartialOutput) {
  std::string body = "FROM ubuntu:22.04\n";
  for (int i = 0; i < 40; ++i)
    body += "RUN apt-get update && apt-get install -y curl" + std::to_string(i) + " && cd /x\n";
  for (int i = 0; i < 3000; ++i)
    file("estate/r" + std::to_string(i % 30) + "/d" + std::to_string(i) + "/Dockerfile", body);
  for (const char* sig : {"TERM", "KILL"}) {
    // Waits for the workers to be forked, kills the audit, then lists the workers still alive
    // (a zombie waiting for a reaper is dead).
    const std::string script =
        std::string("'") + DFOPT_BINARY + "' audit estate -j2 --jsonl f.jsonl --sarif f.sarif & pid=$!; "
        "kids=; for i in $(seq 1000); do kids=$(pgrep -P $pid); [ -n \"$kids\" ] && break; "
        "sleep 0.01; done; echo \"$kids\" > kids.txt; kill -" + sig + " $pid; wait $pid; "
        "sleep 0.5; for k in $kids; do s=$(awk '{print $3}' /proc/$k/stat 2>/dev/null); "
        "[ -n \"$s\" ] && [ \"$s\" != Z ] && echo $k; done; true";
    std::string alive;
    shell("(" + script + ")", &alive);
    EXPECT_FALSE(slurp(dir_ / "kids.txt").find_first_of("0123456789") == std::string::npos)
        << "the audit forked no worker";
    EXPECT_EQ(alive, "") << "workers alive after SIG" << sig << " of the audit";
    for (const auto& e : fs::directory_iterator(dir_)) {
      const std::string name = e.path().filename().string();
      if (name == "f.jsonl") EXPECT_EQ(slurp(e.path()).back(), '\n');
      if (name == "f.sarif")
        EXPECT_FALSE(nlohmann::json::parse(slurp(e.path()), nullptr, false).is_discarded());
      // A SIGTERM removes the temporary file being written; SIGKILL gives no chance to.
      if (std::string(sig) == "TERM") EXPECT_EQ(name.find(".tmp."), std::string::npos) << name;
    }
  }
}

}  // namespace
