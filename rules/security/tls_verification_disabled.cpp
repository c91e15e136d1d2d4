#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/security/run_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF310",
    .name = "tls-verification-disabled",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "TLS certificate verification turned off",
    .docs = R"md(## What it does
Flags options, configuration commands and environment variables that turn off TLS certificate
verification for the tools a build uses to download code:

- `curl -k` / `--insecure` / `--proxy-insecure`; `wget --no-check-certificate`,
  `--check-certificate=off` or `-e check_certificate=off`; `apk --no-check-certificate`;
- `pip --trusted-host`, `pip config set <section>.trusted-host`, `uv --allow-insecure-host`;
  `conda config --set ssl_verify false`; `poetry config certificates.<source>.cert false`;
- `npm`/`pnpm`/`yarn config set strict-ssl false` (also `npm set`, `key=value` and yarn's
  `enableStrictSsl`), `npm --strict-ssl=false` / `--no-strict-ssl`;
- `git -c http.sslVerify=false`, `git clone -c http.sslVerify=false`,
  `git config [--global] http[.<url>].sslVerify false`;
- `--setopt=sslverify=0` (also `<repo>.sslverify`, `false`, `no`, `off`) for `yum`, `dnf`,
  `microdnf`, `tdnf` and their `config-manager` tools; apt's
  `-o Acquire::https::[<host>::]Verify-Peer=false` (or `Verify-Host`);
- `composer config disable-tls true` / `secure-http false`; `svn --trust-server-cert`;
  `helm`/`kubectl`/`oc --insecure-skip-tls-verify`; `podman`/`buildah`/`skopeo
  --tls-verify=false`; Maven's `-Dmaven.wagon.http.ssl.insecure=true` / `allowall=true`;
- the variables `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`,
  `NPM_CONFIG_STRICT_SSL=false` (any case), `YARN_ENABLE_STRICT_SSL=false`,
  `CONDA_SSL_VERIFY=false`, `GIT_SSL_NO_VERIFY` (any value: git only checks that it is set),
  `PIP_TRUSTED_HOST`, `UV_INSECURE_HOST` and `GOINSECURE` (when not empty), and `MAVEN_OPTS`
  holding one of the Maven properties above, set by `ENV`, by `ARG` with a value, or in `RUN` as
  `NAME=value cmd`, `export NAME=value` or `env NAME=value cmd`.

Commands are read from the parsed script, wherever they run (after `&&`, `;`, `||`, in pipelines,
subshells, substitutions and `sh -c` strings), through wrappers such as `sudo` and `env`, and in
`ONBUILD`. Text that merely mentions an option (`echo --insecure`, `grep -k`) is not a finding.

## Why is this bad?
Without certificate verification anyone on the network path (a proxy, a compromised mirror, a
hostile Wi-Fi) can answer in place of the real server and feed the build whatever code they like.
Options set through `ENV`, `npm config` or `git config` also stay in the image and keep the
application itself from checking certificates at run time.

## Example
```dockerfile
FROM node:22
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
RUN npm config set strict-ssl false && npm ci
RUN curl -k https://internal.example.com/tool.tar.gz | tar -xz -C /usr/local/bin
```

## Use instead
Add the certificate of the (corporate) certificate authority to the image's trust store and keep
verification on:
```dockerfile
FROM node:22
COPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt
RUN update-ca-certificates
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/corp-ca.crt
RUN npm ci
RUN curl -fsSL https://internal.example.com/tool.tar.gz | tar -xz -C /usr/local/bin
```

