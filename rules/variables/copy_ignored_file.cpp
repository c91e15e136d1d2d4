#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "dfopt/rule.h"
#include "rules/variables/dockerignore.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"CopyIgnoredFile"};

constexpr RuleInfo kInfo{
    .id = "DF808",
    .name = "copy-ignored-file",
    .category = Category::variables,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`COPY`/`ADD` source excluded by .dockerignore",
    .docs = R"md(## What it does
Flags a `COPY` or `ADD` source from the build context that the `.dockerignore` file excludes
(the source itself, or one of its parent directories). The ignore file is the one BuildKit
would use for a build whose context is the Dockerfile's directory: `<Dockerfile>.dockerignore`
(e.g. `app.Dockerfile.dockerignore`) beside the Dockerfile, else `.dockerignore` there. The rule
is inactive when there is no such file, or when it has `!` exclusions (as in BuildKit, since a
re-included file inside an excluded directory cannot be told apart statically).

Sources are expanded and cleaned (`./a/../b` is `b`) and matched with Docker's pattern rules:
`*` and `?` within one path segment, `**` across segments, `[a-z]` classes, `\` escapes, and a
leading `/` ignored. `COPY --from`, URLs, Git sources and heredocs are not from the context and
are not checked.

## Why is this bad?
An excluded file is not sent to the builder, so the instruction fails ("not found") or, with a
wildcard or a directory, silently copies less than it says.

## Example
With a `.dockerignore` containing `*.md`:
```dockerfile
FROM alpine:3.20
COPY README.md /docs/
```

## Use instead
```dockerfile
FROM alpine:3.20
COPY docs/ /docs/
```

## References
- BuildKit `CopyIgnoredFile`: the same check. BuildKit reads the ignore file of the actual build
  context, which may be another directory than the Dockerfile's; dfopt assumes the Dockerfile's
  directory.
- https://docs.docker.com/reference/build-checks/copy-ignored-file/
)md",
};

struct State : RuleState {
  dockerignore::Matcher matcher;
  std::string file_name;  // for messages
};

std::optional<std::string> read_file(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool is_remote(std::string_view src) {
  return src.find("://") != std::string_view::npos || src.starts_with("git@");
}

class CopyIgnoredFile final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::copy) | kind_bit(ast::InstrKind::add);
  }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    const std::string& path = file.source.path();
    if (path.empty() || path == "-") return nullptr;
    const std::filesystem::path df(path);
    const std::filesystem::path dir = df.parent_path();
    for (const std::filesystem::path& candidate :
         {dir / (df.filename().string() + ".dockerignore"), dir / ".dockerignore"}) {
      std::optional<std::string> text = read_file(candidate);
      if (!text) continue;
      std::optional<dockerignore::Matcher> m = dockerignore::Matcher::parse(*text);
      if (!m || m->empty() || m->has_exclusions()) return nullptr;
      auto state = std::make_unique<State>();
      state->matcher = std::move(*m);
      state->file_name = candidate.filename().string();
      return state;
    }
    return nullptr;
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (!state || ref.stage == model::npos) return;
    const auto& st = static_cast<const State&>(*state);
    const ast::Instruction& ins = ref.instr;
    if (ins.flag("from")) return;  // not the build context
    if (ins.args.size() < 2) return;
    for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
      const ast::Word& w = ins.args[i];
      bool heredoc = false;
      for (const ast::Heredoc& h : ins.heredocs)
        heredoc = heredoc || h.opener.begin == w.range.begin;
      if (heredoc) continue;
      const std::string src = file.model.expand(ref.index, w.value).value;
      if (src.empty() || is_remote(src)) continue;
      const std::string cleaned = dockerignore::clean(src);
      if (!st.matcher.matches_or_parent_matches(cleaned)) continue;
      out.report(w.range, fmt::format("{} source '{}' is excluded by {}",
                                      ins.kind == ast::InstrKind::add ? "`ADD`" : "`COPY`", cleaned,
                                      st.file_name));
    }
  }
};

}  // namespace

const Rule& copy_ignored_file() {
  static const CopyIgnoredFile rule;
  return rule;
}

}  // namespace dfopt::rules
