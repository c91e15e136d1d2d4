#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/security/credentials.h"
#include "rules/security/run_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF315",
    .name = "build-arg-credential-in-run",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "build argument used as a password or token in `RUN`",
    .docs = R"md(## What it does
Flags a `RUN` that passes a build argument (`ARG`) where a command takes a credential: the same
places `hardcoded-credential-in-run` (DF314) checks for literal values, such as
`docker login -p "$REGISTRY_PASSWORD"`, `curl -u "user:${API_PASSWORD}"`,
`curl -H "Authorization: Bearer $TOKEN"`, `git clone https://${GITHUB_TOKEN}@github.com/...` or
`npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"`.

A variable counts when, at that `RUN`, it names an `ARG` of the stage (with or without a
default). It does not count when the same `RUN` mounts a secret into that variable
(`--mount=type=secret,env=NAME`) or the script sets the variable itself before using it
(`TOKEN=$(cat /run/secrets/token)`, `export`, `read`). A user name in a URL is only read as a
token when the variable's name says so (`${GITHUB_TOKEN}`, not `${USER}`).

## Why is this bad?
Build arguments are not secret. The values of the build arguments a `RUN` sees are recorded in
the image history (`docker history` shows `|1 NPM_TOKEN=... /bin/sh -c ...`) and in the build's
provenance, so whoever can pull the image (or read the build cache) can read the credential.

## Example
```dockerfile
FROM node:22-alpine
ARG NPM_TOKEN
RUN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN" && npm ci
```

## Use instead
```dockerfile
FROM node:22-alpine
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN" && npm ci \
 && npm config delete //registry.npmjs.org/:_authToken
```
and build with `docker build --secret id=npm_token,env=NPM_TOKEN .`.

## References
- BuildKit `SecretsUsedInArgOrEnv` (see `secret-in-arg-or-env`, DF304) flags `ARG`s whose name
  looks like a secret, wherever they are used; this rule flags the use of any `ARG` as a
  credential, whatever its name.
- https://docs.docker.com/build/building/secrets/
- https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/
)md",
};

/// Names the script itself assigns: prefix and bare assignments, `export`/`declare`/`local`/
/// `readonly NAME=...`, and `read NAME`.
std::vector<std::string_view> assigned_names(const shell::Script& script) {
  std::vector<std::string_view> names;
  auto name_of = [](std::string_view word) { return word.substr(0, word.find('=')); };
  for (const shell::Command& cmd : script.commands) {
    for (const shell::Word& w : cmd.assignments) names.push_back(name_of(w.text));
    const std::string_view n = cmd.name();
    if (sh::one_of(n, {"export", "declare", "typeset", "local", "readonly"})) {
      for (const shell::Word& w : cmd.args()) {
        if (w.text.find('=') != std::string_view::npos) names.push_back(name_of(w.text));
      }
    } else if (n == "read") {
      for (const shell::Word& w : cmd.args()) {
        if (!w.text.starts_with('-')) names.push_back(w.text);
      }
    }
  }
  return names;
}

class BuildArgCredentialInRun final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    std::vector<std::string_view> assigned;
    bool assigned_known = false;
    security::find_credentials(*script, [&](const shell::Command&, const security::Credential& c) {
      for (const security::VarRef& r : security::variable_refs(c.value)) {
        const model::VarValue v = file.model.lookup(ref.index, r.name);
        if (v.source != model::VarSource::arg) continue;
        if (security::has_secret_mount(file, ref, r.name)) continue;
        if (!assigned_known) {
          assigned = assigned_names(*script);
          assigned_known = true;
        }
        if (std::find(assigned.begin(), assigned.end(), r.name) != assigned.end()) continue;
        out.report(security::word_subrange(*c.word, c.offset + r.offset, r.size),
                   fmt::format("{} comes from build argument '{}', which is kept in the "
                               "image history; use `RUN --mount=type=secret,id={},env={}` "
                               "instead",
                               c.what, r.name, security::ascii_lower(r.name), r.name));
        return;
      }
    });
  }
};

}  // namespace

const Rule& build_arg_credential_in_run() {
  static const BuildArgCredentialInRun rule;
  return rule;
}

}  // namespace dfopt::rules