## References
- Checkov CKV2_DOCKER_2 (curl), 3 (wget), 4 (pip `--trusted-host`), 5 (`PYTHONHTTPSVERIFY`),
  6 (`NODE_TLS_REJECT_UNAUTHORIZED`), 12 (`NPM_CONFIG_STRICT_SSL`), 13 (npm/yarn `strict-ssl`),
  14 (`GIT_SSL_NO_VERIFY`), 15 (yum/dnf `sslverify`), 16 (`PIP_TRUSTED_HOST`) and 18
  (`GOINSECURE`) look for the same settings with regular expressions on the instruction text.
  They differ: a regular expression cannot tell a command from text (`echo "curl -k"` fires),
  `ARG NAME value` (which declares no value) counts as a setting, `yarn set strict-ssl false`
  (not a yarn command) fires, and CKV2_DOCKER_15 only reads `config-manager` commands. They do
  not cover `git -c`/`git config`, apt's `Verify-Peer`, apk, uv, conda, poetry, composer, svn,
  helm/kubectl, podman/buildah/skopeo or Maven.
- https://curl.se/docs/sslcerts.html
- https://pip.pypa.io/en/stable/topics/https-certificates/
- https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue
)md",
};

using security::EnvSetting;
using security::Invocation;
using security::kAptValues;
using security::kCurlValues;
using security::kNpmValues;
using security::kPipValues;
using security::kWgetValues;
using security::kYumValues;
using security::option_range;
using security::option_text;

/// One finding: "<subject> disables TLS certificate verification<scope>".
struct Finding {
  TextRange range;
  std::string subject;
  std::string scope;
};

constexpr std::string_view kGitGlobalValues[] = {
    "c", "C", "git-dir", "work-tree", "namespace", "config-env", "super-prefix", "list-cmds"};
constexpr std::string_view kGitConfigValues[] = {"f",       "file",    "blob", "type",
                                                 "default", "comment", "value"};
// clang-format off
constexpr std::string_view kGitCloneValues[] = {
    "c", "config", "o", "origin", "b", "branch", "u", "upload-pack", "depth", "reference",
    "reference-if-able", "separate-git-dir", "shallow-since", "shallow-exclude", "template",
    "filter", "server-option", "jobs", "j", "bundle-uri", "ref-format"};
// clang-format on
constexpr std::string_view kComposerValues[] = {"d", "working-dir", "file", "f"};

/// The operands of `opts` as text.
std::vector<std::string_view> operand_texts(const shell::Command& cmd, const shell::Options& opts) {
  std::vector<std::string_view> out;
  out.reserve(opts.operands.size());
  for (uint32_t i : opts.operands) out.push_back(cmd.argv[i].text);
  return out;
}

/// `config set KEY VALUE` or `config set KEY=VALUE` from `ops[at]` on: the key and value.
bool key_value_at(const std::vector<std::string_view>& ops, size_t at, std::string_view& key,
                  std::string_view& value) {
  if (at >= ops.size()) return false;
  key = ops[at];
  const size_t eq = key.find('=');
  if (eq != std::string_view::npos) {
    value = key.substr(eq + 1);
    key = key.substr(0, eq);
    return true;
  }
  if (at + 1 >= ops.size()) return false;
  value = ops[at + 1];
  return true;
}

class Checker {
 public:
  explicit Checker(std::vector<Finding>& out) : out_(out) {}

  void command(const shell::Command& cmd) {
    const Invocation inv = security::invocation(cmd);
    if (!inv) return;
    const std::string_view p = inv.program;
    if (p == "curl") {
      curl(inv);
    } else if (p == "wget") {
      wget(inv);
    } else if (p == "apk") {
      flag_options(inv, inv.options(), {"no-check-certificate"}, "");
    } else if (p == "git") {
      git(inv);
    } else if (p == "npm" || p == "pnpm" || p == "yarn") {
      node_package_manager(inv);
    } else if (p == "yum" || p == "dnf" || p == "microdnf" || p == "tdnf" ||
               p == "yum-config-manager" || p == "dnf-config-manager" || p == "dnf5") {
      setopt(inv);
    } else if (p == "apt-get" || p == "apt" || p == "aptitude") {
      apt(inv);
    } else if (p == "uv") {
      flag_options(inv, inv.options(kPipValues), {"allow-insecure-host", "trusted-host"}, "");
    } else if (p == "conda" || p == "mamba") {
      conda(inv);
    } else if (p == "poetry") {
      poetry(inv);
    } else if (p == "composer" || p == "composer.phar") {
      composer(inv);
    } else if (p == "svn") {
      flag_options(inv, inv.options(), {"trust-server-cert", "trust-server-cert-failures"}, "");
    } else if (p == "helm" || p == "kubectl" || p == "oc") {
      insecure_skip_tls_verify(inv);
    } else if (p == "podman" || p == "buildah" || p == "skopeo") {
      tls_verify(inv);
    } else if (p == "mvn" || p == "mvnw" || p == "mvnDebug") {
      maven(inv);
    } else if (const uint32_t first = security::pip_options_start(inv); first != shell::npos) {
      pip(inv, first);
    }
  }

