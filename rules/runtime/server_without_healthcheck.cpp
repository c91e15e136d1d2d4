#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/base/base_images.h"
#include "rules/runtime/final_stage_chain.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF424",
    .name = "server-without-healthcheck",
    .category = Category::runtime,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "the image the build produces starts a network server but has no `HEALTHCHECK`",
    .docs = R"md(## What it does
Looks at the stage the build produces (the last stage, or the `--target`) together with the
stages it is built `FROM`. When its `ENTRYPOINT` or `CMD` (the last of each, exec or shell form,
including `sh -c` scripts) starts a program that is unambiguously a network server, and none of
those stages has a `HEALTHCHECK`, the rule reports the instruction that starts it.

Servers recognised: `nginx`, `httpd`, `httpd-foreground`, `apache2-foreground`, `apache2ctl`/
`apachectl`, `php-fpm` (any version suffix), `caddy run`, `traefik`, `haproxy`, `envoy`,
`gunicorn`, `uvicorn`, `hypercorn`, `daphne`, `waitress-serve`, `uwsgi`, `puma`, `unicorn`,
`rails server`, `flask run`, `python -m http.server` (and `-m` of `uvicorn`, `gunicorn`,
`hypercorn`, `flask run`), `redis-server`, `postgres`, `mysqld`, `mariadbd`, `mongod`,
`memcached`, `catalina.sh run`. `exec`, `tini`, `dumb-init`, `gosu USER`, `su-exec USER`,
`bundle exec`, `poetry run`, `pipenv run` and `uv run` in front of them are looked through.
Commands such as `npm start`, `node server.js` or `java -jar app.jar` may or may not serve
anything and are not recognised.

Not reported:
- images that `EXPOSE` a port: `exposed-service-without-healthcheck` (DF420) reports those;
- `HEALTHCHECK NONE` anywhere in the chain (a deliberate choice);
- a base image that declares its own `HEALTHCHECK`, per dfopt's base-image knowledge base
  (`gitlab/gitlab-ce`, `gitlab/gitlab-ee`), which the image inherits;
- images with `ONBUILD` triggers (bases for other images) and build stages.

## Why is this bad?
Without a health check, Docker and Swarm see a container as healthy as long as its main process
runs, even when the server hangs or stops answering. A `HEALTHCHECK` makes `docker ps`, Compose's
`depends_on: condition: service_healthy` and Swarm's rolling updates react to a server that no
longer responds. (Kubernetes ignores `HEALTHCHECK`; it uses its own probes.)

## Example
```dockerfile
FROM python:3.13-slim
RUN pip install --no-cache-dir gunicorn flask
COPY app.py /app/
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
```

## Use instead
```dockerfile
FROM python:3.13-slim
RUN pip install --no-cache-dir gunicorn flask
COPY app.py /app/
HEALTHCHECK --interval=30s --timeout=3s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
```

## References
- hadolint DL3057 reports every stage without a `HEALTHCHECK`, service or not (see
  `stage-without-healthcheck`, DF411); Trivy DS-0026 and Checkov CKV_DOCKER_2 report a file
  without any `HEALTHCHECK` (see `no-healthcheck`, DF412). This rule only reports images that
  start a known server, for the stage the build produces.
- https://docs.docker.com/reference/dockerfile/#healthcheck
)md",
};

std::string_view base_name(std::string_view s) {
  const size_t slash = s.rfind('/');
  return slash == std::string_view::npos ? s : s.substr(slash + 1);
}

