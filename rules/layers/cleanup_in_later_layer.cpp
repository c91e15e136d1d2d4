#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/layers/layer_paths.h"
#include "rules/stages/npm_util.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF114",
    .name = "cleanup-in-later-layer",
    .category = Category::layers,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "`rm` of files that an earlier layer of the image added",
    .docs = R"md(## What it does
Flags `rm` in a `RUN` when a path it removes was added by an earlier instruction of the same
stage, and the stage's layers end up in the built image (it is the target stage or one it is
built `FROM`). Paths are resolved against `WORKDIR`, and a trailing `/*` removes the directory's
contents. An earlier instruction added the path when:
- a `COPY` or `ADD` wrote it (`COPY . .` writes anything below its destination; `COPY a.txt /d/`
  writes `/d/a.txt`; `COPY --from` counts too);
- an `npm ci`/`npm install` created `node_modules` in its working directory;
- `apt-get update` filled `/var/lib/apt/lists`, or `apt-get install` filled `/var/cache/apt`;
- `curl -o FILE` or `wget -O FILE` downloaded `FILE`.

What the same `RUN` removes again is not taken as added, and an `rm` is not flagged when
commands before it in the same `RUN` re-created the path (`apt-get update && ... && rm -rf
/var/lib/apt/lists/*` cleans up its own update).

## Why is this bad?
Layers only add: a file deleted in a later layer is hidden, but its bytes stay in the earlier
layer and in every pull of the image. The removal costs a step and saves nothing. Remove files in
the `RUN` that creates them, or build in a separate stage and copy only what is needed into a
clean runtime stage.

