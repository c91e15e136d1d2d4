#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/common/hadolint_shell.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF102",
    .name = "copied-archive-extracted",
    .category = Category::layers,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "a tar archive copied with `COPY`, then extracted by a `RUN` of the stage",
    .docs = R"md(## What it does
Flags a `COPY` (without `--from`) of a tar archive, by name (`.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`,
`.tbz`, `.tbz2`, `.tb2`, `.tar.xz`, `.txz`, `.tar.zst`, `.tzst`, as the source or as the
destination file), when a later `RUN` of the same stage extracts a file of the same base name:
`tar -x` (`-xzf`, `xzf`, `--extract`, `--get`) reading it with `-f`/`--file`, or a decompressor
(`gunzip`, `zcat`, `bzcat`, `xzcat`, `zstdcat`, `gzip -d`...) reading it and piped into `tar -x`.
An extraction that `ADD` cannot reproduce is not reported: one that selects members, strips path
components (`--strip-components`), renames (`--transform`), excludes files or writes to standard
output. Commands are found after `&&`, `||` or `;`, in pipelines, subshells, `$(...)` and the
body of `RUN <<EOF`, but not inside `sh -c "..."` strings.

## Why is this bad?
The `COPY` stores the archive in a layer of its own. Deleting it after extracting it does not
remove it from the image, so the image carries the archive and its contents. `ADD` of a local tar
archive (plain, gzip, bzip2, xz or zstd) extracts it into the destination directory in one step,
without keeping the archive.

## Example
```dockerfile
FROM debian:12
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
```

## Use instead
```dockerfile
FROM debian:12
ADD app.tar.gz /opt/
```

## References
- hadolint DL3010 differs: it also counts `.gz`, `.bz2`, `.xz`, `.lz`, `.lzma` and `.Z` files,
  which `ADD` copies without decompressing unless they hold a tar archive, and extractions that
  `ADD` cannot reproduce; it takes any `tar` argument starting with `-` and containing `x`
  (`--exclude` too) as extraction and any argument as the archive; and a `FROM` discards what it
  found so far, so only the last stage is ever reported.
- https://docs.docker.com/reference/dockerfile/#adding-local-tar-archives
)md",
};

/// A copied archive the stage may extract later.
struct Archive {
  std::string basename;
  TextRange range;  ///< the COPY word to report
  bool reported = false;
};

struct State final : RuleState {
  std::vector<Archive> archives;  // of the current stage
};

std::string_view drop_quotes(std::string_view s) {
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}

std::string_view basename(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

/// A file name that `ADD` extracts: a tar archive, plain or compressed with gzip, bzip2, xz or
/// zstd (what BuildKit's decompression detects).
bool is_tar_archive(std::string_view name) {
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tb2",
                               ".tar.xz", ".txz", ".tar.zst", ".tzst"}) {
    if (name.size() > ext.size() && ends_with_icase(name, ext)) return true;
  }
  return false;
}

/// GNU tar's short options that take a value.
bool short_takes_value(char c) {
  return std::string_view("bCfFgHIKLNTVX").find(c) != std::string_view::npos;
}

/// GNU tar's long options (as their unambiguous full names) that take a value in the next word
/// when written without `=`.
constexpr std::string_view kTarLongWithValue[] = {"file",
                                                  "directory",
                                                  "files-from",
                                                  "exclude-from",
                                                  "exclude",
                                                  "strip-components",
                                                  "transform",
                                                  "xform",
                                                  "owner",
                                                  "group",
                                                  "mode",
                                                  "use-compress-program",
                                                  "newer",
                                                  "after-date",
                                                  "newer-mtime",
                                                  "blocking-factor",
                                                  "record-size",
                                                  "format",
                                                  "label",
                                                  "to-command",
                                                  "listed-incremental",
                                                  "starting-file",
                                                  "suffix",
                                                  "info-script",
                                                  "new-volume-script",
                                                  "volno-file",
                                                  "tape-length",
                                                  "index-file",
                                                  "level",
                                                  "sparse-version",
                                                  "warning",
                                                  "quoting-style",
                                                  "rsh-command",
                                                  "checkpoint-action",
                                                  "owner-map",
                                                  "group-map",
                                                  "mtime"};

bool long_takes_value(std::string_view name) {
  return std::find(std::begin(kTarLongWithValue), std::end(kTarLongWithValue), name) !=
         std::end(kTarLongWithValue);
}

/// A `tar` command as far as this rule needs it.
struct TarCall {
  bool extract = false;
  bool reproducible = true;                 ///< ADD extracts the same files to the same places
  std::optional<std::string_view> archive;  ///< the `-f` value; none reads standard input
};

