#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/style/add_source_kind.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3020"};

constexpr RuleInfo kInfo{
    .id = "DF708",
    .name = "add-instead-of-copy",
    .category = Category::style,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`ADD` of sources that are neither archives nor URLs",
    .docs = R"md(## What it does
Flags an `ADD` with a source that is neither a local archive (by extension: `.tar`, `.gz`,
`.tgz`, `.bz2`, `.xz`, ...) nor an `http://`/`https://` URL. Heredoc sources count as plain files.

## Why is this bad?
`ADD` has surprising extra behaviour: it unpacks local archives and downloads URLs. For plain
files and directories `COPY` does the same job and says what it means.

## Example
```dockerfile
FROM alpine:3.20
ADD app.py requirements.txt /srv/
```

## Use instead
```dockerfile
FROM alpine:3.20
COPY app.py requirements.txt /srv/
```

## Fix safety
The fix replaces `ADD` with `COPY`. It is safe when every source is a local path with no
variable and no wildcard and the instruction has no `ADD`-only flag (`--checksum`,
`--keep-git-dir`, `--unpack`...). With a wildcard or a variable in a source it is unsafe: a
matched file may be a local archive that `ADD` would have unpacked. There is no fix when a
source is a Git or other remote reference, which `COPY` cannot fetch.

## References
- hadolint DL3020: the same check (sources with surrounding quotes dropped; Git URLs and flags
  such as `--checksum` are not special-cased; the `ADD` inside `ONBUILD` is not checked).
- Checkov CKV_DOCKER_4 flags every `ADD`: see `add-instruction` (DF709). Trivy DS-0005 matches
  substrings of the joined arguments: see `add-without-archive-or-url` (DF710).
- https://docs.docker.com/build/building/best-practices/#add-or-copy
)md",
};

class AddInsteadOfCopy final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::add); }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    if (ins.args.size() < 2) return;
    const size_t n_sources = ins.args.size() - 1;
    bool plain = false;      // some source is neither an archive nor a URL
    bool fixable = true;     // every source is local and not an archive
    bool uncertain = false;  // wildcards or variables: a match may be an archive
    for (size_t i = 0; i < n_sources; ++i) {
      const ast::Word& w = ins.args[i];
      if (add_source::is_heredoc_word(ins, w)) {
        plain = true;
        continue;
      }
      const std::string_view path = add_source::drop_quotes(w.value);
      const bool archive = add_source::has_archive_extension(path);
      const bool url = add_source::is_http_url(path);
      if (!archive && !url) plain = true;
      if (archive || add_source::is_remote(path)) fixable = false;
      if (path.find_first_of("*?[$") != std::string_view::npos) uncertain = true;
    }
    if (!plain) return;
    for (const ast::Flag& f : ins.flags) {
      // Flags COPY shares; anything else (--checksum, --keep-git-dir, --unpack...) is ADD's own.
      if (f.name != "chown" && f.name != "chmod" && f.name != "link" && f.name != "exclude") {
        fixable = false;
      }
    }
    std::optional<Fix> fix;
    if (fixable) {
      const bool lower = ins.keyword.value == "add";
      Fix f;
      f.title = "Replace `ADD` with `COPY`";
      f.applicability = uncertain ? Applicability::unsafe : Applicability::safe;
      f.edits.push_back({ins.keyword.range, lower ? "copy" : "COPY"});
      fix = std::move(f);
    }
    out.report(ins.keyword.range, "use `COPY` instead of `ADD` for files and directories",
               std::move(fix));
  }
};

}  // namespace

const Rule& add_instead_of_copy() {
  static const AddInsteadOfCopy rule;
  return rule;
}

}  // namespace dfopt::rules
