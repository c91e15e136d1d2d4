#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

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
re-included file inside an excluded directory cannot be told apart statically). Like a build,
one run reads each ignore file once, when a Dockerfile first needs it.

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

/// A parsed ignore file; std::nullopt when it is malformed.
struct IgnoreFile {
  std::optional<dockerignore::Matcher> matcher;
};

/// Ignore files by path, shared by every worker thread and kept for the whole run, absent ones
/// included: most Dockerfiles of a tree share theirs, and looking it up once per Dockerfile (two
/// file-system calls, then reading and parsing it) would dominate this rule's cost. A run sees
/// each ignore file as it was when first needed, as a build reads it once.
class IgnoreFileCache {
 public:
  /// The file at `path`, or nullptr when it is not a readable regular file.
  std::shared_ptr<const IgnoreFile> get(const std::string& path) {
    {
      const std::lock_guard<std::mutex> lock(mu_);
      const auto it = files_.find(path);
      if (it != files_.end()) return it->second;
    }
    std::shared_ptr<const IgnoreFile> file = read(path);
    const std::lock_guard<std::mutex> lock(mu_);
    return files_.emplace(path, std::move(file)).first->second;  // another thread's read wins
  }

 private:
  static std::shared_ptr<const IgnoreFile> read(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return nullptr;
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto file = std::make_shared<IgnoreFile>();
    file->matcher = dockerignore::Matcher::parse(text);
    return file;
  }

  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const IgnoreFile>> files_;
};

IgnoreFileCache& ignore_files() {
  static IgnoreFileCache cache;
  return cache;
}

/// Per file. The ignore file is looked up at the first instruction that copies from the build
/// context, so that a Dockerfile without one costs no file-system call.
struct State : RuleState {
  bool resolved = false;
  std::shared_ptr<const IgnoreFile> file;
  const dockerignore::Matcher* matcher = nullptr;  // in `file`; null: nothing to check
  std::string file_name;                           // for messages

  void resolve(const std::string& path) {
    resolved = true;
    // `<Dockerfile>.dockerignore` beside the Dockerfile, else `.dockerignore` in its directory.
    const size_t slash = path.rfind('/');
    const size_t dir_size = slash == std::string::npos ? 0 : slash + 1;
    std::string candidate = path + ".dockerignore";
    for (int i = 0; i < 2; ++i) {
      if (i == 1) candidate.replace(dir_size, std::string::npos, ".dockerignore");
      std::shared_ptr<const IgnoreFile> ignore = ignore_files().get(candidate);
      if (!ignore) continue;
      const std::optional<dockerignore::Matcher>& m = ignore->matcher;
      if (!m || m->empty() || m->has_exclusions()) return;
      matcher = &*m;
      file = std::move(ignore);
      file_name = candidate.substr(dir_size);
      return;
    }
  }
};

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
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (!state || ref.stage == model::npos) return;
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    if (ins.flag("from")) return;  // not the build context
    if (ins.args.size() < 2) return;
    if (!st.resolved) st.resolve(file.source.path());
    if (!st.matcher) return;
    for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
      const ast::Word& w = ins.args[i];
      bool heredoc = false;
      for (const ast::Heredoc& h : ins.heredocs)
        heredoc = heredoc || h.opener.begin == w.range.begin;
      if (heredoc) continue;
      const std::string src = file.model.expand(ref.index, w.value).value;
      if (src.empty() || is_remote(src)) continue;
      const std::string cleaned = dockerignore::clean(src);
      if (!st.matcher->matches_or_parent_matches(cleaned)) continue;
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
