#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/lang_pm.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3016"};

constexpr RuleInfo kInfo{
    .id = "DF642",
    .name = "npm-unpinned-package",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`npm install` of a package without a pinned version",
    .docs = R"md(## What it does
Flags each package of an `npm install <package>...` that names no version, tag or commit. A
package is pinned when:
- it is a git URL (`git://`, `git+ssh://`, `git+http://`, `git+https://`) with a `#<commit>` or
  `#semver:<range>` fragment;
- it is a tarball (ends in `.tar`, `.tar.gz` or `.tgz`) or a folder (starts with `/`, `./`,
  `../` or `~/`);
- otherwise, it has an `@<version>` after its name (`express@4.19.2`, `@org/pkg@1.2.0`).

A bare `npm install` (or `npm ci`) installs what `package.json` and the lockfile say and is not
flagged. The command must be literally `npm`, `install` must be its first argument that is not an
option (the values of `--loglevel` and `--registry` are skipped), and `npm i` or `npm add` are not
checked. `RUN` instructions inside `ONBUILD` are checked too.

## Why is this bad?
Without a version, `npm install <package>` takes whatever the `latest` tag points to on the day
of the build. Two builds of the same Dockerfile can then produce different images, and a release
published between them can break the build or the application with no change to the file.

## Example
```dockerfile
FROM node:22-alpine
RUN npm install --global pm2
```

## Use instead
```dockerfile
FROM node:22-alpine
RUN npm install --global pm2@5.4.2
```

## References
- hadolint DL3016: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell. Unlike hadolint, it does not take a `--`
  argument for a package.
- https://docs.npmjs.com/cli/commands/npm-install
)md",
};

// Options whose value is the next word (hadolint's list).
constexpr std::string_view kValueOptions[] = {"loglevel", "registry"};

bool is_git_url(std::string_view p) {
  return p.starts_with("git://") || p.starts_with("git+ssh://") || p.starts_with("git+http://") ||
         p.starts_with("git+https://");
}

bool pinned(std::string_view p) {
  if (is_git_url(p)) return p.find('#') != std::string_view::npos;
  if (p.ends_with(".tar") || p.ends_with(".tar.gz") || p.ends_with(".tgz")) return true;
  if (p.starts_with("/") || p.starts_with("./") || p.starts_with("../") || p.starts_with("~/")) {
    return true;
  }
  // hadolint skips a scope by dropping the leading run of characters above '/' in ASCII: the
  // `@` of `@org/pkg` and what follows it up to the `/`, or up to an earlier `-`, `.` or other
  // character below '/'.
  if (p.starts_with('@')) {
    size_t i = 0;
    while (i < p.size() && static_cast<unsigned char>(p[i]) > '/') ++i;
    p.remove_prefix(i);
  }
  return p.find('@') != std::string_view::npos;
}

class NpmUnpinnedPackage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command* cmd : lang_pm::visible_commands(*script)) {
      if (!cmd->is("npm")) continue;
      const pkg::HadolintArgs args(*cmd);
      if (!args.has_arg("install")) continue;
      const std::vector<uint32_t> words = lang_pm::args_without_flags(args, kValueOptions);
      if (words.empty() || args.text(words.front()) != "install") continue;  // `npm run install`
      for (uint32_t i : lang_pm::after_install(args, words)) {
        if (pinned(args.text(i))) continue;
        const shell::Word& w = cmd->argv[i];
        std::string message;
        if (!w.is_literal()) {
          message = fmt::format("package '{}' is not pinned to a version", w.text);
        } else if (is_git_url(w.text)) {
          message = fmt::format(
              "package '{}' is not pinned to a commit; add '#<commit-or-tag>' "
              "to the URL",
              w.text);
        } else {
          message = fmt::format("package '{0}' is not pinned; write '{0}@<version>'", w.text);
        }
        out.report(w.range, std::move(message));
      }
    }
  }
};

}  // namespace

const Rule& npm_unpinned_package() {
  static const NpmUnpinnedPackage rule;
  return rule;
}

}  // namespace dfopt::rules
