#include <fmt/format.h>

#include <algorithm>

#include "dfopt/rule.h"
#include "rules/security/security_helpers.h"

namespace dfopt::rules {
namespace {

constexpr RuleOption kOptions[] = {
    {"extra-names", "",
     "comma-separated variable names to treat as secrets, in addition to the built-in list "
     "(Trivy's `ds031.included_envs`)"},
};

constexpr RuleInfo kInfo{
    .id = "DF306",
    .name = "secret-in-final-stage",
    .category = Category::security,
    .severity = Severity::error,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = kOptions,
    .summary = "`ARG` or `ENV` of the final stage named like a secret",
    .docs = R"md(## What it does
Flags an `ARG` or `ENV` variable of the last stage of the file (the image a plain `docker build`
produces) whose name is a well-known credential variable, or looks like one:

- one of `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AZURE_CLIENT_ID`,
  `AZURE_CLIENT_SECRET`, `GITHUB_TOKEN`, `GH_TOKEN`, `GH_ENTERPRISE_TOKEN`,
  `GITHUB_ENTERPRISE_TOKEN`, `OPENAI_API_KEY`, `HF_TOKEN`, `DIGITALOCEAN_ACCESS_TOKEN`,
  `DOCKERHUB_PASSWORD`, `FIREBASE_TOKEN`, `CI_DEPLOY_PASSWORD`, `GOOGLE_API_KEY`,
  `LANGSMITH_API_KEY`, `LANGCHAIN_API_KEY`, `HEROKU_API_KEY`, or a name of the `extra-names`
  option, also behind a `VITE_` or `REACT_APP_` prefix (case-sensitive);
- otherwise, a name with a `_`-separated part that is, ignoring case, `apikey`, `auth`,
  `credential`, `credentials`, `key`, `password`, `pword`, `passwd`, `secret`, `token`, `usr` or
  `psw`, and no part `public`. The credential-file variables `AWS_CONFIG_FILE`, `HF_TOKEN_PATH`
  and `GOOGLE_APPLICATION_CREDENTIALS` are not matched this way.

Names are read as written. Variables inside `ONBUILD` are not checked.

This rule is off by default: `secret-in-arg-or-env` (DF304) checks every stage with BuildKit's
rules. Enable it to mirror the `ARG`/`ENV` part of Trivy's DS-0031.

## Why is this bad?
Whatever the final stage sets with `ENV` is stored in the image config, and `ARG` values end up in
the image history and the environment of every later `RUN`. Anyone who can pull the image can
read them. Unlike earlier stages, which a multi-stage build throws away, the final stage ships.

## Example
```dockerfile
FROM python:3.13-slim
ENV OPENAI_API_KEY=sk-live-0123456789
CMD ["python", "/app/main.py"]
```

## Use instead
```dockerfile
FROM python:3.13-slim
# Provided at run time: docker run -e OPENAI_API_KEY ...
CMD ["python", "/app/main.py"]
```

## References
- Trivy DS-0031 (AVD-DS-0031) is related but broader, so it is not an alias: besides these
  `ARG`/`ENV` names, it reports credential-file variables (`GOOGLE_APPLICATION_CREDENTIALS`...)
  that point into a copied directory, `COPY` to such a variable, and `RUN` commands that set up
  cloud credentials (`aws configure set`, `gcloud auth activate-service-account`, `az login -p`,
  `doctl auth init -t`) without a secret mount. Those parts need the shell model and are not
  implemented yet. Trivy also skips an `ARG NAME=a=b` default and strips the `VITE_`/`REACT_APP_`
  prefixes as character sets; dfopt checks every `ARG` and strips exact prefixes.
- BuildKit `SecretsUsedInArgOrEnv` checks every stage; see `secret-in-arg-or-env` (DF304).
- https://docs.docker.com/build/building/secrets/
)md",
};

// trivy-checks checks/docker/leaked_secrets.rego: default_envs, env_prefixes, secret_file_envs,
// forbidden_secret_tokens and allowed_secret_tokens.
constexpr std::string_view kKnownNames[] = {
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AZURE_CLIENT_ID",
    "AZURE_CLIENT_SECRET",
    "GITHUB_TOKEN",
    "GH_TOKEN",
    "GH_ENTERPRISE_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "OPENAI_API_KEY",
    "HF_TOKEN",
    "DIGITALOCEAN_ACCESS_TOKEN",
    "DOCKERHUB_PASSWORD",
    "FIREBASE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "GOOGLE_API_KEY",
    "LANGSMITH_API_KEY",
    "LANGCHAIN_API_KEY",
    "HEROKU_API_KEY",
};
constexpr std::string_view kPrefixes[] = {"VITE_", "REACT_APP_"};
constexpr std::string_view kFileVars[] = {"AWS_CONFIG_FILE", "HF_TOKEN_PATH",
                                          "GOOGLE_APPLICATION_CREDENTIALS"};
constexpr std::string_view kSecretTokens[] = {"apikey", "auth",     "credential", "credentials",
                                              "key",    "password", "pword",      "passwd",
                                              "secret", "token",    "usr",        "psw"};
constexpr std::string_view kAllowTokens[] = {"public"};

struct State final : RuleState {
  uint32_t final_stage = model::npos;
  std::vector<std::string> extra;  // the extra-names option
};

class SecretInFinalStage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::arg) | kind_bit(ast::InstrKind::env);
  }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto st = std::make_unique<State>();
    if (!file.model.stages().empty()) {
      st->final_stage = static_cast<uint32_t>(file.model.stages().size() - 1);
    }
    const std::string_view list = file.option(kInfo, "extra-names");
    size_t pos = 0;
    while (pos <= list.size()) {
      size_t comma = list.find(',', pos);
      if (comma == std::string_view::npos) comma = list.size();
      std::string_view name = list.substr(pos, comma - pos);
      while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      if (!name.empty()) st->extra.emplace_back(name);
      pos = comma + 1;
    }
    return st;
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    const auto& st = static_cast<const State&>(*state);
    if (ref.stage != st.final_stage || st.final_stage == model::npos) return;
    const std::string_view kw = ref.instr.is(ast::InstrKind::env) ? "ENV" : "ARG";
    for (const ast::KeyValue& kv : ref.instr.pairs) {
      const std::string_view name = kv.key.value;
      if (!is_known(name, st.extra) && !looks_secret(name)) continue;
      out.report(kv.key.range, fmt::format("`{}` '{}' of the final stage looks like a secret; it "
                                           "ships with the image",
                                           kw, name));
    }
  }

 private:
  static bool in_list(std::string_view name, const std::vector<std::string>& extra) {
    return std::find(std::begin(kKnownNames), std::end(kKnownNames), name) !=
               std::end(kKnownNames) ||
           std::find(extra.begin(), extra.end(), name) != extra.end();
  }

  static bool is_known(std::string_view name, const std::vector<std::string>& extra) {
    if (in_list(name, extra)) return true;
    for (std::string_view p : kPrefixes) {
      if (security::starts_with(name, p) && in_list(name.substr(p.size()), extra)) return true;
    }
    return false;
  }

  static bool looks_secret(std::string_view name) {
    if (std::find(std::begin(kFileVars), std::end(kFileVars), name) != std::end(kFileVars)) {
      return false;
    }
    return security::has_token(name, kSecretTokens) && !security::has_token(name, kAllowTokens);
  }
};

}  // namespace

const Rule& secret_in_final_stage() {
  static const SecretInFinalStage rule;
  return rule;
}

}  // namespace dfopt::rules
