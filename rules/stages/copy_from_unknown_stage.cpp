#include <fmt/format.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "dfopt/rule.h"
#include "rules/base/suggest.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3022"};

constexpr RuleInfo kInfo{
    .id = "DF201",
    .name = "copy-from-unknown-stage",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`COPY --from` names no previous stage",
    .docs = R"md(## What it does
Flags `COPY --from=<name>` where `<name>` is not the name of a stage defined so far (by a
`FROM ... AS <name>` at or above the `COPY`), is not a stage index below the number of `FROM`s so
far, and contains no `:` (so it is not an image reference with a tag).

## Why is this bad?
BuildKit resolves a `--from` value that names no stage as an image and pulls it. A typo in a stage
name (`--from=buidler`) therefore does not fail early: the build looks for an image called
`buidler` on Docker Hub, fails with a confusing registry error, or, worse, copies files out of
somebody else's image that happens to have that name. An image without a tag is as unpinned as an
untagged `FROM`.

## Example
```dockerfile
FROM golang:1.22 AS builder
RUN go build -o /app .

FROM alpine:3.20
COPY --from=buidler /app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS builder
RUN go build -o /app .

FROM alpine:3.20
COPY --from=builder /app /app
```
To copy from an image, name it with a tag (`COPY --from=nginx:1.27 /etc/nginx/nginx.conf /`).

## References
- hadolint DL3022: the same check. Like hadolint, names compare case-sensitively with the `AS`
  name as written (BuildKit itself ignores case), a value with a leading number counts as a stage
  index, and `COPY` inside `ONBUILD` is not checked (it refers to the stages of the child image's
  Dockerfile).
- https://docs.docker.com/build/building/multi-stage/
)md",
};

struct State final : RuleState {
  std::vector<std::string_view> names;  // `AS` names so far, as written (views into the AST)
  std::unordered_set<std::string_view> name_set;
  uint64_t from_count = 0;
};

// hadolint reads the value with Data.Text.Read.decimal: leading digits, the rest ignored.
bool is_stage_index_below(std::string_view v, uint64_t count) {
  if (v.empty() || v[0] < '0' || v[0] > '9') return false;
  uint64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') break;
    n = n * 10 + static_cast<uint64_t>(c - '0');
    if (n >= count) return false;
  }
  return n < count;
}

class CopyFromUnknownStage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::from) | kind_bit(ast::InstrKind::copy);
  }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    if (ins.is(ast::InstrKind::from)) {
      ++st.from_count;
      if (ins.from_name && st.name_set.insert(ins.from_name->value).second) {
        st.names.push_back(ins.from_name->value);
      }
      return;
    }
    const ast::Flag* flag = ins.flag("from");
    if (!flag) return;
    const std::string_view v = flag->value ? std::string_view(*flag->value) : std::string_view();
    if (v.find(':') != std::string_view::npos) return;  // an image reference with a tag
    if (st.name_set.contains(v)) return;
    if (is_stage_index_below(v, st.from_count)) return;

    std::string message = fmt::format("'--from={}' does not name a previous stage", v);
    const uint32_t target = file.model.find_stage(v);
    const uint32_t current = ref.stage;
    if (v.empty()) {
      message += "; the value is empty";
    } else if (v.find('$') != std::string_view::npos) {
      message += "; BuildKit does not expand variables in --from";
    } else if (target != model::npos && current != model::npos && target >= current) {
      const auto& from = file.ast.instructions[file.model.stage(target).from_instr];
      message += target == current
                     ? std::string("; it names the current stage")
                     : fmt::format("; stage '{}' is defined later, on line {}",
                                   from.from_name ? from.from_name->value : std::string(v),
                                   from.start_line);
    } else if (const std::string_view s = detail::closest_name(v, st.names, false); !s.empty()) {
      message += fmt::format("; did you mean '{}'?", s);
    } else if (v[0] >= '0' && v[0] <= '9') {
      message +=
          fmt::format("; there {} only {} so far", st.from_count == 1 ? "is" : "are",
                      st.from_count == 1 ? "1 stage" : fmt::format("{} stages", st.from_count));
    } else {
      message += fmt::format("; BuildKit would pull an image called '{}'", v);
    }
    out.report(flag->range, std::move(message));
  }
};

}  // namespace

const Rule& copy_from_unknown_stage() {
  static const CopyFromUnknownStage rule;
  return rule;
}

}  // namespace dfopt::rules
