#include <fmt/format.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/security/run_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF316",
    .name = "cloud-credentials-in-image",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "cloud CLI credentials configured in the image",
    .docs = R"md(## What it does
Flags a `RUN` without a secret mount (`--mount=type=secret`) that configures cloud credentials
with a cloud provider's CLI:

- `aws configure set` of `aws_access_key_id`, `aws_secret_access_key` or `aws_session_token`
  (also with a profile prefix, `profile.dev.aws_secret_access_key`), and `aws configure import`;
- `gcloud auth activate-service-account`, and `gcloud auth login --cred-file`;
- `az login` with `-p`/`--password` or `--federated-token`;
- `doctl auth init` with `-t`/`--access-token`.

Only stages whose file system ends up in the built image are checked: the target stage (the last
one by default) and the stages it is built `FROM`. Commands are found wherever they run in the
script, through wrappers such as `sudo`, and in `ONBUILD` (whose `RUN` lands in the image built
from this one).

## Why is this bad?
These commands write the credential (or a token made from it) into a file in the image, such as
`~/.aws/credentials`, `~/.config/gcloud`, `~/.azure` or `~/.config/doctl/config.yaml`, and the
key usually reaches the command through a build argument, which is recorded in the image history.
Anyone who can pull the image gets the cloud account.

## Example
```dockerfile
FROM amazon/aws-cli:2.17.0
ARG AWS_SECRET_ACCESS_KEY
RUN aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY" \
 && aws s3 cp s3://bucket/model.bin /opt/model.bin
```

## Use instead
Mount the credentials for the one `RUN` that needs them, and do not configure the CLI in the
image:
```dockerfile
FROM amazon/aws-cli:2.17.0
RUN --mount=type=secret,id=aws,target=/root/.aws/credentials \
    aws s3 cp s3://bucket/model.bin /opt/model.bin
```
Give the running container its own credentials at run time (an instance role, workload identity,
or environment variables set by the orchestrator).

## References
- Trivy DS-0031 has a similar `RUN` check (no secret mount), combined with checks of
  `ARG`/`ENV` names (see `secret-in-final-stage`, DF306). It differs: it matches the command
  texts anywhere in the `RUN` value (so also in `echo "aws configure set ..."`), reads the last
  stage only (not the stages it is built `FROM`, nor `ONBUILD`), and does not read
  `aws configure import`, `gcloud auth login --cred-file` or profile-prefixed keys.
- https://docs.docker.com/build/building/secrets/
)md",
};

using security::Invocation;

/// What `inv` configures, or "" when it stores no credential.
std::string credential_command(const Invocation& inv) {
  const auto ops_of = [&](std::span<const std::string_view> with_value) {
    const shell::Options opts = inv.options(with_value);
    std::vector<std::string_view> ops;
    for (uint32_t i : opts.operands) ops.push_back(inv.cmd->argv[i].text);
    return std::pair{opts, ops};
  };
  if (inv.program == "aws") {
    // clang-format off
    static constexpr std::string_view kValues[] = {
        "profile", "region", "output", "endpoint-url", "ca-bundle", "cli-read-timeout",
        "cli-connect-timeout", "csv"};
    // clang-format on
    const auto [opts, ops] = ops_of(kValues);
    if (ops.size() >= 2 && ops[0] == "configure" && ops[1] == "import") {
      return "`aws configure import`";
    }
    if (ops.size() >= 3 && ops[0] == "configure" && ops[1] == "set") {
      const std::string key = security::ascii_lower(ops[2]);
      for (std::string_view k :
           {"aws_access_key_id", "aws_secret_access_key", "aws_session_token"}) {
        if (key == k ||
            (key.size() > k.size() && key.ends_with(k) && key[key.size() - k.size() - 1] == '.')) {
          return fmt::format("`aws configure set {}`", ops[2]);
        }
      }
    }
    return {};
  }
  if (inv.program == "gcloud") {
    static constexpr std::string_view kValues[] = {"key-file",      "project",   "account",
                                                   "configuration", "cred-file", "verbosity"};
    const auto [opts, ops] = ops_of(kValues);
    if (ops.size() >= 2 && ops[0] == "auth" && ops[1] == "activate-service-account") {
      return "`gcloud auth activate-service-account`";
    }
    if (ops.size() >= 2 && ops[0] == "auth" && ops[1] == "login" && opts.has("cred-file")) {
      return "`gcloud auth login --cred-file`";
    }
    return {};
  }
  if (inv.program == "az") {
    static constexpr std::string_view kValues[] = {
        "u",     "username", "p",      "password", "t",           "tenant", "federated-token",
        "scope", "o",        "output", "query",    "subscription"};
    const auto [opts, ops] = ops_of(kValues);
    if (!ops.empty() && ops[0] == "login" && opts.has_any({"p", "password", "federated-token"})) {
      return opts.has("federated-token") ? "`az login --federated-token`" : "`az login -p`";
    }
    return {};
  }
  if (inv.program == "doctl") {
    static constexpr std::string_view kValues[] = {"t", "access-token", "context", "config", "c",
                                                   "o", "output",       "api-url", "u"};
    const auto [opts, ops] = ops_of(kValues);
    if (ops.size() >= 2 && ops[0] == "auth" && ops[1] == "init" &&
        opts.has_any({"t", "access-token"})) {
      return "`doctl auth init -t`";
    }
    return {};
  }
  return {};
}

struct State final : RuleState {
  std::vector<bool> ships;  ///< per stage: its file system is part of the built image
};

class CloudCredentialsInImage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto st = std::make_unique<State>();
    st->ships.assign(file.model.stages().size(), false);
    for (uint32_t s : security::target_chain(file.model)) st->ships[s] = true;
    return st;
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    const auto& ships = static_cast<const State&>(*state).ships;
    if (!ref.in_onbuild && (ref.stage >= ships.size() || !ships[ref.stage])) return;
    const shell::Script* script = sh::run_script(file, ref);
    if (!script || security::has_secret_mount(file, ref)) return;
    for (const shell::Command& cmd : script->commands) {
      const Invocation inv = security::invocation(cmd);
      if (!inv) continue;
      const std::string what = credential_command(inv);
      if (what.empty()) continue;
      out.report(TextRange{inv.word().range.begin, cmd.range.end},
                 fmt::format("{} stores a cloud credential in the image; mount it with "
                             "`RUN --mount=type=secret` for the commands that need it instead",
                             what));
    }
  }
};

}  // namespace

const Rule& cloud_credentials_in_image() {
  static const CloudCredentialsInImage rule;
  return rule;
}

}  // namespace dfopt::rules