bool is_python(std::string_view p) {
  if (!p.starts_with("python")) return false;
  return std::all_of(p.begin() + 6, p.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// Programs that are servers whatever their arguments.
constexpr std::string_view kServers[] = {"nginx",
                                         "httpd",
                                         "httpd-foreground",
                                         "apache2-foreground",
                                         "apache2ctl",
                                         "apachectl",
                                         "traefik",
                                         "haproxy",
                                         "envoy",
                                         "gunicorn",
                                         "uvicorn",
                                         "hypercorn",
                                         "daphne",
                                         "waitress-serve",
                                         "uwsgi",
                                         "puma",
                                         "unicorn",
                                         "redis-server",
                                         "postgres",
                                         "mysqld",
                                         "mariadbd",
                                         "mongod",
                                         "memcached"};

// The server `argv[i..]` starts, or "" when it is not one.
std::string server_at(const std::vector<shell::Word>& argv, size_t i) {
  auto word = [&](size_t k) { return k < argv.size() ? argv[k].text : std::string_view{}; };
  // Wrappers that exec their operand.
  for (size_t guard = 0; i < argv.size() && guard < 8; ++guard) {
    const std::string_view p = base_name(word(i));
    if (p == "exec" || p == "tini" || p == "dumb-init" || p == "--") {
      ++i;
    } else if (p == "gosu" || p == "su-exec") {
      i += 2;
    } else if ((p == "bundle" && word(i + 1) == "exec") ||
               ((p == "poetry" || p == "pipenv" || p == "uv") && word(i + 1) == "run")) {
      i += 2;
    } else if (p.starts_with('-') && i > 0) {
      ++i;  // an option of the wrapper (`tini -g --`, `dumb-init --single-child`)
    } else {
      break;
    }
  }
  if (i >= argv.size()) return "";
  const std::string_view p = base_name(word(i));
  const std::string_view next = word(i + 1);
  if (std::find(std::begin(kServers), std::end(kServers), p) != std::end(kServers)) {
    return std::string(p);
  }
  if (p.starts_with("php-fpm")) return std::string(p);
  if (p == "caddy" && next == "run") return "caddy run";
  if (p == "rails" && (next == "server" || next == "s")) return "rails server";
  if (p == "flask" && next == "run") return "flask run";
  if (p == "catalina.sh" && next == "run") return "catalina.sh run";
  if (is_python(p) && next == "-m") {
    const std::string_view mod = word(i + 2);
    if (mod == "http.server" || mod == "uvicorn" || mod == "gunicorn" || mod == "hypercorn") {
      return fmt::format("python -m {}", mod);
    }
    if (mod == "flask" && word(i + 3) == "run") return "python -m flask run";
  }
  return "";
}

class ServerWithoutHealthcheck final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const model::Model& m = file.model;
    const std::vector<uint32_t> chain = runtime::target_chain(m);
    if (chain.empty()) return;
    for (const uint32_t s : chain) {
      if (!m.stage(s).onbuild.empty()) return;
    }
    if (runtime::last_in_chain(file.ast, chain, m, ast::InstrKind::healthcheck) != model::npos ||
        runtime::last_in_chain(file.ast, chain, m, ast::InstrKind::expose) != model::npos) {
      return;
    }
    const model::Stage& root = m.stage(chain.back());
    if (root.base_kind != model::BaseKind::stage && !root.is_scratch() && !root.base.unresolved) {
      const kb::ImageFacts facts = kb::lookup(root.base);
      if (facts && facts.family->healthcheck) return;
    }
    for (const ast::InstrKind kind : {ast::InstrKind::entrypoint, ast::InstrKind::cmd}) {
      const uint32_t i = runtime::last_in_chain(file.ast, chain, m, kind);
      if (i == model::npos) continue;
      const shell::Script& script = file.script(i);
      for (const shell::Command& cmd : script.commands) {
        if (cmd.in_substitution || cmd.argv.empty()) continue;
        const std::string server = server_at(cmd.argv, 0);
        if (server.empty()) continue;
        const ast::Instruction& ins = file.ast.instructions[i];
        out.report(ins.keyword.range,
                   fmt::format("the final image starts the server `{}` but has no "
                               "`HEALTHCHECK`; add one that probes the service",
                               server));
        return;
      }
    }
  }
};

}  // namespace

const Rule& server_without_healthcheck() {
  static const ServerWithoutHealthcheck rule;
  return rule;
}

}  // namespace dfopt::rules
