#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/base/base_images.h"
#include "rules/packages/pkg_commands.h"
#include "rules/runtime/final_stage_chain.h"
#include "rules/security/run_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF215",
    .name = "build-packages-in-final-stage",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "compilers or headers installed in the image a multi-stage build produces",
    .docs = R"md(## What it does
In a multi-stage build (a file with at least one stage outside the `FROM` chain of the stage the
build produces, usually a builder), looks at the produced stage and the stages it is built
`FROM`, and flags an `apt-get`/`apt`/`aptitude install`, `apk add`, `dnf`/`yum`/`microdnf
install` or `zypper install` of build-only packages:
- compilers and build tools: `gcc`, `g++`, `gcc-c++`, `clang` (also with a version suffix such as
  `gcc-12`), `make`, `cmake`, `build-essential`, `build-base`, `autoconf`, `automake`, `libtool`,
  `pkg-config`/`pkgconf`, `bison`, `gfortran`;
- headers: `*-dev` (Debian, Ubuntu, Alpine), `*-devel` (Fedora, RHEL, SUSE), `linux-headers`,
  `kernel-headers`, `musl-dev`.

Packages that the same `RUN` removes again are not reported: listed in a later `apt-get
purge`/`remove`, `apk del`, `dnf`/`yum remove`, or installed into an `apk add --virtual NAME`
group (`-t NAME`) that a later `apk del NAME` removes; and every apt package when the `RUN` uses
the `apt-mark auto` ... `apt-get purge --auto-remove` pattern of the official images. Removing
them in a later `RUN` does not help (the earlier layer keeps them), so it does not count.

`git`, `curl` and similar tools are not reported: images often need them at run time. Nor are
images whose build packages are what the image is for:
- single-stage builds (every stage is part of the produced image);
- images without `CMD` or `ENTRYPOINT` in the chain: base, toolchain or tool images that others
  build `FROM` or run commands in;
- images built on a toolchain base image (`golang`, `rust`, `gcc`, `maven`, `gradle`, the .NET
  SDK; see `toolchain-final-image`, DF214);
- images that compile in place: a `RUN` of the chain runs `make`, `cmake`, `ninja`, `configure`,
  `gcc`, `g++`, `cc`, `c++`, `clang`, `go build` or `cargo build`, so the produced stage is itself
  a build stage. Compiling through a language package manager (`pip install` of a source
  distribution, `gem install` of a native extension) does not count: that is the case a builder
  stage solves.

## Why is this bad?
The point of a multi-stage build is that compilers and headers stay in the builder. Installed in
the final stage they add tens to hundreds of megabytes, slow every pull, and give an attacker a
compiler; vulnerability scanners report them too.

## Example
```dockerfile
FROM python:3.13-slim AS build
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:3.13-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
```

## Use instead
```dockerfile
FROM python:3.13-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:3.13-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
```

## References
- hadolint, BuildKit, Trivy and Checkov have no equivalent check.
- https://docs.docker.com/build/building/multi-stage/
)md",
};

constexpr std::string_view kBuildPackages[] = {"gcc",
                                               "g++",
                                               "gcc-c++",
                                               "clang",
                                               "make",
                                               "cmake",
                                               "build-essential",
                                               "build-base",
                                               "autoconf",
                                               "automake",
                                               "libtool",
                                               "pkg-config",
                                               "pkgconf",
                                               "pkgconfig",
                                               "bison",
                                               "gfortran",
                                               "linux-headers",
                                               "kernel-headers",
                                               "musl-dev"};

