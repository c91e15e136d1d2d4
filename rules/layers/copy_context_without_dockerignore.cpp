#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/variables/dockerignore.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF115",
    .name = "copy-context-without-dockerignore",
    .category = Category::layers,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "`COPY .` of the whole build context without a .dockerignore that excludes `.git`",
    .docs = R"md(## What it does
Flags the first `COPY` or `ADD` (without `--from`) of the whole build context (a source of `.`)
when the Dockerfile's directory, taken as the build context, has no ignore file
(`<Dockerfile>.dockerignore`, else `.dockerignore`), or has one that does not exclude `.git`, or
does not exclude the folder a project's tools fill beside their manifest in that directory:
`node_modules` beside `package.json`, the build output `target` beside `Cargo.toml` or `pom.xml`,
and `build` beside `build.gradle` or `build.gradle.kts`. Files read from standard input are not
checked.

## Why is this bad?
Without an ignore file the whole directory is sent to the builder and copied into the layer: the
Git history, local `node_modules` (built for the host, possibly another platform), build output,
editor files and local secrets such as `.env`. The image grows, the layer cache breaks on every
commit, and files that should never ship are shipped.

## Example
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY . .
```
with no `.dockerignore` beside it.

## Use instead
The same Dockerfile with a `.dockerignore` such as:
```
.git
node_modules
dist
.env
```

## References
- No peer linter has this check; BuildKit's `CopyIgnoredFile` checks the opposite (a `COPY` of a
  file the ignore file excludes), and dfopt's copy-ignored-file (DF808) mirrors it.
- https://docs.docker.com/build/concepts/context/#dockerignore-files
)md",
};

struct State final : RuleState {
  bool done = false;
};

std::optional<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// What is wrong with the context of the Dockerfile at `path`; "" when nothing.
std::string context_problem(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  std::optional<std::string> text = read_file(path + ".dockerignore");
  std::string name = path.substr(dir.size()) + ".dockerignore";
  if (!text) {
    text = read_file(dir + ".dockerignore");
    name = ".dockerignore";
  }
  if (!text) {
    return "there is no .dockerignore beside the Dockerfile: `.git`, `node_modules` and build "
           "output go into the image";
  }
  const std::optional<dockerignore::Matcher> m = dockerignore::Matcher::parse(*text);
  if (!m) return {};  // malformed: BuildKit rejects it, which is another rule's business
  std::error_code ec;
  if (!m->matches_or_parent_matches(".git")) {
    return fmt::format("{} does not exclude `.git`", name);
  }
  // Folders that a project's own tools fill beside their manifest: dependencies installed for
  // the host, and build output.
  struct Generated {
    std::string_view manifest;
    std::string_view folder;
  };
  static constexpr Generated kGenerated[] = {
      {"package.json", "node_modules"}, {"Cargo.toml", "target"},   {"pom.xml", "target"},
      {"build.gradle", "build"},        {"build.gradle.kts", "build"},
  };
  for (const Generated& g : kGenerated) {
    if (std::filesystem::exists(dir + std::string(g.manifest), ec) &&
        !m->matches_or_parent_matches(g.folder)) {
      return fmt::format("{} does not exclude `{}` (beside `{}`)", name, g.folder, g.manifest);
    }
  }
  return {};
}

class CopyContextWithoutDockerignore final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::copy) | kind_bit(ast::InstrKind::add);
  }
  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    const std::string& path = file.source.path();
    if (path.empty() || path == "-") return nullptr;
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (!state || ref.in_onbuild || ref.stage == model::npos) return;
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    if (st.done || ins.flag("from") || ins.args.size() < 2 || !ins.heredocs.empty()) return;
    for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
      const std::string src = file.model.expand(ref.index, ins.args[i].value).value;
      if (dockerignore::clean(src) != ".") continue;
      st.done = true;
      const std::string problem = context_problem(file.source.path());
      if (problem.empty()) return;
      out.report(ins.args[i].range,
                 fmt::format("`{} .` copies the whole build context and {}",
                             ast::keyword_name(ins.kind), problem));
      return;
    }
  }
};

}  // namespace

const Rule& copy_context_without_dockerignore() {
  static const CopyContextWithoutDockerignore rule;
  return rule;
}

}  // namespace dfopt::rules
