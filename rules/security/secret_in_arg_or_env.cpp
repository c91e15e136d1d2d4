#include <fmt/format.h>

#include <cctype>
#include <string>

#include "dfopt/rule.h"
#include "rules/security/security_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"SecretsUsedInArgOrEnv"};

constexpr RuleInfo kInfo{
    .id = "DF304",
    .name = "secret-in-arg-or-env",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`ARG` or `ENV` named like a secret",
    .docs = R"md(## What it does
Flags an `ARG` or `ENV` variable of a build stage whose name looks like it holds a secret: one of
its `_`-separated parts is, ignoring case, `apikey`, `auth`, `credential`, `credentials`, `key`,
`password`, `pword`, `passwd`, `secret` or `token` (`GITHUB_TOKEN`, `db_password`, `AUTH`), and no
part is `public`, `file` or `version` (`PUBLIC_KEY`, `KEY_FILE` and `TOKENIZER` pass). `ENV` names
are read after variable expansion. As in BuildKit, `ARG`s before the first `FROM` are not checked,
and an `ONBUILD ARG` or `ONBUILD ENV` is checked where BuildKit runs it: in a stage of the same file
that builds `FROM` this one (and that the build reaches).

## Why is this bad?
Build arguments and environment variables are not secret: `ENV` values are stored in the image
config, and `ARG` values end up in the image history (`docker history`) and in the environment of
every later `RUN`. Anyone who can pull the image can read them. Build secrets belong in secret
mounts, and runtime secrets in the runtime environment or a secrets manager. The message names
the mount to use: `RUN --mount=type=secret,id=<id>,env=<NAME>` sets the variable for that `RUN`
only (Dockerfile syntax 1.10 and later); with older frontends, drop `env=` and read the file
`/run/secrets/<id>`. The build then passes the value with
`docker build --secret id=<id>,env=<NAME>` (or `src=<file>`), and it never reaches a layer, the
image config or its history.

No fix is offered: the value has to be passed differently on the build's command line, and every
`RUN` that reads the variable needs the mount.

## Example
```dockerfile
FROM node:22-alpine
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci
```

## Use instead
```dockerfile
FROM node:22-alpine
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci && rm ~/.npmrc
```

## References
- BuildKit `SecretsUsedInArgOrEnv`: the same check (same token lists).
- hadolint DL3064 uses a list of known names and substrings, in every `ARG`/`ENV`; see
  `secret-name-in-arg-or-env` (DF305). Trivy DS-0031 checks the final stage only, with its own
  list; see `secret-in-final-stage` (DF306).
- https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/
- https://docs.docker.com/build/building/secrets/
)md",
};

// BuildKit dockerfile2llb/validations.go, getSecretsRegex.
constexpr std::string_view kSecretTokens[] = {"apikey", "auth",     "credential", "credentials",
                                              "key",    "password", "pword",      "passwd",
                                              "secret", "token"};
constexpr std::string_view kAllowTokens[] = {"public", "file", "version"};

struct State final : RuleState {
  std::vector<uint32_t> trigger_child;
};

class SecretInArgOrEnv final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::arg) | kind_bit(ast::InstrKind::env);
  }
  bool wants_onbuild() const override { return true; }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto st = std::make_unique<State>();
    st->trigger_child = security::onbuild_trigger_children(file.model);
    return st;
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    const auto& st = static_cast<const State&>(*state);
    // Meta ARGs before the first FROM are read by buildMetaArgs, which does not run the check.
    if (ref.stage == model::npos || ref.stage >= st.trigger_child.size()) return;
    if (ref.in_onbuild && st.trigger_child[ref.stage] == model::npos) return;
    const ast::Instruction& ins = ref.instr;
    const bool is_env = ins.is(ast::InstrKind::env);
    for (const ast::KeyValue& kv : ins.pairs) {
      // dispatchEnv sees the expanded key; dispatchArg the key as written.
      std::string_view key = kv.key.value;
      std::string expanded;
      if (is_env && key.find('$') != std::string_view::npos) {
        expanded = file.model.expand(ref.index, key).value;
        key = expanded;
      }
      if (!security::has_token(key, kSecretTokens) || security::has_token(key, kAllowTokens)) {
        continue;
      }
      std::string id(key);
      for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.report(kv.key.range,
                 is_env ? fmt::format("`ENV` '{}' looks like a secret; environment variables "
                                      "are stored in the image config: give it to the build with "
                                      "`RUN --mount=type=secret,id={},env={}` and to the "
                                      "container when it starts",
                                      key, id, key)
                        : fmt::format("`ARG` '{}' looks like a secret; build arguments are "
                                      "stored in the image history: use "
                                      "`RUN --mount=type=secret,id={},env={}` instead",
                                      key, id, key));
    }
  }
};

}  // namespace

const Rule& secret_in_arg_or_env() {
  static const SecretInArgOrEnv rule;
  return rule;
}

}  // namespace dfopt::rules
