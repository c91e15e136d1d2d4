#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/security/credentials.h"
#include "rules/security/run_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF314",
    .name = "hardcoded-credential-in-run",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "literal password or token on a `RUN` command line",
    .docs = R"md(## What it does
Flags a password or token written literally on a `RUN` command line:

- a URL with credentials, in any argument: `https://user:password@host/...`, and
  `https://<token>@host/...` when the user part looks like a token (a known prefix such as
  `ghp_` or `glpat-`, or 20+ letters and digits), e.g. in `git clone` or `pip --index-url`;
- `curl -u user:password` (also `--user`, `-U`/`--proxy-user`), `curl --oauth2-bearer`, and
  `Authorization`, `Proxy-Authorization`, `Private-Token`, `X-API-Key` and `X-Auth-Token` headers
  given to `curl -H` or `wget --header`;
- `docker`/`podman`/`buildah`/`nerdctl`/`skopeo`/`oras login -p`/`--password`, and the same
  for `helm registry login`, `regctl registry login`, `crane auth login` and `helm repo add`;
- `mysql` and the other MySQL/MariaDB clients with `-pSECRET` or `--password=SECRET` (`-p`
  alone prompts, so `mysql -p dbname` passes), `mysqladmin password NEW`; `mongo`/`mongosh`
  and the Mongo tools with `-p`/`--password`; `redis-cli -a`/`--pass`; `sshpass -p`;
  `svn --password`; `dotnet nuget add|update source --password`; `htpasswd -b`;
  `rabbitmqctl add_user`/`change_password`;
- `npm`/`pnpm`/`yarn config set` of `_authToken`, `_auth`, `_password` (also scoped keys such as
  `//registry.npmjs.org/:_authToken`), `npmAuthToken` or `npmAuthIdent`, and `_authToken=...`
  lines written with `echo`/`printf`;
- `PGPASSWORD`, `MYSQL_PWD`, `SSHPASS` or `REDISCLI_AUTH` set for a command
  (`PGPASSWORD=secret psql ...`, `export`, `env`).

Only literal values count: a value that uses a variable is checked by
`build-arg-credential-in-run` (DF315) when the variable is a build argument. Commands are found
wherever they run in the script, through wrappers such as `sudo`, and in `ONBUILD`.

## Why is this bad?
The value is in the Dockerfile, so in version control and in every build log, and the `RUN`
command line is stored in the image history (`docker history --no-trunc`), readable by anyone who
can pull the image, even if a later instruction removes the files it created.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache git \
 && git clone https://deploy:s3cr3t@git.example.com/team/app.git /src
```

## Use instead
Pass the credential as a build secret, which is mounted only while the `RUN` executes:
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache git
RUN --mount=type=secret,id=git_token,env=GIT_TOKEN \
    git clone "https://deploy:${GIT_TOKEN}@git.example.com/team/app.git" /src
```
and build with `docker build --secret id=git_token,env=GIT_TOKEN .`.

## References
- BuildKit `SecretsUsedInArgOrEnv` and hadolint DL3064 look at `ARG`/`ENV` names only (see
  `secret-in-arg-or-env`, DF304, and `secret-name-in-arg-or-env`, DF305). Trivy DS-0031 also
  reads `RUN`, for cloud CLI logins only (see `cloud-credentials-in-image`, DF316). None of them
  looks for credentials on `RUN` command lines.
- https://docs.docker.com/build/building/secrets/
)md",
};

/// Values that stand for a credential rather than being one: `<password>`, `{{ token }}`.
bool is_placeholder(std::string_view v) {
  return (v.front() == '<' && v.back() == '>') || (v.front() == '{' && v.back() == '}');
}

class HardcodedCredentialInRun final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    security::find_credentials(*script, [&](const shell::Command&, const security::Credential& c) {
      if (c.value.empty() || !security::is_literal_value(c.value) || is_placeholder(c.value)) {
        return;
      }
      out.report(security::word_subrange(*c.word, c.offset, c.value.size()),
                 fmt::format("hard-coded {}; it stays in the image history, pass it with "
                             "`RUN --mount=type=secret` instead",
                             c.what));
    });
  }
};

}  // namespace

const Rule& hardcoded_credential_in_run() {
  static const HardcodedCredentialInRun rule;
  return rule;
}

}  // namespace dfopt::rules