## Example
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
RUN rm -rf node_modules && npm ci --omit=dev
```

## Use instead
```dockerfile
FROM node:20-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
```

## References
- No peer linter has this check. hadolint DL3009 asks for the apt lists to be removed, in the
  same `RUN` (it does not look across layers).
- https://docs.docker.com/build/building/best-practices/#apt-get
)md",
};

/// A path an earlier instruction added.
struct Added {
  std::string path;
  uint32_t line = 0;
  std::string how;  // "COPY", "npm ci"...
  uint32_t pos = 0;  // for a RUN: where the command that adds it starts
};

/// Paths remembered per stage, at most.
constexpr size_t kMaxAdded = 512;

struct State final : RuleState {
  uint32_t stage = model::npos;
  bool ships = false;
  std::vector<Added> added;
};

/// The stage's layers are in the built image: the target stage or one of its FROM ancestors.
bool stage_ships(const model::Model& model, uint32_t stage) {
  for (uint32_t s = model.target_stage(); s != model::npos; s = model.stage(s).parent) {
    if (s == stage) return true;
    if (model.stage(s).base_kind != model::BaseKind::stage) break;
  }
  return false;
}

std::string_view basename(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  const size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

void record_copy(const FileContext& file, uint32_t index, const ast::Instruction& ins,
                 uint32_t line, State& st) {
  if (ins.args.size() < 2 || !ins.heredocs.empty()) return;
  const std::string dest = layers::copy_destination(file.model, index, ins);
  if (dest.empty()) return;
  const std::string_view written = ins.args.back().value;
  const bool into_dir = ins.args.size() > 2 || written.ends_with('/') || written == "." ||
                        written.ends_with("/.");
  const std::string how(ast::keyword_name(ins.kind));
  for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
    const std::string_view src = ins.args[i].value;
    if (src.find("://") != std::string_view::npos) continue;
    const std::string_view base = basename(src);
    if (!into_dir) {
      st.added.push_back({dest, line, how});
    } else if (base == "." || base == "/" || base.find_first_of("*?[") != std::string_view::npos) {
      // Contents of the context (or a glob) into dest: anything below it may come from there,
      // except below `/`, which would claim every path of the image.
      if (dest != "/") st.added.push_back({dest, line, how});
    } else {
      st.added.push_back({layers::resolve_path(dest, base), line, how});
    }
  }
}

/// What the commands of a RUN add, each with its command's position.
std::vector<Added> run_adds(const FileContext& file, uint32_t index, const shell::Script& script,
                            uint32_t line) {
  std::vector<Added> out;
  const std::string_view workdir = file.model.workdir_at(index);
  for (const shell::Command& cmd : script.commands) {
    if (cmd.in_function) continue;
    if (const uint32_t sub = npm::install_word(cmd); sub != 0) {
      out.push_back({layers::resolve_path(workdir, "node_modules"), line,
                     fmt::format("npm {}", cmd.argv[sub].text), cmd.range.begin});
    } else if (cmd.is("apt-get") || cmd.is("apt")) {
      const std::string_view sub = shell::subcommand(cmd);
      if (sub == "update") {
        out.push_back({"/var/lib/apt/lists", line, fmt::format("{} update", cmd.name()),
                       cmd.range.begin});
      } else if (sub == "install") {
        out.push_back({"/var/cache/apt", line, fmt::format("{} install", cmd.name()),
                       cmd.range.begin});
      }
    } else if (cmd.is("curl") || cmd.is("wget")) {
      static constexpr std::string_view kCurlValues[] = {"o", "output"};
      static constexpr std::string_view kWgetValues[] = {"O", "output-document"};
      const bool curl = cmd.is("curl");
      const shell::Options opts = shell::parse_options(
          cmd, {.with_value = curl ? std::span<const std::string_view>(kCurlValues)
                                   : std::span<const std::string_view>(kWgetValues)});
      const shell::Option* o = opts.find(curl ? "o" : "O");
      if (!o) o = opts.find(curl ? "output" : "output-document");
      if (o && o->has_value && o->value != "-" &&
          o->value.find('$') == std::string_view::npos) {
        out.push_back({layers::resolve_path(workdir, o->value), line, std::string(cmd.name()),
                       cmd.range.begin});
      }
    }
  }
  return out;
}

class CleanupInLaterLayer final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return sh::kRun | kind_bit(ast::InstrKind::copy) | kind_bit(ast::InstrKind::add);
  }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (ref.in_onbuild || ref.stage == model::npos) return;
    auto& st = static_cast<State&>(*state);
    if (st.stage != ref.stage) {
      st.stage = ref.stage;
      st.ships = stage_ships(file.model, ref.stage);
      st.added.clear();
    }
    if (!st.ships) return;
    const uint32_t line = file.source.position(ref.instr.range.begin).line;
    if (!ref.instr.is(ast::InstrKind::run)) {
      if (st.added.size() < kMaxAdded) record_copy(file, ref.index, ref.instr, line, st);
      return;
    }
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    const std::string_view workdir = file.model.workdir_at(ref.index);
    std::vector<Added> here = run_adds(file, ref.index, *script, line);
    // Removed by this RUN (with the `rm`'s position): what it added before never reaches a layer.
    std::vector<std::pair<uint32_t, std::string>> removed;
    for (const shell::Command& cmd : script->commands) {
      if (!cmd.is("rm") || cmd.in_function) continue;
      for (const shell::Word* w : shell::args_without_options(cmd)) {
        if (!w->is_literal()) continue;
        std::string_view text = w->text;
        if (text.ends_with("/*")) text.remove_suffix(2);
        if (text.empty() || text.find_first_of("*?[") != std::string_view::npos) continue;
        std::string path = layers::resolve_path(workdir, text);
        // `apt-get update && ... && rm -rf /var/lib/apt/lists/*` cleans up its own files too.
        const bool own = std::any_of(here.begin(), here.end(), [&](const Added& h) {
          return h.pos < cmd.range.begin && layers::is_within(path, h.path);
        });
        for (const Added& a : st.added) {
          if (own) break;
          if (!layers::is_within(path, a.path)) continue;
          out.report(w->range,
                     fmt::format("removing '{}' cannot shrink the image: `{}` on line {} "
                                 "already stored it in an earlier layer",
                                 path, a.how, a.line));
          break;
        }
        removed.emplace_back(cmd.range.begin, std::move(path));
      }
    }
    // What this RUN removes again never reaches its layer. Bounded so that a file with
    // thousands of COPYs and `rm`s stays linear.
    for (Added& h : here) {
      if (st.added.size() >= kMaxAdded) break;
      const bool gone = std::any_of(removed.begin(), removed.end(), [&](const auto& r) {
        return r.first > h.pos && layers::is_within(h.path, r.second);
      });
      if (!gone) st.added.push_back(std::move(h));
    }
  }
};

}  // namespace

const Rule& cleanup_in_later_layer() {
  static const CleanupInLaterLayer rule;
  return rule;
}

}  // namespace dfopt::rules
