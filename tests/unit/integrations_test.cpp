// The files that connect dfopt to other tools, each exercised as far as a machine without those
// tools allows: dfopt's own Dockerfile passes `dfopt check`; .pre-commit-hooks.yaml obeys
// pre-commit's manifest schema and its file pattern selects what dfopt's discovery selects; the
// GitHub Action's shell steps run as a runner would run them and write valid SARIF; the GitLab CI
// job's script writes a Code Quality report.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../../cli/discovery.h"
#include "support/cli_runner.h"
#include "support/json_schema.h"
#include "support/shared_dir.h"

namespace {

namespace fs = std::filesystem;
using dfopt::test::Outcome;
using dfopt::test::read_file;
using dfopt::test::shell_quote;
using nlohmann::json;

const fs::path kSource = DFOPT_SOURCE_DIR;




/// A Dockerfile with findings under the default rules.
constexpr const char* kFlawed =
    "FROM ubuntu:latest\nMAINTAINER jane\nRUN apt-get update && apt-get install -y curl\n";

class Integrations : public dfopt::test::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    fs::create_directories(dir_ / "work");
  }

  /// Runs `cmd` with bash in dir_/work, with the built dfopt first on PATH.
  Outcome sh(const std::string& cmd, const std::string& env = "") {
    const std::string path_dir = fs::path(DFOPT_BINARY).parent_path().string();
    return TempDirTest::sh("cd work && env NO_COLOR=1 PATH=" + shell_quote(path_dir) +
                           ":\"$PATH\" " + env + " " + cmd);
  }
};

// ---------------------------------------------------------------------------------------------
// The Dockerfile at the root of the repository.

TEST_F(Integrations, OwnDockerfileIsClean) {
  ASSERT_TRUE(fs::exists(kSource / "Dockerfile"));
  ASSERT_TRUE(fs::exists(kSource / ".dockerignore"));
  // Every rule that is on by default, with no config file changing the selection.
  std::ofstream(dir_ / "empty.yaml") << "{}\n";
  const Outcome r =
      sh(shell_quote(DFOPT_BINARY) + " check --config " + shell_quote((dir_ / "empty.yaml").string()) + " " +
         shell_quote((kSource / "Dockerfile").string()));
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("Dockerfile:"), std::string::npos) << r.out;
}

