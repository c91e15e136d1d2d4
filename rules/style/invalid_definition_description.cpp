#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"InvalidDefinitionDescription"};

constexpr RuleInfo kInfo{
    .id = "DF727",
    .name = "invalid-definition-description",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = false,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "comment above `FROM ... AS` or `ARG` does not start with the name it describes",
    .docs = R"md(## What it does
Checks the comment right above a named `FROM ... AS <stage>` or an `ARG`: its last line must
start with the stage name (lower-cased, as BuildKit stores it) or with one of the `ARG`'s names,
followed by a space or the end of the line. The comment block is the run of comment lines since
the previous instruction; blank lines do not end it, an empty `#` line does (it starts a new
block). Instructions inside `ONBUILD` are not checked.

Off by default, as BuildKit's experimental checks are. A `# check=experimental=...` directive
naming `InvalidDefinitionDescription` (or `all`) turns it on for that file, as it does for
BuildKit.

## Why is this bad?
`docker buildx build --call=outline` and `--call=targets` show that comment as the description of
the stage or build argument. A comment that is not meant as a description ends up in those
listings, and a description that does not name its subject is ambiguous.

## Example
```dockerfile
# compile the sources
FROM golang:1.22 AS build
# the version to embed
ARG VERSION=dev
```

## Use instead
```dockerfile
# build compiles the sources
FROM golang:1.22 AS build
# VERSION is the version to embed
ARG VERSION=dev
```

Or, for a comment that is no description, end the comment block with an empty `#` line:
```dockerfile
# a note about the next lines
#
FROM golang:1.22 AS build
```

## References
- BuildKit `InvalidDefinitionDescription` (experimental): the same check. BuildKit's
  documentation says an empty line also separates a comment from the instruction, but its parser
  keeps the comment across blank lines, and so does this rule.
- https://docs.docker.com/reference/build-checks/invalid-definition-description/
- https://docs.docker.com/reference/cli/docker/buildx/build/#descriptions
)md",
};

/// The comment line PrevComment's last entry came from: the last top-level comment before
/// `instr`. nullptr when there is none (the caller then reports the instruction).
const ast::Comment* last_comment_before(const ast::Dockerfile& ast, const ast::Instruction& ins) {
  const auto& cs = ast.comments;
  auto it = std::lower_bound(cs.begin(), cs.end(), ins.range.begin,
                             [](const ast::Comment& c, uint32_t at) { return c.range.begin < at; });
  if (it == cs.begin()) return nullptr;
  --it;
  return it->inside_instruction ? nullptr : &*it;
}

class InvalidDefinitionDescription final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::from) | kind_bit(ast::InstrKind::arg);
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    if (ins.prev_comment.empty()) return;
    // BuildKit compares the text up to the first space of the last comment line.
    const std::string_view last = ins.prev_comment.back();
    const std::string_view first = last.substr(0, last.find(' '));
    std::string message;
    if (ins.kind == ast::InstrKind::from) {
      if (!ins.from_name || ref.stage == model::npos) return;
      const model::Stage& stage = file.model.stage(ref.stage);
      // An invalid name is a parse error in BuildKit, before any check runs.
      if (stage.name.empty() || !stage.name_valid) return;
      if (first == stage.name) return;
      message =
          fmt::format("comment for stage '{}' should start with its name: `# {} <description>`",
                      stage.name, stage.name);
    } else {
      if (ins.pairs.empty()) return;
      for (const ast::KeyValue& kv : ins.pairs) {
        if (kv.key.value == first) return;
      }
      if (ins.pairs.size() == 1) {
        const std::string& key = ins.pairs[0].key.value;
        message = fmt::format(
            "comment for ARG '{}' should start with its name: `# {} <description>`", key, key);
      } else {
        message =
            "comment for ARG should start with the name of one of its arguments: "
            "`# <arg_key> <description>`";
      }
    }
    const ast::Comment* c = last_comment_before(file.ast, ins);
    out.report(c ? c->range : ins.keyword.range, std::move(message));
  }
};

}  // namespace

const Rule& invalid_definition_description() {
  static const InvalidDefinitionDescription rule;
  return rule;
}

}  // namespace dfopt::rules
