#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/common/hadolint_shell.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3047"};

constexpr RuleInfo kInfo{
    .id = "DF724",
    .name = "wget-without-progress",
    .category = Category::style,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`wget` without a progress option in `RUN`",
    .docs = R"md(## What it does
Flags a `wget` command in a `RUN` (including one inside `ONBUILD`) that has none of
`--progress`, `-q`/`--quiet`, `-nv`/`--no-verbose`, `-o`/`--output-file` or
`-a`/`--append-output`. Short options may be grouped (`-qO-` has `-q`). Commands are found after
`&&`, `||` or `;`, in pipelines, subshells, `$(...)` and the body of `RUN <<EOF`, but not inside
`sh -c "..."` strings. The name is read as hadolint reads it: the literal first word, or the word
after `busybox`, `builtin`, `command` or `exec` (`/usr/bin/wget` is not matched).

## Why is this bad?
Without a terminal, GNU wget falls back to its "dot" progress display: one dot per kilobyte, a
new line every 50 KB. A 100 MB download writes some 2,000 lines into the build log, which buries
the output that matters and slows down CI log viewers.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends wget \
    && wget https://example.com/tool.tar.gz
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends wget \
    && wget --progress=dot:giga https://example.com/tool.tar.gz
```
`--progress=dot:giga` prints a dot per 1 MB; `-nv` prints one line per file.

## Fix safety
The fix inserts `--progress=dot:giga` after `wget`. It is safe when the `wget` is GNU wget: the
stage (or a stage it is built from) installs the `wget` package with `apt-get`, `apt`, `apk`,
`yum`, `dnf`, `microdnf` or `zypper` before the command, or it starts from an official
glibc-based image (`debian`, `ubuntu`, `buildpack-deps`, `fedora`, the Debian-based `python`,
`node`, `golang`... whose tag does not mention `alpine`). Otherwise it is unsafe: BusyBox wget,
the `wget` of Alpine and BusyBox images, rejects `--progress` and the build would fail. No fix is
offered when `wget` is not written literally in place (it is split by a line continuation, say).

## References
- hadolint DL3047: the same check.
- https://www.gnu.org/software/wget/manual/wget.html#Download-Options
)md",
};

struct State final : RuleState {
  std::vector<uint8_t> installs_wget;  // per stage: a RUN so far installs the wget package
};

/// Official images built on a glibc distribution (in their variants not named after Alpine).
constexpr std::string_view kGlibcImages[] = {
    "debian",     "ubuntu",    "buildpack-deps",  "fedora",      "centos",
    "rockylinux", "almalinux", "amazonlinux",     "oraclelinux", "archlinux",
    "python",     "node",      "golang",          "ruby",        "php",
    "perl",       "openjdk",   "eclipse-temurin", "maven",       "gradle",
    "rust",       "gcc",       "julia",           "r-base",      "erlang",
    "elixir",     "haskell",   "swift",           "clojure"};

/// The stage's image chain starts from an official image whose `wget`, when it has one, is GNU
/// wget: a glibc distribution, or a language image built on one (the variants whose tag does not
/// name Alpine or BusyBox).
bool glibc_base(const model::Model& model, uint32_t stage) {
  const auto stages = model.stages();
  for (size_t guard = 0; guard < stages.size() && stages[stage].base_kind == model::BaseKind::stage;
       ++guard) {
    stage = stages[stage].parent;
    if (stage >= stages.size()) return false;
  }
  const model::ImageRef& image = stages[stage].base;
  if (stages[stage].base_kind != model::BaseKind::image || !image.is_official() ||
      image.unresolved) {
    return false;
  }
  for (std::string_view musl : {"alpine", "busybox", "musl"}) {
    if (image.tag.find(musl) != std::string::npos) return false;
  }
  const std::string_view name = std::string_view(image.repository).substr(sizeof("library/") - 1);
  return std::find(std::begin(kGlibcImages), std::end(kGlibcImages), name) !=
         std::end(kGlibcImages);
}

/// `word` names the wget package, possibly pinned: `wget`, `wget=1.21-1`, `wget-1.21`.
bool is_wget_package(std::string_view word) {
  if (!word.starts_with("wget")) return false;
  const std::string_view rest = word.substr(4);
  return rest.empty() || rest.front() == '=' ||
         (rest.size() > 1 && rest.front() == '-' && rest[1] >= '0' && rest[1] <= '9');
}

/// `cmd` installs the wget package with a distribution's package manager.
bool installs_wget(const shell::Command& cmd) {
  const std::string_view name = cmd.name();
  const bool install =
      sh::one_of(name, {"apt-get", "apt", "aptitude", "yum", "dnf", "microdnf", "tdnf", "zypper"});
  if (!install && name != "apk") return false;
  bool verb = false;
  bool package = false;
  for (const shell::Word& w : cmd.args()) {
    verb = verb || (install ? w.text == "install" || (name == "zypper" && w.text == "in")
                            : w.text == "add");
    package = package || is_wget_package(w.text);
  }
  return verb && package;
}

class WgetWithoutProgress final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto st = std::make_unique<State>();
    st->installs_wget.assign(file.model.stages().size(), 0);
    return st;
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    const bool in_stage = ref.stage != model::npos && ref.stage < st.installs_wget.size();
    bool gnu = !ref.in_onbuild && in_stage &&
               (glibc_base(file.model, ref.stage) || installed_before(file.model, st, ref.stage));
    // Commands come in source order, so an install earlier in this RUN counts for what follows.
    size_t next = 0;
    const auto& all = script->commands;
    for (const hadolint::PresentCommand& p : hadolint::present_commands(*script)) {
      const shell::Command* c = p.cmd;
      for (; next < all.size() && &all[next] < c; ++next) {
        if (!ref.in_onbuild && installs_wget(all[next])) gnu = true;
      }
      if (!p.is("wget")) continue;
      const pkg::HadolintArgs args(*c);
      if (args.has_flag("progress") ||
          args.has_any_flag(
              {"q", "quiet", "o", "output-file", "a", "append-output", "no-verbose"}) ||
          args.has_arg("-nv")) {
        continue;
      }
      std::optional<Fix> fix;
      const shell::Word& name = p.word();
      if (file.source.slice(name.range) == "wget" ||
          (c->origin == shell::Origin::exec_form && file.source.slice(name.range) == "\"wget\"")) {
        if (std::optional<Edit> e =
                pkg::insert_option_after(file.source, *c, name, "--progress=dot:giga")) {
          Fix f;
          f.title = "Add `--progress=dot:giga` to `wget`";
          f.applicability = gnu ? Applicability::safe : Applicability::unsafe;
          f.edits.push_back(std::move(*e));
          fix = std::move(f);
        }
      }
      out.report(name.range,
                 "`wget` writes a progress line per 50 KB to the build log; add "
                 "`--progress=dot:giga` (or `-nv`)",
                 std::move(fix));
    }
    if (!ref.in_onbuild && in_stage) {
      for (const shell::Command& c : all) {
        if (installs_wget(c)) st.installs_wget[ref.stage] = 1;
      }
    }
  }

 private:
  /// The stage, or a stage it is built FROM in this file, installed wget in an earlier RUN.
  static bool installed_before(const model::Model& model, const State& st, uint32_t stage) {
    for (size_t guard = 0; stage != model::npos && guard < st.installs_wget.size(); ++guard) {
      if (st.installs_wget[stage]) return true;
      const model::Stage& s = model.stage(stage);
      stage = s.base_kind == model::BaseKind::stage ? s.parent : model::npos;
    }
    return false;
  }
};

}  // namespace

const Rule& wget_without_progress() {
  static const WgetWithoutProgress rule;
  return rule;
}

}  // namespace dfopt::rules
