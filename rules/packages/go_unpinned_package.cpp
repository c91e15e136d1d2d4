#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/lang_pm.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3062"};

constexpr RuleInfo kInfo{
    .id = "DF645",
    .name = "go-unpinned-package",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`go install`, `go get` or `go run` of a package without a pinned version",
    .docs = R"md(## What it does
Flags each package of a `go install`, `go get` or `go run` that is neither a local path nor
pinned to a version. A local path is `.` or starts with `.` or `/`; a pinned package has an
`@<version>` other than `@latest` and `@none` (`golang.org/x/tools/gopls@v0.16.2`).

The packages of `go install` and `go get` are their arguments that are not options, except
`install`, `get` and `tool` (the `tool` meta-package of Go 1.24). For `go run`, only the package
to run is checked (the first of its arguments that are not options), not the arguments given to
the program. When a `RUN` contains a `go run`, only its `go run` commands are checked, as hadolint
does. The command must be literally `go`, and `install`, `get` or `run` may be any of its
arguments. Options are read as hadolint reads them, without knowing which take a value: the
value of `-tags` or `-ldflags` written as a separate word is read as a package, while
`-tags=netgo` is one option. `RUN` instructions inside `ONBUILD` are checked too.

## Why is this bad?
Without a version (or with `@latest`), the Go command resolves the newest release of the module
on the day of the build. Two builds of the same Dockerfile can then produce different images,
and a release published between them can break the build with no change to the file.

## Example
```dockerfile
FROM golang:1.23
RUN go install golang.org/x/tools/gopls@latest
```

## Use instead
```dockerfile
FROM golang:1.23
RUN go install golang.org/x/tools/gopls@v0.16.2
```

## References
- hadolint DL3062: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell. Unlike hadolint, it does not take a `--`
  argument for a package.
- https://go.dev/ref/mod#go-install
)md",
};

bool pinned(std::string_view p) {
  if (p == "." || p.starts_with('/') || p.starts_with('.')) return true;  // a local path
  return p.find('@') != std::string_view::npos && !p.ends_with("@latest") && !p.ends_with("@none");
}

// The text of a word with blank runs collapsed, for a message.
std::string collapse_blanks(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!blank) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string message(const shell::Word& w) {
  const std::string_view t = w.text;
  // hadolint reads the value of an option written as a separate word (`-tags 'a b'`) as a
  // package; joined with `=` it is part of the option.
  if (t.find_first_of(" \t\n") != std::string_view::npos) {
    return fmt::format(
        "'{}' is read as a package and is not pinned; if it is an option's value, "
        "join it to the option with `=`",
        collapse_blanks(t));
  }
  if (!w.is_literal()) return fmt::format("package '{}' is not pinned to a version", t);
  if (sh::one_of(t, {"std", "cmd", "all"})) {
    return fmt::format("package pattern '{}' is not pinned to a version", t);
  }
  if (t.ends_with("@latest") || t.ends_with("@none")) {
    return fmt::format("package '{}' is not pinned; write '{}@<version>'", t,
                       t.substr(0, t.rfind('@')));
  }
  if (t.ends_with(".go")) return fmt::format("'{0}' is not read as a local file; write './{0}'", t);
  return fmt::format("package '{0}' is not pinned; write '{0}@<version>'", t);
}

struct Package {
  const shell::Word* word;
  std::string text;  ///< as hadolint reads it
};

class GoUnpinnedPackage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    std::vector<Package> run;      // the program each `go run` runs
    std::vector<Package> install;  // the packages of `go install` and `go get`
    for (const shell::Command* cmd : lang_pm::visible_commands(*script)) {
      if (!cmd->is("go")) continue;
      const pkg::HadolintArgs args(*cmd);
      const std::vector<uint32_t> words = lang_pm::args_without_flags(args, {});
      if (args.has_arg("run")) {
        // Of the arguments that are not options, the first two less `run`: what follows the
        // package is given to the program.
        for (size_t k = 0; k < words.size() && k < 2; ++k) {
          if (args.text(words[k]) != "run") {
            run.push_back({&cmd->argv[words[k]], std::string(args.text(words[k]))});
          }
        }
      }
      if (args.has_arg("install") || args.has_arg("get")) {
        for (uint32_t i : words) {
          if (!sh::one_of(args.text(i), {"install", "get", "tool"})) {
            install.push_back({&cmd->argv[i], std::string(args.text(i))});
          }
        }
      }
    }
    for (const Package& p : run.empty() ? install : run) {
      if (pinned(p.text)) continue;
      const shell::Word& w = *p.word;
      out.report(w.range, message(w));
    }
  }
};

}  // namespace

const Rule& go_unpinned_package() {
  static const GoUnpinnedPackage rule;
  return rule;
}

}  // namespace dfopt::rules
