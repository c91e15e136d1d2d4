#include <fmt/format.h>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DS-0005"};

constexpr RuleInfo kInfo{
    .id = "DF710",
    .name = "add-without-archive-or-url",
    .category = Category::style,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`ADD` whose arguments mention no archive, URL or Git remote",
    .docs = R"md(## What it does
Flags an `ADD` whose arguments, joined with spaces, contain none of `.tar`, `http://`,
`https://` and `git@`, unless it is the `ADD file:<hash> in /` form that `docker history`
prints. Off by default: `add-instead-of-copy` (DF708) is the finer check.

## Why is this bad?
Without an archive to unpack or a remote source to fetch, `ADD` does nothing `COPY` would not,
and its implicit unpacking is a risk when a file later turns out to be an archive.

## Example
```dockerfile
FROM alpine:3.20
ADD config.yaml /etc/app/
```

## Use instead
```dockerfile
FROM alpine:3.20
COPY config.yaml /etc/app/
```

## References
- Trivy DS-0005: the same check. It is a substring test on the whole argument list, so
  `ADD app.py tools.tar.gz /srv/` passes (one archive is enough) while hadolint DL3020 and
  `add-instead-of-copy` flag it, and `ADD data.tgz /x` is flagged here (no `.tar`) but not there.
- https://avd.aquasec.com/misconfig/ds005
)md",
};

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

/// Trivy's is_command_with_hash: `file:<hash> in <dest>` or `file:<hash> <dest>`.
bool hashed_source(const std::vector<ast::Word>& args) {
  for (std::string_view prefix : {"file:", "multi:", "dir:"}) {
    if (args.size() == 3 && args[0].value.starts_with(prefix) && args[1].value == "in") {
      return true;
    }
    if (args.size() == 2 && args[0].value.starts_with(prefix)) return true;
  }
  return false;
}

class AddWithoutArchiveOrUrl final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::add); }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    std::string joined;
    for (const ast::Word& w : ins.args) {
      if (!joined.empty()) joined.push_back(' ');
      joined += w.value;
    }
    for (std::string_view part : {".tar", "http://", "https://", "git@"}) {
      if (contains(joined, part)) return;
    }
    if (hashed_source(ins.args)) return;
    out.report(ins.keyword.range, fmt::format("consider `COPY {0}` instead of `ADD {0}`", joined));
  }
};

}  // namespace

const Rule& add_without_archive_or_url() {
  static const AddWithoutArchiveOrUrl rule;
  return rule;
}

}  // namespace dfopt::rules