// `gcc-12`, `clang-17`, `g++-13`: a compiler with a version suffix.
bool is_versioned_compiler(std::string_view p) {
  for (std::string_view c : {"gcc-", "g++-", "clang-"}) {
    if (!p.starts_with(c) || p.size() == c.size()) continue;
    const std::string_view rest = p.substr(c.size());
    if (std::all_of(rest.begin(), rest.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      return true;
    }
  }
  return false;
}

// The package name of an install operand: without a version (`=1.2`, `>1.2`, `~1.2`) or an
// architecture (`:amd64`).
std::string_view package_name(std::string_view w) {
  const size_t cut = w.find_first_of("=<>~:");
  return cut == std::string_view::npos ? w : w.substr(0, cut);
}

bool is_build_package(std::string_view p) {
  if (p.empty() || p.starts_with('-') || p.find('$') != std::string_view::npos) return false;
  if (std::find(std::begin(kBuildPackages), std::end(kBuildPackages), p) !=
      std::end(kBuildPackages)) {
    return true;
  }
  return is_versioned_compiler(p) || (p.size() > 4 && p.ends_with("-dev")) ||
         (p.size() > 6 && p.ends_with("-devel"));
}

enum class Manager { none, apt, apk, dnf, zypper };

struct PkgCommand {
  Manager manager = Manager::none;
  bool install = false;
  bool remove = false;
  std::vector<const shell::Word*> operands;  // packages (or the apk del group names)
  std::string virtual_group;                 // apk add --virtual NAME
};

PkgCommand read_command(const shell::Command& cmd) {
  PkgCommand out;
  const uint32_t tool = pkg::program_word(cmd);
  if (tool == shell::npos) return out;
  const std::string_view prog = cmd.argv[tool].text;
  shell::OptionSpec spec;
  if (prog == "apt-get" || prog == "apt" || prog == "aptitude") {
    out.manager = Manager::apt;
    spec = pkg::kAptOptions;
  } else if (prog == "apk") {
    out.manager = Manager::apk;
    spec = pkg::kApkOptions;
  } else if (prog == "dnf" || prog == "yum" || prog == "microdnf" || prog == "tdnf") {
    out.manager = Manager::dnf;
    spec.with_value = security::kYumValues;
  } else if (prog == "zypper") {
    out.manager = Manager::zypper;
  } else {
    return out;
  }
  const uint32_t sub = pkg::subcommand_word(cmd, tool, spec);
  if (sub == shell::npos) return out;
  const std::string_view verb = cmd.argv[sub].text;
  switch (out.manager) {
    case Manager::apt:
      out.install = verb == "install";
      out.remove = verb == "purge" || verb == "remove" || verb == "autoremove";
      break;
    case Manager::apk:
      out.install = verb == "add";
      out.remove = verb == "del";
      break;
    case Manager::dnf:
      out.install = verb == "install";
      out.remove = verb == "remove" || verb == "erase" || verb == "autoremove";
      break;
    case Manager::zypper:
      out.install = verb == "install" || verb == "in";
      out.remove = verb == "remove" || verb == "rm";
      break;
    case Manager::none:
      break;
  }
  if (!out.install && !out.remove) return out;
  spec.first = sub + 1;
  const shell::Options opts = shell::parse_options(cmd, spec);
  for (uint32_t i : opts.operands) out.operands.push_back(&cmd.argv[i]);
  if (out.manager == Manager::apk) {
    if (const shell::Option* v = opts.find("virtual")) out.virtual_group = std::string(v->value);
    if (const shell::Option* t = opts.find("t")) out.virtual_group = std::string(t->value);
  }
  return out;
}

// The produced image compiles in place (it is itself a build image): some RUN of the chain runs
// a compiler or build tool.
bool compiles(const FileContext& file, const std::vector<uint32_t>& chain) {
  const model::Model& m = file.model;
  for (const uint32_t s : chain) {
    const model::Stage& st = m.stage(s);
    for (uint32_t i = st.body_begin(); i < st.end_instr; ++i) {
      if (!file.ast.instructions[i].is(ast::InstrKind::run)) continue;
      for (const shell::Command& cmd : file.script(i).commands) {
        std::string_view prog = cmd.name();
        prog = prog.substr(prog.rfind('/') + 1);
        const std::span<const shell::Word> args = cmd.args();
        const std::string_view sub = args.empty() ? std::string_view{} : args.front().text;
        if (prog == "make" || prog == "cmake" || prog == "ninja" || prog == "gcc" ||
            prog == "g++" || prog == "cc" || prog == "c++" || prog == "clang" ||
            prog == "clang++" || prog == "configure" || (prog == "go" && sub == "build") ||
            (prog == "cargo" && sub == "build")) {
          return true;
        }
      }
    }
  }
  return false;
}

class BuildPackagesInFinalStage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const model::Model& m = file.model;
    const std::vector<uint32_t> chain = runtime::target_chain(m);
    // Multi-stage: some stage is not part of the produced image.
    if (chain.empty() || chain.size() == m.stages().size()) return;
    // An image without CMD or ENTRYPOINT is a base or tool image, not an application.
    if (runtime::last_in_chain(file.ast, chain, m, ast::InstrKind::cmd) == model::npos &&
        runtime::last_in_chain(file.ast, chain, m, ast::InstrKind::entrypoint) == model::npos) {
      return;
    }
    // A toolchain base image (toolchain-final-image's territory).
    const model::Stage& root = m.stage(chain.back());
    if (root.base_kind != model::BaseKind::stage && !root.is_scratch() && !root.base.unresolved) {
      const kb::ImageFacts facts = kb::lookup(root.base);
      if (facts && facts.family->toolchain) return;
    }
    if (compiles(file, chain)) return;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const model::Stage& st = m.stage(*it);
      for (uint32_t i = st.body_begin(); i < st.end_instr; ++i) {
        if (file.ast.instructions[i].is(ast::InstrKind::run)) check_run(file, i, out);
      }
    }
  }

 private:
  static void check_run(const FileContext& file, uint32_t instr, Reporter& out) {
    const shell::Script& script = file.script(instr);
    std::vector<PkgCommand> cmds;
    bool apt_mark_auto = false;
    for (const shell::Command& cmd : script.commands) {
      if (cmd.is("apt-mark") && cmd.has_arg("auto")) apt_mark_auto = true;
      PkgCommand pc = read_command(cmd);
      if (pc.install || pc.remove) cmds.push_back(std::move(pc));
    }
    for (size_t k = 0; k < cmds.size(); ++k) {
      const PkgCommand& pc = cmds[k];
      if (!pc.install) continue;
      // Removed again later in the same RUN.
      bool group_removed = false;
      bool apt_auto_purge = false;
      std::vector<std::string_view> removed;
      for (size_t r = k + 1; r < cmds.size(); ++r) {
        if (!cmds[r].remove || cmds[r].manager != pc.manager) continue;
        for (const shell::Word* w : cmds[r].operands) {
          removed.push_back(package_name(w->text));
          if (!pc.virtual_group.empty() && w->text == pc.virtual_group) group_removed = true;
        }
        if (pc.manager == Manager::apt && apt_mark_auto) apt_auto_purge = true;
      }
      if (group_removed || apt_auto_purge) continue;
      std::vector<const shell::Word*> found;
      for (const shell::Word* w : pc.operands) {
        const std::string_view name = package_name(w->text);
        if (!is_build_package(name)) continue;
        if (std::find(removed.begin(), removed.end(), name) != removed.end()) continue;
        found.push_back(w);
      }
      if (found.empty()) continue;
      std::string names;
      for (size_t i = 0; i < found.size() && i < 4; ++i) {
        if (!names.empty()) names += ", ";
        names += fmt::format("'{}'", package_name(found[i]->text));
      }
      if (found.size() > 4) names += fmt::format(" and {} more", found.size() - 4);
      out.report({found.front()->range.begin, found.back()->range.end},
                 fmt::format("build-only {} {} installed in the final image of a multi-stage "
                             "build; install {} in a builder stage and copy only the output, or "
                             "remove {} in the same `RUN`",
                             found.size() == 1 ? "package" : "packages", names,
                             found.size() == 1 ? "it" : "them", found.size() == 1 ? "it" : "them"));
    }
  }
};

}  // namespace

const Rule& build_packages_in_final_stage() {
  static const BuildPackagesInFinalStage rule;
  return rule;
}

}  // namespace dfopt::rules