TEST_F(Integrations, OwnDockerfileShape) {
  const std::string text = read_file(kSource / "Dockerfile");
  // Multi-stage, an unprivileged numeric user, exec-form ENTRYPOINT.
  EXPECT_GE(std::count(text.begin(), text.end(), '\n'), 10);
  static const std::regex from("^FROM ", std::regex::multiline);
  EXPECT_GE(
      std::distance(std::sregex_iterator(text.begin(), text.end(), from), std::sregex_iterator()),
      2);
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(\nUSER [1-9][0-9]*(:[0-9]+)?\n)")));
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(\nENTRYPOINT \[")")));
  EXPECT_NE(text.find("COPY --from="), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// .pre-commit-hooks.yaml, against pre-commit's manifest schema (pre_commit/clientlib.py:
// MANIFEST_HOOK_DICT) and against dfopt's own file discovery.

/// `(?i)...` as pre-commit (Python `re.search`) reads it, in std::regex terms.
std::regex python_regex(std::string pattern) {
  auto flags = std::regex::ECMAScript;
  if (pattern.rfind("(?i)", 0) == 0) {
    pattern = pattern.substr(4);
    flags |= std::regex::icase;
  }
  return std::regex(pattern, flags);
}

TEST_F(Integrations, PreCommitManifest) {
  const YAML::Node hooks = YAML::LoadFile((kSource / ".pre-commit-hooks.yaml").string());
  ASSERT_TRUE(hooks.IsSequence());
  const std::set<std::string> keys = {"id",
                                      "name",
                                      "entry",
                                      "language",
                                      "alias",
                                      "files",
                                      "exclude",
                                      "types",
                                      "types_or",
                                      "exclude_types",
                                      "args",
                                      "always_run",
                                      "fail_fast",
                                      "pass_filenames",
                                      "description",
                                      "log_file",
                                      "require_serial",
                                      "stages",
                                      "verbose",
                                      "language_version",
                                      "additional_dependencies",
                                      "minimum_pre_commit_version"};
  const std::set<std::string> languages = {
      "conda",  "coursier", "dart", "docker", "docker_image", "dotnet", "fail",
      "golang", "haskell",  "lua",  "node",   "perl",         "pygrep", "python",
      "r",      "ruby",     "rust", "script", "swift",        "system"};
  const std::set<std::string> bools = {"always_run", "fail_fast", "pass_filenames",
                                       "require_serial", "verbose"};
  std::set<std::string> ids;
  for (const YAML::Node& hook : hooks) {
    ASSERT_TRUE(hook.IsMap());
    for (const char* required : {"id", "name", "entry", "language"}) {
      ASSERT_TRUE(hook[required] && hook[required].IsScalar()) << "hook lacks '" << required << "'";
    }
    const std::string id = hook["id"].as<std::string>();
    EXPECT_TRUE(ids.insert(id).second) << "duplicate hook id " << id;
    for (const auto& kv : hook) {
      const std::string key = kv.first.as<std::string>();
      EXPECT_TRUE(keys.count(key)) << id << ": unknown key '" << key << "'";
      if (bools.count(key)) {
        EXPECT_NO_THROW(kv.second.as<bool>()) << id << ": '" << key << "' is not a boolean";
      }
    }
    EXPECT_TRUE(languages.count(hook["language"].as<std::string>())) << id;
    for (const char* list : {"types", "types_or", "exclude_types", "args", "stages"}) {
      if (hook[list]) {
        EXPECT_TRUE(hook[list].IsSequence()) << id << ": " << list;
      }
    }
    if (hook["types"]) {
      for (const YAML::Node& t : hook["types"]) EXPECT_EQ(t.as<std::string>(), "file") << id;
    }
    ASSERT_TRUE(hook["files"]) << id << ": no 'files' pattern";
    // The hook passes file names to `dfopt check`: the entry runs dfopt.
    EXPECT_NE(hook["entry"].as<std::string>().find("dfopt check"), std::string::npos) << id;
  }
  EXPECT_TRUE(ids.count("dfopt"));
  EXPECT_TRUE(ids.count("dfopt-fix"));
}

TEST_F(Integrations, PreCommitFilesMatchDiscovery) {
  const YAML::Node hooks = YAML::LoadFile((kSource / ".pre-commit-hooks.yaml").string());
  std::vector<std::string> names = {
      "Dockerfile",         "dockerfile",          "Containerfile",     "app.Dockerfile",
      "Dockerfile.dev",     "dev-dockerfile",      "Dockerfile-alpine", "docker/Dockerfile",
      "a/b/api.dockerfile", "Dockerfile.template", "Dockerfile.j2",     "Dockerfile.in",
      "Dockerfile.tmpl",    "x.dockerignore",      "Dockerfiles",       "mydockerfile",
      "README.md",          "Dockerfile.",         ".Dockerfile",       "src/dockerfile_test.go",
      "Dockerfile_prod",    "build.containerfile", "Dockerfile.erb",    "docs/Dockerfile.m4"};
  const fs::path corpus = dfopt::test::shared_dir() / "corpus" / "real" / "files";
  if (fs::is_directory(corpus)) {
    for (const auto& e : fs::directory_iterator(corpus)) names.push_back(e.path().filename());
  }
  for (const YAML::Node& hook : hooks) {
    const std::string id = hook["id"].as<std::string>();
    const std::regex files = python_regex(hook["files"].as<std::string>());
    const std::optional<std::regex> exclude =
        hook["exclude"] ? std::optional(python_regex(hook["exclude"].as<std::string>()))
                        : std::nullopt;
    for (const std::string& path : names) {
      const bool selected =
          std::regex_search(path, files) && !(exclude && std::regex_search(path, *exclude));
      const std::string base = fs::path(path).filename();
      EXPECT_EQ(selected, dfopt::cli::is_dockerfile_name(base)) << id << ": " << path;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// action.yml: a composite action. Its `run` steps execute with bash as a runner does, with the
// `${{ }}` expressions of their `env` maps evaluated.

struct ActionRun {
  std::map<std::string, std::string> outputs;  ///< from $GITHUB_OUTPUT
  int status = 0;                              ///< of the last step run
  std::string log;
};

class GitHubAction : public Integrations {
 protected:
  /// Evaluates the expressions the action may use in `env` values.
  std::string evaluate(std::string value, const YAML::Node& action,
                       const std::map<std::string, std::string>& inputs) {
    static const std::regex expr(R"(\$\{\{\s*([A-Za-z0-9_.-]+)\s*\}\})");
    std::smatch m;
    std::string out;
    while (std::regex_search(value, m, expr)) {
      const std::string name = m[1];
      std::string replacement;
      if (name.rfind("inputs.", 0) == 0) {
        const std::string input = name.substr(7);
        EXPECT_TRUE(action["inputs"][input]) << "undeclared input " << input;
        if (auto it = inputs.find(input); it != inputs.end()) {
          replacement = it->second;
        } else if (action["inputs"][input]["default"]) {
          replacement = action["inputs"][input]["default"].as<std::string>();
        }
      } else if (name == "github.action_path") {
        replacement = kSource.string();
      } else if (name == "github.action_repository") {
        replacement = "owner/dfopt";
      } else {
        ADD_FAILURE() << "unsupported expression " << m[0];
      }
      out += m.prefix().str() + replacement;
      value = m.suffix().str();
    }
    return out + value;
  }

  ActionRun run_action(const std::map<std::string, std::string>& inputs) {
    const YAML::Node action = YAML::LoadFile((kSource / "action.yml").string());
    fs::create_directories(dir_ / "runner-temp");
    std::ofstream(dir_ / "github-output").close();
    std::ofstream(dir_ / "github-path").close();
    ActionRun result;
    int index = 0;
    for (const YAML::Node& step : action["runs"]["steps"]) {
      if (!step["run"]) continue;
      EXPECT_EQ(step["shell"].as<std::string>(), "bash");
      const fs::path script = dir_ / ("step-" + std::to_string(index++) + ".sh");
      std::ofstream(script) << step["run"].as<std::string>();
      std::string env = "GITHUB_OUTPUT=" + shell_quote((dir_ / "github-output").string()) +
                        " GITHUB_PATH=" + shell_quote((dir_ / "github-path").string()) +
                        " RUNNER_TEMP=" + shell_quote((dir_ / "runner-temp").string());
      if (step["env"]) {
        for (const auto& kv : step["env"]) {
          env += " " + kv.first.as<std::string>() + "=" +
                 shell_quote(evaluate(kv.second.as<std::string>(), action, inputs));
        }
      }
      // GitHub's `shell: bash`: bash --noprofile --norc -eo pipefail {0}.
      const Outcome r = sh("bash --noprofile --norc -eo pipefail " + shell_quote(script.string()), env);
      result.status = r.status;
      result.log += r.out + r.err;
      if (r.status != 0) break;
    }
    std::ifstream in(dir_ / "github-output");
    for (std::string line; std::getline(in, line);) {
      const size_t eq = line.find('=');
      if (eq != std::string::npos) result.outputs[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return result;
  }
};

TEST_F(GitHubAction, Metadata) {
  const YAML::Node action = YAML::LoadFile((kSource / "action.yml").string());
  EXPECT_TRUE(action["name"].IsScalar());
  EXPECT_TRUE(action["description"].IsScalar());
  EXPECT_EQ(action["runs"]["using"].as<std::string>(), "composite");
  for (const char* input : {"path", "format", "fail-level", "config", "version"}) {
    EXPECT_TRUE(action["inputs"][input]["description"]) << input;
  }
  std::set<std::string> step_ids;
  for (const YAML::Node& step : action["runs"]["steps"]) {
    if (step["id"]) step_ids.insert(step["id"].as<std::string>());
    // Composite run steps must name their shell.
    if (step["run"]) {
      EXPECT_TRUE(step["shell"]) << step["name"].as<std::string>();
    }
  }
  static const std::regex step_ref(R"(\$\{\{\s*steps\.([A-Za-z0-9_-]+)\.outputs\.)");
  for (const auto& kv : action["outputs"]) {
    const std::string value = kv.second["value"].as<std::string>();
    std::smatch m;
    ASSERT_TRUE(std::regex_search(value, m, step_ref)) << value;
    EXPECT_TRUE(step_ids.count(m[1])) << "output refers to unknown step " << m[1];
  }
  EXPECT_TRUE(action["outputs"]["sarif-file"]);
}

TEST_F(GitHubAction, WritesSarifAndFailsOnFindings) {
  std::ofstream(dir_ / "work" / "Dockerfile") << kFlawed;
  ActionRun run = run_action({});
  EXPECT_EQ(run.status, 1) << run.log;
  EXPECT_EQ(run.outputs["exit-code"], "1");
  ASSERT_EQ(run.outputs["sarif-file"], "dfopt.sarif") << run.log;
  // The log shows workflow annotations (the default format).
  EXPECT_NE(run.log.find("::warning file=Dockerfile"), std::string::npos) << run.log;
  const json log = json::parse(read_file(dir_ / "work" / "dfopt.sarif"));
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_FALSE(log["runs"][0]["results"].empty());
  const fs::path schema_path = dfopt::test::shared_dir() / "schemas" / "sarif-schema-2.1.0.json";
  if (!fs::exists(schema_path)) GTEST_SKIP() << "SARIF schema not found: " << schema_path;
  const dfopt::test::JsonSchema schema(json::parse(read_file(schema_path)));
  const std::vector<std::string> errors = schema.validate(log);
  EXPECT_TRUE(errors.empty()) << errors.front();
}

TEST_F(GitHubAction, Inputs) {
  fs::create_directories(dir_ / "work" / "a");
  std::ofstream(dir_ / "work" / "a" / "Dockerfile") << kFlawed;
  std::ofstream(dir_ / "work" / "b.Dockerfile") << "FROM scratch\nMAINTAINER jane\n";
  std::ofstream(dir_ / "work" / "ignored.Dockerfile") << kFlawed;
  std::ofstream(dir_ / "work" / "cfg.yaml") << "fail-level: error\n";
  ActionRun run = run_action({{"path", "a b.Dockerfile"},
                              {"format", "text"},
                              {"sarif-file", "out/report.sarif"},
                              {"config", "cfg.yaml"},
                              {"fail-level", "none"}});
  EXPECT_EQ(run.status, 0) << run.log;
  EXPECT_EQ(run.outputs["exit-code"], "0");
  EXPECT_EQ(run.outputs["sarif-file"], "out/report.sarif");
  EXPECT_NE(run.log.find("a/Dockerfile:"), std::string::npos) << run.log;
  EXPECT_EQ(run.log.find("ignored.Dockerfile"), std::string::npos) << run.log;
  const std::string sarif = read_file(dir_ / "work" / "out" / "report.sarif");
  ASSERT_FALSE(sarif.empty()) << run.log;
  std::set<std::string> uris;
  const json log = json::parse(sarif);
  for (const json& result : log["runs"][0]["results"]) {
    uris.insert(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
  }
  EXPECT_EQ(uris, (std::set<std::string>{"a/Dockerfile", "b.Dockerfile"}));
}

// ---------------------------------------------------------------------------------------------
// The GitLab CI job.

TEST_F(Integrations, GitLabCodeQuality) {
  const YAML::Node ci =
      YAML::LoadFile((kSource / "integrations" / "gitlab" / "dfopt.gitlab-ci.yml").string());
  const YAML::Node job = ci["dfopt"];
  ASSERT_TRUE(job && job["script"].IsSequence());
  const std::string report = job["artifacts"]["reports"]["codequality"].as<std::string>();
  EXPECT_EQ(job["artifacts"]["when"].as<std::string>(), "always");
  fs::create_directories(dir_ / "work" / "svc");
  std::ofstream(dir_ / "work" / "svc" / "Dockerfile") << kFlawed;
  int status = 0;
  for (const YAML::Node& line : job["script"]) {
    const Outcome r = sh("bash -eo pipefail -c " + shell_quote(line.as<std::string>()));
    status = r.status;
    EXPECT_NE(r.out.find("svc/Dockerfile:"), std::string::npos) << r.out << r.err;
  }
  EXPECT_EQ(status, 1);  // findings: the job fails, and the report is kept (when: always)
  const json issues = json::parse(read_file(dir_ / "work" / report));
  ASSERT_TRUE(issues.is_array());
  ASSERT_FALSE(issues.empty());
  const std::set<std::string> severities = {"info", "minor", "major", "critical", "blocker"};
  std::set<std::string> fingerprints;
  for (const json& issue : issues) {
    EXPECT_TRUE(issue["description"].is_string());
    EXPECT_TRUE(issue["check_name"].is_string());
    EXPECT_TRUE(severities.count(issue["severity"].get<std::string>())) << issue.dump();
    EXPECT_TRUE(fingerprints.insert(issue["fingerprint"].get<std::string>()).second);
    EXPECT_EQ(issue["location"]["path"], "svc/Dockerfile");
    EXPECT_GE(issue["location"]["lines"]["begin"].get<int>(), 1);
  }
}

}  // namespace