  void setting(const EnvSetting& s) {
    if (!s.literal) return;
    const std::string_view n = s.name;
    const std::string_view v = s.value;
    std::string_view scope;
    if (n == "PYTHONHTTPSVERIFY" && v == "0") {
      scope = " in Python";
    } else if (n == "NODE_TLS_REJECT_UNAUTHORIZED" && v == "0") {
      scope = " in Node.js";
    } else if (security::ascii_lower(n) == "npm_config_strict_ssl" &&
               security::ascii_lower(v) == "false") {
      scope = " for npm";
    } else if (n == "YARN_ENABLE_STRICT_SSL" && (security::ascii_lower(v) == "false" || v == "0")) {
      scope = " for yarn";
    } else if (n == "CONDA_SSL_VERIFY" && security::is_false_word(v)) {
      scope = " for conda";
    } else if (n == "GIT_SSL_NO_VERIFY") {
      // git disables verification when the variable exists, whatever its value (even "0").
      scope = " for git";
    } else if ((n == "PIP_TRUSTED_HOST" || n == "UV_INSECURE_HOST") && !v.empty()) {
      scope = n[0] == 'P' ? " for pip" : " for uv";
    } else if (n == "GOINSECURE" && !v.empty()) {
      scope = " for Go modules";
    } else if (n == "MAVEN_OPTS" && has_maven_insecure_property(v)) {
      scope = " for Maven";
    } else {
      return;
    }
    out_.push_back({s.range, fmt::format("{} `{}={}`", security::setting_source(s.via), n, v),
                    std::string(scope)});
  }

 private:
  void add(const shell::Command& cmd, const shell::Option& o, std::string_view program,
           std::string_view scope, bool show_value = false) {
    std::string subject = fmt::format("`{} {}", program, option_text(o));
    if (show_value && o.has_value) subject += fmt::format("={}", o.value);
    subject += '`';
    out_.push_back({option_range(cmd, o), std::move(subject), std::string(scope)});
  }

  void add_word(const shell::Word& w, std::string subject, std::string_view scope = {}) {
    out_.push_back({w.range, std::move(subject), std::string(scope)});
  }

  void flag_options(const Invocation& inv, const shell::Options& opts,
                    std::initializer_list<std::string_view> names, std::string_view scope) {
    for (const shell::Option& o : opts.options) {
      if (sh::one_of(o.name, names)) add(*inv.cmd, o, inv.program, scope);
    }
  }

  void curl(const Invocation& inv) {
    const shell::Options opts = inv.options(kCurlValues);
    flag_options(inv, opts, {"k", "insecure", "proxy-insecure"}, "");
  }

