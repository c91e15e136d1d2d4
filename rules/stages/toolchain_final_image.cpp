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
    .id = "DF214",
    .name = "toolchain-final-image",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "the image the build produces is a compiler or SDK image that compiles in place",
    .docs = R"md(## What it does
Looks at the stage the build produces (the last stage, or the `--target`) and the stages it is
built `FROM`. When the base image at the root of that chain is a toolchain or SDK image and one of
those stages compiles the application, the rule reports the base image and names the build step:

| Base image | Build steps |
|---|---|
| `golang` | `go build`; `go install` of local packages (`.`, `./cmd/...`), not of tools (a package path, or after `go get` in the same `RUN`) |
| `rust` | `cargo build`, `cargo install --path` |
| `gcc` | `gcc`, `g++`, `cc`, `c++`, `clang`, `make`, `ninja`, `cmake --build` |
| `maven` | `mvn`/`mvnw` with `compile`, `package`, `verify`, `install` or `deploy` |
| `gradle` | `gradle`/`gradlew` with `build`, `assemble`, `jar`, `bootJar`, `shadowJar`, `war`, `installDist` |
| `eclipse-temurin`/`openjdk` JDK tags | `javac`, and the Maven and Gradle steps above |
| `mcr.microsoft.com/dotnet/sdk` | `dotnet build`, `dotnet publish` |

The message suggests the runtime image from dfopt's base-image knowledge base with both
approximate compressed sizes: `gcr.io/distroless/static-debian12` for Go, `gcr.io/distroless/cc`
for Rust and C/C++, an `eclipse-temurin` JRE for Java, `mcr.microsoft.com/dotnet/aspnet` (or
`runtime`) for .NET.

Not reported: a produced stage whose base is a runtime image (the usual multi-stage build), build
steps in other stages, commands inside `ONBUILD`, and images with `ONBUILD` triggers (they are
bases for other builds). `node`, `python` and `ruby` images are runtimes as well as toolchains and
are left to `full-base-image-variant` (DF511).

## Why is this bad?
The compiler, package caches, headers and sources ship in the image: it is often ten to a hundred
times larger than the program needs, slower to pull and start, and every tool in it is attack
surface (and noise in vulnerability scans). A builder stage compiles; the final stage copies only
the result onto a minimal runtime image.

## Example
```dockerfile
FROM golang:1.22
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /app .
CMD ["/app"]
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /app .

FROM gcr.io/distroless/static-debian12
COPY --from=build /app /app
CMD ["/app"]
```

## References
- hadolint, BuildKit, Trivy and Checkov have no equivalent check.
- https://docs.docker.com/build/building/multi-stage/
)md",
};

std::string_view base_name(std::string_view s) {
  const size_t slash = s.rfind('/');
  return slash == std::string_view::npos ? s : s.substr(slash + 1);
}

bool has_operand(const shell::Command& cmd, std::initializer_list<std::string_view> words) {
  for (const shell::Word& w : cmd.args()) {
    if (std::find(words.begin(), words.end(), w.text) != words.end()) return true;
  }
  return false;
}

bool is_maven_build(std::string_view prog, const shell::Command& cmd) {
  return (prog == "mvn" || prog == "mvnw") &&
         has_operand(cmd, {"compile", "package", "verify", "install", "deploy"});
}

bool is_gradle_build(std::string_view prog, const shell::Command& cmd) {
  return (prog == "gradle" || prog == "gradlew") &&
         has_operand(cmd, {"build", "assemble", "jar", "bootJar", "shadowJar", "war", "bootWar",
                           "installDist"});
}

// Whether `cmd` compiles the application with the toolchain of `family`.
bool is_build_step(std::string_view family, bool jdk, const shell::Command& cmd) {
  const std::string_view prog = base_name(cmd.name());
  const std::span<const shell::Word> args = cmd.args();
  const std::string_view sub = args.empty() ? std::string_view{} : args.front().text;
  if (family == "golang") {
    if (prog != "go") return false;
    if (sub == "build") return true;
    if (sub != "install") return false;
    // `go install .` or `./cmd/...` (or no package) builds the module; `go install tool@version`
    // or `go install github.com/x/tool` installs a tool.
    for (const shell::Word& w : args.subspan(1)) {
      if (w.text.starts_with('-')) continue;
      if (!w.text.starts_with('.') && !w.text.starts_with('/')) return false;
    }
    return true;
  }
  if (family == "rust") {
    return prog == "cargo" &&
           (sub == "build" || (sub == "install" && has_operand(cmd, {"--path"})));
  }
  if (family == "gcc") {
    if (prog == "gcc" || prog == "g++" || prog == "cc" || prog == "c++" || prog == "clang" ||
        prog == "clang++" || prog == "make" || prog == "ninja") {
      return true;
    }
    return prog == "cmake" && has_operand(cmd, {"--build"});
  }
  if (family == "maven") return is_maven_build(prog, cmd);
  if (family == "gradle") return is_gradle_build(prog, cmd);
  if (family == "eclipse-temurin" && jdk) {
    return prog == "javac" || is_maven_build(prog, cmd) || is_gradle_build(prog, cmd);
  }
  if (family == "dotnet-sdk") return prog == "dotnet" && (sub == "build" || sub == "publish");
  return false;
}

