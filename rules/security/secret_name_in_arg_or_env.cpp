#include <fmt/format.h>

#include <algorithm>

#include "dfopt/rule.h"
#include "rules/security/security_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3064"};

constexpr RuleInfo kInfo{
    .id = "DF305",
    .name = "secret-name-in-arg-or-env",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`ARG` or `ENV` with a well-known secret name or a suspicious substring",
    .docs = R"md(## What it does
Flags an `ARG` or `ENV` variable whose name, in uppercase, is one of 48 well-known secret
variables (`AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`, `NPM_TOKEN`, `POSTGRES_PASSWORD`,
`VAULT_TOKEN`...), or whose name, in lowercase, contains `api_key`, `client_key`, `password`,
`private`, `secret`, `token` or `username`. Every `ARG` and `ENV` is checked, including `ARG`s
before the first `FROM` and those inside `ONBUILD`, with names as written.

This rule is off by default: `secret-in-arg-or-env` (DF304), BuildKit's check, matches whole
name parts and has fewer false positives (`TOKENIZER_PATH` matches here). Enable this one to
mirror hadolint exactly.

## Why is this bad?
Build arguments and environment variables are not secret: `ENV` values are stored in the image
config, and `ARG` values end up in the image history (`docker history`) and in the environment of
every later `RUN`. Anyone who can pull the image can read them. Build secrets belong in secret
mounts, and runtime secrets in the runtime environment or a secrets manager.

## Example
```dockerfile
FROM postgres:17
ENV POSTGRES_PASSWORD=changeme
```

## Use instead
```dockerfile
FROM postgres:17
# Set at run time: docker run -e POSTGRES_PASSWORD_FILE=/run/secrets/pg ...
ENV POSTGRES_PASSWORD_FILE=/run/secrets/pg
```

## References
- hadolint DL3064: the same check (same list and substrings, `ONBUILD` included).
- BuildKit `SecretsUsedInArgOrEnv` matches whole `_`-separated parts; see `secret-in-arg-or-env`
  (DF304).
- https://docs.docker.com/build/building/secrets/
)md",
};

// hadolint src/Hadolint/Rule/DL3064.hs, knownSensitiveNames (sorted for binary search).
constexpr std::string_view kKnownNames[] = {
    "ACCESS_TOKEN",
    "APPLICATION_KEY",
    "APP_SECRET",
    "AUTH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "BITTREX_API_KEY",
    "BITTREX_API_SECRET",
    "CF_PASSWORD",
    "CF_USERNAME",
    "CIRCLE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "CI_DEPLOY_USER",
    "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL",
    "DOCKER_PASSWORD",
    "DOCKER_USERNAME",
    "FACEBOOK_ACCESS_TOKEN",
    "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET",
    "FIREBASE_API_TOKEN",
    "FIREBASE_TOKEN",
    "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_USER",
    "NPM_AUTH_TOKEN",
    "NPM_TOKEN",
    "OKTA_AUTHN_GROUPID",
    "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN",
    "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET",
    "OPENAI_API_KEY",
    "OS_PASSWORD",
    "OS_USERNAME",
    "POSTGRES_PASSWORD",
    "SLACK_TOKEN",
    "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME",
    "TRAVIS_OS_NAME",
    "TRAVIS_SECURE_ENV_VARS",
    "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY",
    "VAULT_TOKEN",
};

static_assert(std::is_sorted(std::begin(kKnownNames), std::end(kKnownNames)));

constexpr std::string_view kSubstrings[] = {"api_key", "client_key", "password", "private",
                                            "secret",  "token",      "username"};

// Case-insensitive ordering of ASCII upper-cased characters, to search kKnownNames (all upper
// case) for any spelling of a name.
bool upper_less(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::toupper(static_cast<unsigned char>(x)) <
           std::toupper(static_cast<unsigned char>(y));
  });
}

// Whether `name` contains `needle` (lower case), ignoring the case of `name`.
bool icontains(std::string_view name, std::string_view needle) {
  if (needle.size() > name.size()) return false;
  for (size_t i = 0; i + needle.size() <= name.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() &&
           std::tolower(static_cast<unsigned char>(name[i + k])) == needle[k]) {
      ++k;
    }
    if (k == needle.size()) return true;
  }
  return false;
}

bool is_sensitive(std::string_view name) {
  // hadolint: `Text.toUpper name` in the list, or a substring of `Text.toLower name`.
  const auto it =
      std::lower_bound(std::begin(kKnownNames), std::end(kKnownNames), name, upper_less);
  if (it != std::end(kKnownNames) && !upper_less(name, *it)) return true;
  return std::any_of(std::begin(kSubstrings), std::end(kSubstrings),
                     [&](std::string_view s) { return icontains(name, s); });
}

class SecretNameInArgOrEnv final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::arg) | kind_bit(ast::InstrKind::env);
  }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    const std::string_view kw = ins.is(ast::InstrKind::env) ? "ENV" : "ARG";
    for (const ast::KeyValue& kv : ins.pairs) {
      if (!is_sensitive(kv.key.value)) continue;
      out.report(kv.key.range, fmt::format("`{}` '{}' may hold sensitive data, which stays "
                                           "readable in the image",
                                           kw, kv.key.value));
    }
  }
};

}  // namespace

const Rule& secret_name_in_arg_or_env() {
  static const SecretNameInArgOrEnv rule;
  return rule;
}

}  // namespace dfopt::rules