  void wget(const Invocation& inv) {
    const shell::Options opts = inv.options(kWgetValues);
    for (const shell::Option& o : opts.options) {
      if (o.name == "no-check-certificate") {
        add(*inv.cmd, o, inv.program, "");
      } else if (o.name == "check-certificate" && o.has_value &&
                 (security::is_false_word(o.value) || o.value == "quiet")) {
        add(*inv.cmd, o, inv.program, "", true);
      } else if ((o.name == "e" || o.name == "execute") && o.has_value) {
        // `-e check_certificate=off`: a .wgetrc command; wgetrc accepts '-' for '_' and spaces.
        std::string cmd;
        for (char c : o.value) {
          if (c == ' ' || c == '\t') continue;
          cmd += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        const size_t eq = cmd.find('=');
        if (eq != std::string::npos && cmd.substr(0, eq) == "check_certificate" &&
            security::is_false_word(cmd.substr(eq + 1))) {
          add_word(inv.cmd->argv[o.value_word], fmt::format("`wget -e {}`", o.value));
        }
      }
    }
  }

  void pip(const Invocation& inv, uint32_t first) {
    shell::OptionSpec spec;
    spec.with_value = kPipValues;
    spec.first = first;
    const shell::Options opts = shell::parse_options(*inv.cmd, spec);
    for (const shell::Option& o : opts.options) {
      if (o.name == "trusted-host" && o.is_long) {
        add(*inv.cmd, o, "pip", o.has_value ? fmt::format(" for '{}'", o.value) : "");
      }
    }
    // pip config [--global|--user|--site] set <section>.trusted-host <hosts>
    const auto ops = operand_texts(*inv.cmd, opts);
    std::string_view key, value;
    if (ops.size() >= 2 && ops[0] == "config" && ops[1] == "set" &&
        key_value_at(ops, 2, key, value) && security::ascii_lower(key).ends_with(".trusted-host") &&
        !value.empty()) {
      add_word(inv.cmd->argv[opts.operands[2]], fmt::format("`pip config set {}`", key),
               fmt::format(" for '{}'", value));
    }
  }

  void git(const Invocation& inv) {
    const shell::Options global = inv.options(kGitGlobalValues, 0, true);
    for (const shell::Option& o : global.options) {
      if (o.name == "c" && o.has_value) git_config_pair(*inv.cmd, o, o.value, "git -c");
    }
    if (global.operands.empty()) return;
    const uint32_t sub_index = global.operands[0];
    const std::string_view sub = inv.cmd->argv[sub_index].text;
    const uint32_t skip = sub_index - inv.name;  // options start after the subcommand
    if (sub == "clone") {
      const shell::Options opts = inv.options(kGitCloneValues, skip);
      for (const shell::Option& o : opts.options) {
        if ((o.name == "c" || o.name == "config") && o.has_value) {
          git_config_pair(*inv.cmd, o, o.value, "git clone -c");
        }
      }
    } else if (sub == "config") {
      const shell::Options opts = inv.options(kGitConfigValues, skip);
      for (const shell::Option& o : opts.options) {
        if (sh::one_of(o.name,
                       {"unset", "unset-all", "get", "get-all", "get-regexp", "get-urlmatch",
                        "list", "l", "remove-section", "rename-section", "e", "edit"})) {
          return;
        }
      }
      auto ops = operand_texts(*inv.cmd, opts);
      size_t at = 0;
      if (!ops.empty() && ops[0] == "set") at = 1;  // git 2.46: `git config set <key> <value>`
      if (ops.size() != at + 2) return;
      if (is_ssl_verify_key(ops[at]) &&
          (security::is_false_word(ops[at + 1]) || ops[at + 1].empty())) {
        add_word(inv.cmd->argv[opts.operands[at]],
                 fmt::format("`git config {} {}`", ops[at], ops[at + 1]));
      }
    }
  }

  static bool is_ssl_verify_key(std::string_view key) {
    const std::string k = security::ascii_lower(key);
    return k.substr(0, 5) == "http." && k.ends_with(".sslverify");
  }

  void git_config_pair(const shell::Command& cmd, const shell::Option& o, std::string_view pair,
                       std::string_view how) {
    const size_t eq = pair.find('=');
    // `-c http.sslVerify` without a value means true; an empty value means false.
    if (eq == std::string_view::npos || !is_ssl_verify_key(pair.substr(0, eq))) return;
    const std::string_view value = pair.substr(eq + 1);
    if (!value.empty() && !security::is_false_word(value)) return;
    add_word(cmd.argv[o.value_word], fmt::format("`{} {}`", how, pair));
  }

  void node_package_manager(const Invocation& inv) {
    const shell::Options opts = inv.options(kNpmValues);
    const bool is_yarn = inv.program == "yarn";
    if (!is_yarn) {
      for (const shell::Option& o : opts.options) {
        if (!o.is_long) continue;
        if (o.name == "no-strict-ssl") {
          add(*inv.cmd, o, inv.program, "");
        } else if (o.name == "strict-ssl") {
          // npm reads `--strict-ssl=false` and also `--strict-ssl false`.
          std::string_view v = o.value;
          if (!o.has_value && o.word + 1 < inv.cmd->argv.size()) v = inv.cmd->argv[o.word + 1].text;
          if (security::ascii_lower(v) == "false") {
            out_.push_back({option_range(*inv.cmd, o),
                            fmt::format("`{} --strict-ssl={}`", inv.program, v), ""});
          }
        }
      }
    }
    // npm config set / npm c set / npm set (an alias); pnpm config set; yarn config set.
    const auto ops = operand_texts(*inv.cmd, opts);
    size_t at = 0;
    if (ops.size() >= 2 && (ops[0] == "config" || (!is_yarn && ops[0] == "c")) && ops[1] == "set") {
      at = 2;
    } else if (!ops.empty() && inv.program == "npm" && ops[0] == "set") {
      at = 1;
    } else {
      return;
    }
    std::string_view key, value;
    if (!key_value_at(ops, at, key, value)) return;
    const bool strict_ssl = key == "strict-ssl" || (is_yarn && key == "enableStrictSsl");
    if (strict_ssl && (security::ascii_lower(value) == "false" || (is_yarn && value == "0"))) {
      add_word(
          inv.cmd->argv[opts.operands[at]],
          fmt::format("`{} {} {} {}`", inv.program, at == 1 ? "set" : "config set", key, value));
    }
  }

  void setopt(const Invocation& inv) {
    const shell::Options opts = inv.options(kYumValues);
    for (const shell::Option& o : opts.options) {
      if (o.name != "setopt" || !o.has_value) continue;
      const size_t eq = o.value.find('=');
      if (eq == std::string_view::npos) continue;
      const std::string key = security::ascii_lower(o.value.substr(0, eq));
      if ((key == "sslverify" || key.ends_with(".sslverify")) &&
          security::is_false_word(o.value.substr(eq + 1))) {
        add_word(inv.cmd->argv[o.value_word],
                 fmt::format("`{} --setopt={}`", inv.program, o.value));
      }
    }
  }

  void apt(const Invocation& inv) {
    const shell::Options opts = inv.options(kAptValues);
    for (const shell::Option& o : opts.options) {
      if ((o.name != "o" && o.name != "option") || !o.has_value) continue;
      const size_t eq = o.value.find('=');
      if (eq == std::string_view::npos) continue;
      const std::string key = security::ascii_lower(o.value.substr(0, eq));
      // Acquire::https::Verify-Peer, or per host: Acquire::https::<host>::Verify-Peer.
      if (key.substr(0, 16) == "acquire::https::" &&
          (key.ends_with("::verify-peer") || key.ends_with("::verify-host")) &&
          security::is_false_word(o.value.substr(eq + 1))) {
        add_word(inv.cmd->argv[o.value_word], fmt::format("`{} -o {}`", inv.program, o.value));
      }
    }
  }

  void conda(const Invocation& inv) {
    // conda config --set ssl_verify false
    const auto& argv = inv.cmd->argv;
    for (size_t i = inv.name + 1; i + 2 < argv.size(); ++i) {
      if (argv[i].text == "--set" && argv[i + 1].text == "ssl_verify" &&
          security::is_false_word(argv[i + 2].text)) {
        add_word(argv[i + 1],
                 fmt::format("`{} config --set ssl_verify {}`", inv.program, argv[i + 2].text));
      }
    }
  }

  void poetry(const Invocation& inv) {
    // poetry config certificates.<source>.cert false
    const shell::Options opts = inv.options();
    const auto ops = operand_texts(*inv.cmd, opts);
    if (ops.size() != 3 || ops[0] != "config") return;
    const std::string key = security::ascii_lower(ops[1]);
    if (key.substr(0, 13) == "certificates." && key.ends_with(".cert") &&
        security::ascii_lower(ops[2]) == "false") {
      add_word(inv.cmd->argv[opts.operands[1]], fmt::format("`poetry config {} false`", ops[1]));
    }
  }

  void composer(const Invocation& inv) {
    const shell::Options opts = inv.options(kComposerValues);
    const auto ops = operand_texts(*inv.cmd, opts);
    if (ops.size() != 3 || ops[0] != "config") return;
    if ((ops[1] == "disable-tls" && security::is_true_word(ops[2])) ||
        (ops[1] == "secure-http" && security::is_false_word(ops[2]))) {
      add_word(inv.cmd->argv[opts.operands[1]],
               fmt::format("`composer config {} {}`", ops[1], ops[2]));
    }
  }

  void insecure_skip_tls_verify(const Invocation& inv) {
    for (const shell::Option& o : inv.options().options) {
      if (o.name == "insecure-skip-tls-verify" &&
          (!o.has_value || security::is_true_word(o.value))) {
        add(*inv.cmd, o, inv.program, "", o.has_value);
      }
    }
  }

  void tls_verify(const Invocation& inv) {
    for (const shell::Option& o : inv.options().options) {
      if (sh::one_of(o.name, {"tls-verify", "src-tls-verify", "dest-tls-verify"}) && o.has_value &&
          security::is_false_word(o.value)) {
        add(*inv.cmd, o, inv.program, "", true);
      }
    }
  }

  static bool has_maven_insecure_property(std::string_view text) {
    const std::string t = security::ascii_lower(text);
    return t.find("maven.wagon.http.ssl.insecure=true") != std::string::npos ||
           t.find("maven.wagon.http.ssl.allowall=true") != std::string::npos ||
           t.find("aether.connector.https.securitymode=insecure") != std::string::npos;
  }

  void maven(const Invocation& inv) {
    for (const shell::Word& w : inv.args()) {
      if (w.text.substr(0, 2) == "-D" && has_maven_insecure_property(w.text)) {
        add_word(w, fmt::format("`{} {}`", inv.program, w.text));
      }
    }
  }

  std::vector<Finding>& out_;
};

class TlsVerificationDisabled final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return sh::kRun | kind_bit(ast::InstrKind::env) | kind_bit(ast::InstrKind::arg);
  }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    std::vector<Finding> findings;
    Checker checker(findings);
    if (ref.instr.is(ast::InstrKind::run)) {
      const shell::Script* script = sh::run_script(file, ref);
      if (!script) return;
      for (const shell::Command& cmd : script->commands) checker.command(cmd);
      security::for_each_run_setting(*script, [&](const EnvSetting& s) { checker.setting(s); });
    } else {
      security::for_each_declared_setting(file, ref,
                                          [&](const EnvSetting& s) { checker.setting(s); });
    }
    std::sort(findings.begin(), findings.end(),
              [](const Finding& a, const Finding& b) { return a.range.begin < b.range.begin; });
    for (const Finding& f : findings) {
      out.report(f.range, fmt::format("{} disables TLS certificate verification{}; install the "
                                      "CA certificate instead",
                                      f.subject, f.scope));
    }
  }
};

}  // namespace

const Rule& tls_verification_disabled() {
  static const TlsVerificationDisabled rule;
  return rule;
}

}  // namespace dfopt::rules
