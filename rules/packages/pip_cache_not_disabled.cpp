#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/lang_pm.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3042"};

constexpr RuleInfo kInfo{
    .id = "DF641",
    .name = "pip-cache-not-disabled",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "`pip install` without `--no-cache-dir`",
    .docs = R"md(## What it does
Flags each `pip install` that does not pass `--no-cache-dir`, unless the cache is disabled or
kept out of the image in another way:
- `PIP_NO_CACHE_DIR` is set by `ENV` in the stage or in the stage it is built `FROM`, to `1`,
  `true`, `on` or `yes` (in lower, capitalised or upper case, written without variables);
- the `RUN` text sets `PIP_NO_CACHE_DIR=` to one of those values (`PIP_NO_CACHE_DIR=1 pip
  install ...`, `export PIP_NO_CACHE_DIR=1 && ...`);
- the `RUN` has a `--mount=type=cache` or `type=tmpfs` whose target contains `.cache/pip`.

A command is a `pip install` when its name starts with `pip` (not `pipenv` or `pipx`) and
`install` is one of its arguments, or when its name starts with `python` and its arguments
contain `-m pip install`. The command name is the literal first word, as hadolint reads it.

`RUN` instructions inside `ONBUILD` are checked too; for them only an `ONBUILD ENV` earlier in
the file counts, as the instructions of the stage are not those of the image the trigger runs in.

## Why is this bad?
pip keeps every downloaded archive and built wheel in `~/.cache/pip`. In an image build that
cache is never used again, but it is written to the layer and ships with the image, often adding
tens or hundreds of megabytes.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install flask==3.0.3
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
```
Or keep the cache out of the layer and reuse it across builds:
```dockerfile
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3
```

## Fix safety
The fix inserts `--no-cache-dir` right after the `install` word (as a new element of an
exec-form `RUN`). It is safe: pip installs the same packages, it only stops writing its cache.

## References
- hadolint DL3042: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell. It reads the `ENV` in effect at the `RUN`,
  so a later `ENV PIP_NO_CACHE_DIR=0` turns the check back on, and an unnamed stage inherits
  nothing from an earlier stage that uses the same base image.
- https://pip.pypa.io/en/stable/topics/caching/
)md",
};

constexpr std::string_view kVariable = "PIP_NO_CACHE_DIR";

struct State final : RuleState {
  /// An `ONBUILD ENV` seen so far set PIP_NO_CACHE_DIR to a truthy value.
  bool onbuild_no_cache = false;
};

// hadolint compares the ENV value as written (quotes removed) and never expands it.
bool truthy_env_value(const FileContext& file, uint32_t instr, const ast::Word& raw) {
  if (raw.value.find('$') != std::string::npos) return false;
  return lang_pm::is_truthy(file.model.expand(instr, raw.value).value);
}

// `PIP_NO_CACHE_DIR=<truthy>` anywhere in the RUN text (hadolint reads the first occurrence).
bool set_in_text(const ast::Instruction& run) {
  auto check = [](std::string_view text) -> std::optional<bool> {
    const size_t at = text.find("PIP_NO_CACHE_DIR=");
    if (at == std::string_view::npos) return std::nullopt;
    return lang_pm::starts_truthy(text.substr(at + kVariable.size() + 1));
  };
  if (auto r = check(run.args_text.value)) return *r;
  for (const ast::Heredoc& h : run.heredocs) {
    if (auto r = check(h.content)) return *r;
  }
  return false;
}

// The env var is set to a truthy value by the ENV in effect at the RUN.
bool set_by_env(const FileContext& file, uint32_t instr) {
  const model::VarValue v = file.model.lookup(instr, kVariable);
  if (!v.is_set() || v.source != model::VarSource::env || v.decl == model::npos) return false;
  const model::Declaration& d = file.model.declarations()[v.decl];
  const auto& pairs = file.ast.instructions[d.instr].pairs;
  if (d.pair >= pairs.size() || !pairs[d.pair].value) return false;
  if (pairs[d.pair].value->value.find('$') != std::string::npos) return false;
  return lang_pm::is_truthy(v.value);
}

// pipx and pipenv manage their own environments and have no `--no-cache-dir`.
bool is_wrapper(const shell::Command& cmd, const pkg::HadolintArgs& args) {
  const std::string_view name = cmd.name();
  for (std::string_view w : {std::string_view("pipx"), std::string_view("pipenv")}) {
    if (name.find(w) != std::string_view::npos) return true;
    if (!name.starts_with("python")) continue;
    for (uint32_t i = 1; i + 1 < args.size(); ++i) {
      if (args.text(i) == "-m" && args.text(i + 1) == w) return true;
    }
  }
  return false;
}

class PipCacheNotDisabled final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun | kind_bit(ast::InstrKind::env); }
  bool wants_onbuild() const override { return true; }

  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    if (ref.instr.kind == ast::InstrKind::env) {
      // Top-level ENVs are read through the model at each RUN; an ONBUILD ENV only matters to
      // the ONBUILD RUNs after it (hadolint's ONBUILD pass sees nothing else).
      if (!ref.in_onbuild || st.onbuild_no_cache) return;
      for (const ast::KeyValue& p : ref.instr.pairs) {
        if (p.key.value != kVariable) continue;
        st.onbuild_no_cache = p.value && truthy_env_value(file, ref.index, *p.value);
        break;
      }
      return;
    }
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    if (ref.in_onbuild ? st.onbuild_no_cache : set_by_env(file, ref.index)) return;
    if (set_in_text(ref.instr) || lang_pm::has_cache_mount(file, ref, ".cache/pip")) return;
    for (const shell::Command* cmd : lang_pm::visible_commands(*script)) {
      if (!cmd->name().starts_with("p")) continue;  // cheap filter before reading the arguments
      const pkg::HadolintArgs args(*cmd);
      const uint32_t install = lang_pm::pip_install_word(*cmd, args);
      if (install == shell::npos || args.has_arg("--no-cache-dir") || is_wrapper(*cmd, args)) {
        continue;
      }
      const shell::Word& word = cmd->argv[install];
      std::optional<Fix> fix;
      if (auto edit = pkg::insert_option_after(file.source, *cmd, word, "--no-cache-dir")) {
        fix = Fix{"Add `--no-cache-dir`", {*edit}, Applicability::safe};
      }
      out.report(pkg::command_through(*cmd, word),
                 "`pip install` leaves its cache in the image; add `--no-cache-dir`",
                 std::move(fix));
    }
  }
};

}  // namespace

const Rule& pip_cache_not_disabled() {
  static const PipCacheNotDisabled rule;
  return rule;
}

}  // namespace dfopt::rules