/// Reads the arguments of `cmd` after word `name` (the word naming `tar`).
TarCall read_tar(const shell::Command& cmd, uint32_t name) {
  TarCall t;
  const auto& argv = cmd.argv;
  std::vector<char> pending;  // value-taking short options waiting for their word
  bool options_done = false;
  auto take = [&](char opt, std::string_view value) {
    if (opt == 'f') t.archive = value;
    if (opt == 'T' || opt == 'X') t.reproducible = false;  // member lists, exclude lists
  };
  for (size_t i = name + 1; i < argv.size(); ++i) {
    const std::string_view a = argv[i].text;
    if (!pending.empty()) {
      take(pending.front(), a);
      pending.erase(pending.begin());
      continue;
    }
    if (!options_done && a == "--") {
      options_done = true;
      continue;
    }
    if (!options_done && a.starts_with("--")) {
      const size_t eq = a.find('=');
      const std::string_view name = a.substr(2, eq == std::string_view::npos ? a.npos : eq - 2);
      const std::string_view value = eq == std::string_view::npos ? "" : a.substr(eq + 1);
      if (name == "extract" || name == "get") t.extract = true;
      if (sh::one_of(name, {"strip-components", "transform", "xform", "exclude", "exclude-from",
                            "files-from", "to-stdout", "to-command", "wildcards", "anchored",
                            "exclude-vcs", "exclude-caches"})) {
        t.reproducible = false;
      }
      if (eq == std::string_view::npos && long_takes_value(name) && i + 1 < argv.size()) {
        ++i;
        if (name == "file") t.archive = argv[i].text;
      } else if (name == "file") {
        t.archive = value;
      }
      continue;
    }
    // `tar xzf file`: the first argument is a cluster of options even without a dash.
    const bool cluster =
        !options_done && ((a.size() > 1 && a[0] == '-') || (i == name + 1 && !a.empty()));
    if (cluster) {
      const std::string_view letters = a[0] == '-' ? a.substr(1) : a;
      for (size_t k = 0; k < letters.size(); ++k) {
        const char c = letters[k];
        if (c == 'x') t.extract = true;
        if (c == 'O') t.reproducible = false;
        if (!short_takes_value(c)) continue;
        if (a[0] == '-' && k + 1 < letters.size()) {  // `-fFILE`: the rest is the value
          take(c, letters.substr(k + 1));
          break;
        }
        pending.push_back(c);  // the next words, in order (`tar xfC a.tar /opt`)
      }
      continue;
    }
    t.reproducible = false;  // a member name: only some files are extracted
  }
  return t;
}

/// Decompressors that write a tar stream for `tar -x` to read.
bool decompresses(const hadolint::PresentCommand& cmd) {
  const std::string_view name = cmd.name;
  if (sh::one_of(name, {"gunzip", "zcat", "gzcat", "bunzip2", "bzcat", "unxz", "xzcat", "unzstd",
                        "zstdcat"})) {
    return true;
  }
  if (!sh::one_of(name, {"gzip", "bzip2", "xz", "zstd"})) return false;
  for (const shell::Word& w : cmd.cmd->args()) {
    if (w.text == "--decompress" || w.text == "--stdout" ||
        (w.text.size() > 1 && w.text[0] == '-' && w.text[1] != '-' &&
         w.text.find('d') != std::string_view::npos)) {
      return true;
    }
  }
  return false;
}

class CopiedArchiveExtracted final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return sh::kRun | kind_bit(ast::InstrKind::from) | kind_bit(ast::InstrKind::copy);
  }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    if (ins.is(ast::InstrKind::from)) {
      st.archives.clear();
      return;
    }
    if (ins.is(ast::InstrKind::copy)) {
      remember(ins, st);
      return;
    }
    if (st.archives.empty()) return;
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    const auto present = hadolint::present_commands(*script);
    for (size_t k = 0; k < present.size(); ++k) {
      const hadolint::PresentCommand& p = present[k];
      const shell::Command* c = p.cmd;
      std::optional<std::string_view> archive;
      std::string_view tool;
      if (p.is("tar")) {
        const TarCall t = read_tar(*c, p.name_word);
        if (!t.extract || !t.reproducible || !t.archive || *t.archive == "-") continue;
        archive = t.archive;
        tool = "tar";
      } else if (decompresses(p) && c->pipeline_index + 1 < c->pipeline_size) {
        // The next command of the pipeline must be a `tar -x` reading standard input. It is the
        // first later command at the decompressor's depth (deeper ones are in its substitutions).
        const hadolint::PresentCommand* reader = nullptr;
        for (size_t j = k + 1; j < present.size(); ++j) {
          const shell::Command& d = *present[j].cmd;
          if (d.depth > c->depth) continue;
          if (d.pipeline == c->pipeline && d.pipeline_index == c->pipeline_index + 1) {
            reader = &present[j];
          }
          break;
        }
        if (!reader || !reader->is("tar")) continue;
        const TarCall t = read_tar(*reader->cmd, reader->name_word);
        if (!t.extract || !t.reproducible || (t.archive && *t.archive != "-")) continue;
        for (size_t i = p.name_word + 1; i < c->argv.size(); ++i) {
          if (!c->argv[i].text.starts_with("-")) archive = c->argv[i].text;
        }
        tool = p.name;
      }
      if (!archive) continue;
      const std::string_view name = basename(*archive);
      for (Archive& a : st.archives) {
        if (a.reported || a.basename != name) continue;
        a.reported = true;
        out.report(a.range,
                   fmt::format("`{}` is copied, then extracted by `{}` on line {}; `ADD` extracts "
                               "a local tar archive without storing it in a layer",
                               a.basename, tool, ref.instr.start_line));
      }
    }
  }

 private:
  static void remember(const ast::Instruction& ins, State& st) {
    if (ins.flag("from") || ins.args.size() < 2) return;
    const size_t n_sources = ins.args.size() - 1;
    const ast::Word& dest = ins.args.back();
    const std::string_view dest_name = basename(drop_quotes(dest.value));
    if (is_tar_archive(dest_name)) {
      // Copied under an archive name: the RUN extracts the destination file.
      const TextRange where = n_sources == 1 ? ins.args.front().range : dest.range;
      st.archives.push_back({std::string(dest_name), where});
      return;
    }
    for (size_t i = 0; i < n_sources; ++i) {
      const ast::Word& src = ins.args[i];
      if (src.value.starts_with("<<")) continue;  // a heredoc
      const std::string_view name = basename(drop_quotes(src.value));
      if (is_tar_archive(name)) st.archives.push_back({std::string(name), src.range});
    }
  }
};

}  // namespace

const Rule& copied_archive_extracted() {
  static const CopiedArchiveExtracted rule;
  return rule;
}

}  // namespace dfopt::rules
