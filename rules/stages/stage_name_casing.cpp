#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dfopt/rule.h"
#include "rules/base/suggest.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"StageNameCasing"};

constexpr RuleInfo kInfo{
    .id = "DF205",
    .name = "stage-name-casing",
    .category = Category::stages,
    .severity = Severity::style,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "a stage name is not lower-case",
    .docs = R"md(## What it does
Flags a stage name with upper-case letters: `FROM ... AS Builder`.

## Why is this bad?
BuildKit lower-cases stage names, so `AS Builder` defines the stage `builder`. `COPY --from=` and
`--target` compare names case-insensitively and hide that, but `FROM Builder` does not find the
stage: it looks for an image called `Builder` and fails. Writing names in lower case everywhere
keeps what is written and what BuildKit uses the same.

## Example
```dockerfile
FROM golang:1.22 AS Builder
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=Builder /out/app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS builder
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=builder /out/app /app
```

## Fix safety
The fix lower-cases the name where the stage is defined and at every reference to it: later
`FROM <name>`, `COPY --from=<name>` and `RUN --mount=...,from=<name>` (`ONBUILD` ones included).
It is safe: BuildKit already uses the lower-cased name, and references in `COPY` and `RUN` ignore
case. A later `FROM Builder` could not reach the stage before and does afterwards, which is what it
was written for. No fix is offered when a reference cannot be rewritten reliably: a `FROM` whose
image comes from an `ARG`, a quoted or line-continued reference, or a `--from`/`from=` with a
variable or quotes anywhere in the file (it could name any stage).

## References
- BuildKit `StageNameCasing`: the same check (a `FROM` with exactly an image, `AS` and a name).
- https://docs.docker.com/reference/build-checks/stage-name-casing/
)md",
};

bool has_upper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = detail::ascii_lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return detail::ascii_lower(x) == detail::ascii_lower(y);
         });
}

// BuildKit's parseBuildStageName accepts ^[a-z][a-z0-9-_.]*$ after lower-casing.
bool valid_stage_name(std::string_view s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

// A place that may name a stage: a FROM image, a `COPY --from` or a mount's `from=` value.
struct Reference {
  TextRange range;
  std::string_view value;  // as BuildKit reads it (for a FROM with variables: unexpanded)
  uint32_t instr = 0;
  bool is_from = false;
  bool rewritable = true;  // its source bytes are its value, so lower-casing them is exact
};

// Every reference of the file, by lower-cased name, collected once on the first finding so that
// fixing many stages stays linear in the file.
struct State final : RuleState {
  bool built = false;
  // A `--from` or mount `from=` with a variable or a quote may name any stage: no fix at all.
  bool unknown_reference = false;
  std::unordered_map<std::string, std::vector<Reference>> by_name;

  void add(std::string key, Reference r) { by_name[std::move(key)].push_back(r); }

  void build(const FileContext& file) {
    built = true;
    const auto& instrs = file.ast.instructions;
    for (uint32_t i = 0; i < instrs.size(); ++i) {
      const ast::Instruction& in = instrs[i];
      const ast::Instruction& body = in.is(ast::InstrKind::onbuild) && in.inner ? *in.inner : in;
      if (body.is(ast::InstrKind::from) && &body == &in && in.from_image) {
        const ast::Word& w = *in.from_image;
        if (w.value.find('$') != std::string::npos) {
          // An ARG-built image name that reaches a stage cannot be renamed here.
          add(to_lower(file.model.expand(i, w.value).value), {w.range, w.value, i, true, false});
        } else {
          add(to_lower(w.value),
              {w.range, w.value, i, true, file.source.slice(w.range) == w.value});
        }
      } else if (body.is(ast::InstrKind::copy)) {
        for (const ast::Flag& f : body.flags) {
          if (f.name != "from" || !f.value) continue;
          if (f.value->find('$') != std::string::npos) unknown_reference = true;
          add(to_lower(*f.value),
              {f.value_range, *f.value, i, false, file.source.slice(f.value_range) == *f.value});
        }
      } else if (body.is(ast::InstrKind::run)) {
        for (const ast::Flag& f : body.flags) {
          if (f.name == "mount" && f.value) mount(file, i, f);
        }
      }
    }
  }

  // `--mount=type=cache,from=Builder,target=/x`: a CSV record; find the `from` fields.
  void mount(const FileContext& file, uint32_t instr, const ast::Flag& f) {
    const std::string_view v = *f.value;
    if (v.find('"') != std::string_view::npos) {
      unknown_reference = true;  // a quoted CSV field could hide a `from=`
      return;
    }
    const bool raw = file.source.slice(f.value_range) == v;
    size_t pos = 0;
    while (pos <= v.size()) {
      size_t end = v.find(',', pos);
      if (end == std::string_view::npos) end = v.size();
      const std::string_view field = v.substr(pos, end - pos);
      const size_t eq = field.find('=');
      if (eq != std::string_view::npos && iequals(field.substr(0, eq), "from")) {
        const std::string_view value = field.substr(eq + 1);
        if (value.find('$') != std::string_view::npos) unknown_reference = true;
        const auto begin = static_cast<uint32_t>(f.value_range.begin + pos + eq + 1);
        add(to_lower(value),
            {{begin, begin + static_cast<uint32_t>(value.size())}, value, instr, false, raw});
      }
      pos = end + 1;
    }
  }
};

std::optional<Fix> make_fix(const FileContext& file, const InstrRef& ref, State& st) {
  const ast::Word& def = *ref.instr.from_name;
  const std::string lower = to_lower(def.value);
  if (!valid_stage_name(lower) || file.source.slice(def.range) != def.value) return std::nullopt;
  if (!st.built) st.build(file);
  if (st.unknown_reference) return std::nullopt;
  Fix fix;
  fix.edits.push_back({def.range, lower});
  if (const auto it = st.by_name.find(lower); it != st.by_name.end()) {
    for (const Reference& r : it->second) {
      // Only a later FROM can name the stage; an earlier one is an image reference.
      if (r.is_from && r.instr <= ref.index) continue;
      if (!r.rewritable) return std::nullopt;
      if (r.value != lower) fix.edits.push_back({r.range, lower});
    }
  }
  std::sort(fix.edits.begin(), fix.edits.end(),
            [](const Edit& a, const Edit& b) { return a.range.begin < b.range.begin; });
  fix.title = fmt::format("Rename stage `{}` to `{}`", def.value, lower);
  fix.applicability = Applicability::safe;
  return fix;
}

class StageNameCasing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    // BuildKit's isLowerCaseStageName looks only at a FROM with exactly three arguments.
    if (!ins.from_name || ins.args.size() != 3 || !has_upper(ins.from_name->value)) return;
    out.report(ins.from_name->range,
               fmt::format("stage name '{}' is not lower-case", ins.from_name->value),
               make_fix(file, ref, static_cast<State&>(*state)));
  }
};

}  // namespace

const Rule& stage_name_casing() {
  static const StageNameCasing rule;
  return rule;
}

}  // namespace dfopt::rules