bool runs_go_get(const shell::Script& script) {
  for (const shell::Command& c : script.commands) {
    if (c.is("go") && !c.args().empty() && c.args().front().text == "get") return true;
  }
  return false;
}

struct Step {
  uint32_t instr = 0;
  std::string text;  // the command, shortened
};

class ToolchainFinalImage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const model::Model& m = file.model;
    const std::vector<uint32_t> chain = runtime::target_chain(m);
    if (chain.empty()) return;
    for (const uint32_t s : chain) {
      if (!m.stage(s).onbuild.empty()) return;  // a base image for other builds
    }
    const model::Stage& root = m.stage(chain.back());
    if (root.base_kind == model::BaseKind::stage || root.is_scratch() || root.base.unresolved) {
      return;
    }
    const kb::ImageFacts facts = kb::lookup(root.base);
    if (!facts) return;
    const kb::Family& family = *facts.family;
    const bool jdk = family.name == "eclipse-temurin" && facts.variant &&
                     facts.variant->name == "full" &&
                     root.base.tag.find("jre") == std::string::npos;
    if (!family.toolchain && !jdk) return;

    const std::optional<Step> step = find_step(file, chain, family.name, jdk);
    if (!step) return;

    std::string runtime = family.runtime_image;
    uint32_t low = family.runtime_low, high = family.runtime_high;
    if (jdk) {
      runtime = "an `eclipse-temurin` JRE tag";
      if (const kb::Variant* jre = kb::find_variant(family, "jre")) {
        low = jre->size_low;
        high = jre->size_high;
      }
    } else {
      runtime = fmt::format("`{}`", runtime);
    }
    std::string sizes;
    if (high != 0) {
      sizes = facts.variant && facts.variant->size_high != 0
                  ? fmt::format(" ({} instead of {})", kb::size_text(low, high),
                                kb::size_text(facts.variant->size_low, facts.variant->size_high))
                  : fmt::format(" ({})", kb::size_text(low, high));
    }
    const ast::Instruction& from = file.ast.instructions[root.from_instr];
    const TextRange at = from.from_image ? from.from_image->range : from.keyword.range;
    const uint32_t line =
        file.source.lines().line_of(file.ast.instructions[step->instr].range.begin);
    out.report(at, fmt::format("the final image is the toolchain image '{}' and compiles in "
                               "place (`{}` on line {}); compile in a builder stage and copy "
                               "the result onto {}{}",
                               root.base.expanded, step->text, line, runtime, sizes));
  }

 private:
  static std::optional<Step> find_step(const FileContext& file, const std::vector<uint32_t>& chain,
                                       std::string_view family, bool jdk) {
    const model::Model& m = file.model;
    // The earliest build step, walking from the root stage down to the target.
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const model::Stage& st = m.stage(*it);
      for (uint32_t i = st.body_begin(); i < st.end_instr; ++i) {
        if (!file.ast.instructions[i].is(ast::InstrKind::run)) continue;
        const shell::Script& script = file.script(i);
        // `go get` fetches a third-party package: a `go install` in the same RUN builds that tool.
        const bool go_get = family == "golang" && runs_go_get(script);
        for (const shell::Command& cmd : script.commands) {
          if (!is_build_step(family, jdk, cmd)) continue;
          if (go_get && !cmd.args().empty() && cmd.args()[0].text == "install") continue;
          Step step{i, std::string(cmd.name())};
          // The command and its first operand: `go build`, `./mvnw package`.
          for (const shell::Word& w : cmd.args()) {
            if (w.text.starts_with('-')) continue;
            if (w.text.size() <= 24) {
              step.text += ' ';
              step.text += w.text;
            }
            break;
          }
          return step;
        }
      }
    }
    return std::nullopt;
  }
};

}  // namespace

const Rule& toolchain_final_image() {
  static const ToolchainFinalImage rule;
  return rule;
}

}  // namespace dfopt::rules
