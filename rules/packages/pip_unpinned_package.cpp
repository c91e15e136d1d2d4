#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/lang_pm.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3013"};

constexpr RuleInfo kInfo{
    .id = "DF640",
    .name = "pip-unpinned-package",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`pip install` of a package without a pinned version",
    .docs = R"md(## What it does
Flags each package of a `pip install` that names no version. A package is pinned when it
contains a version operator (`==`, `>=`, `<=`, `>`, `<`, `!=`, `~=`, `===`), is a local
archive (ends in `.whl` or `.tar.gz`), is a VCS URL (starts with a VCS scheme: `git`,
`git+https`, `hg+https`, `svn`, `bzr+ssh`...) with an `@` revision, or is any other path or URL
(contains `/`).

A command is a `pip install` when its name starts with `pip` (`pip`, `pip3`, `pip3.12`, `pipx`,
but not `pipenv`) and `install` is one of its arguments, or when its name starts with `python`
and its arguments contain `-m pip install`. Such a command is not checked when it installs from
a requirements file (`-r`, `--requirement`) or the current directory (`.`), or applies a
constraints file (`-c`, `--constraint`). The values of the options that take one (`-i`,
`--index-url`, `--extra-index-url`, `-f`, `-t`, `--target`, `-e`, `--platform`, `--python`...)
are not packages. `RUN` instructions inside `ONBUILD` are checked too.

Commands and options are read as hadolint reads them: the command name is the literal first word
(`sudo pip install` is not checked), and the word after an option that takes a value is dropped
unless the option carries it after `=` (`--index-url=https://...`).

## Why is this bad?
Without a version, `pip install` takes the newest release on the day of the build. Two builds of
the same Dockerfile can then produce different images, and a release published between them can
break the build or the application with no change to the file.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask gunicorn
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0
```
Or list the pinned versions in a requirements file:
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

## References
- hadolint DL3013: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell. Unlike hadolint, it does not take a `--`
  argument for a package.
- https://pip.pypa.io/en/stable/topics/repeatable-installs/
)md",
};

// Options of `pip install` whose value is the next word (hadolint's list).
constexpr std::string_view kValueOptions[] = {"abi",
                                              "b",
                                              "build",
                                              "e",
                                              "editable",
                                              "extra-index-url",
                                              "f",
                                              "find-links",
                                              "i",
                                              "index-url",
                                              "implementation",
                                              "no-binary",
                                              "only-binary",
                                              "platform",
                                              "prefix",
                                              "progress-bar",
                                              "proxy",
                                              "python",
                                              "python-version",
                                              "root",
                                              "root-user-action",
                                              "src",
                                              "t",
                                              "target",
                                              "trusted-host",
                                              "upgrade-strategy"};

// pip's VCS URL schemes (https://pip.pypa.io/en/stable/topics/vcs-support/), compared as
// prefixes, as hadolint does.
constexpr std::string_view kVcsSchemes[] = {
    "git+file", "git+https", "git+ssh",   "git+http", "git+git",        "git",
    "hg+file",  "hg+http",   "hg+https",  "hg+ssh",   "hg+static-http", "svn",
    "svn+svn",  "svn+http",  "svn+https", "svn+ssh",  "bzr+http",       "bzr+https",
    "bzr+ssh",  "bzr+sftp",  "bzr+ftp",   "bzr+lp"};

constexpr std::string_view kVersionOperators[] = {"==", ">=", "<=", ">", "<", "!=", "~=", "==="};

bool is_vcs(std::string_view package) {
  for (std::string_view s : kVcsSchemes) {
    if (package.starts_with(s)) return true;
  }
  return false;
}

bool pinned(std::string_view package) {
  for (std::string_view op : kVersionOperators) {
    if (package.find(op) != std::string_view::npos) return true;
  }
  if (package.ends_with(".whl") || package.ends_with(".tar.gz")) return true;
  if (is_vcs(package)) return package.find('@') != std::string_view::npos;
  return package.find('/') != std::string_view::npos;
}

class PipUnpinnedPackage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command* cmd : lang_pm::visible_commands(*script)) {
      if (!cmd->name().starts_with("p")) continue;  // cheap filter before reading the arguments
      const pkg::HadolintArgs args(*cmd);
      if (lang_pm::pip_install_word(*cmd, args) == shell::npos) continue;
      // Requirements files, the current project and constraints files pin elsewhere.
      if (args.has_arg("-r") || args.has_arg("--requirement") || args.has_arg(".") ||
          args.has_flag("c") || args.has_flag("constraint")) {
        continue;
      }
      const std::vector<uint32_t> words = lang_pm::args_without_flags(args, kValueOptions);
      for (uint32_t i : lang_pm::after_install(args, words)) {
        if (pinned(args.text(i))) continue;
        const shell::Word& w = cmd->argv[i];
        std::string message;
        if (!w.is_literal()) {
          message = fmt::format("package '{}' is not pinned to a version", w.text);
        } else if (is_vcs(w.text) && w.text.find("://") != std::string_view::npos) {
          message = fmt::format(
              "package '{}' is not pinned to a revision; add '@<tag-or-commit>' to the URL",
              w.text);
        } else {
          message = fmt::format("package '{0}' is not pinned; write '{0}==<version>'", w.text);
        }
        out.report(w.range, std::move(message));
      }
    }
  }
};

}  // namespace

const Rule& pip_unpinned_package() {
  static const PipUnpinnedPackage rule;
  return rule;
}

}  // namespace dfopt::rules
