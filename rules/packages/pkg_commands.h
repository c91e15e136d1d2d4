#pragma once
// Helpers of the apt and apk rules: commands and flags read the way hadolint reads them (for the
// rules that mirror hadolint's), package-manager invocations read the way the tools read their
// own command lines (for the others), and the edits that add an option to a command.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/fix.h"
#include "dfopt/rule.h"
#include "dfopt/shell.h"

namespace dfopt::rules::pkg {

// ---- hadolint's reading ---------------------------------------------------------------------

/// The commands named `name` that hadolint sees, in order: the simple commands ShellCheck finds
/// in the RUN text (after `&&`, `;`, `||`, in pipelines, subshells, groups, `$(...)`), in the body
/// of a `RUN <<EOF` heredoc, and the command of an exec-form RUN. Not the scripts of `sh -c "..."`
/// strings or of heredocs fed to a shell (`bash <<EOF`), which ShellCheck reads as plain strings.
std::vector<const shell::Command*> hadolint_commands(const shell::Script& script,
                                                     std::string_view name);

/// A command's arguments as hadolint reads them (Hadolint.Shell): the text of each word as
/// ShellCheck's `oversimplify` gives it (quotes removed, each expansion or substitution replaced
/// by `${VAR}`), and its flags: `--name[=value]` is the flag `name`, `-abc` the flags `a`, `b`
/// and `c`, `-` and `--` are not flags, and reading never stops (`--` ends nothing).
class HadolintArgs {
 public:
  explicit HadolintArgs(const shell::Command& cmd);

  /// The text of argv[i] (argv[0] is the command name).
  std::string_view text(uint32_t i) const { return texts_[i]; }
  uint32_t size() const { return static_cast<uint32_t>(texts_.size()); }
  /// The first argument (argv index >= 1) whose text is `arg`, or shell::npos (cmdHasArgs).
  uint32_t find_arg(std::string_view arg) const;
  bool has_arg(std::string_view arg) const { return find_arg(arg) != shell::npos; }
  bool has_flag(std::string_view flag) const;
  bool has_any_flag(std::initializer_list<std::string_view> flags) const;
  size_t count_flag(std::string_view flag) const;
  /// argv indices of the arguments that are not flags (getArgsNoFlags), after dropping the
  /// argument that follows each one holding a flag of `value_flags` (dropFlagArg), unless the
  /// flag carries its value after `=` (`--target-release=x pkg` keeps `pkg`, as hadolint 2.15
  /// does; `-tvalue` still drops the next argument).
  std::vector<uint32_t> args_without_flags(std::span<const std::string_view> value_flags) const;

 private:
  struct FlagRef {
    uint32_t word;    ///< argv index of the argument holding the flag
    uint32_t offset;  ///< the flag's name: texts_[word].substr(offset, size)
    uint32_t size;
  };
  std::string_view name(const FlagRef& f) const {
    return std::string_view(texts_[f.word]).substr(f.offset, f.size);
  }
  std::vector<std::string> texts_;
  std::vector<FlagRef> flags_;
};

/// ShellCheck's `oversimplify` of one word: `text` with every `$name`, `${...}`, `$(...)`,
/// `$((...))` and backquoted command replaced by `${VAR}`.
std::string oversimplify(const shell::Word& word);

// ---- Package-manager invocations --------------------------------------------------------------

/// apt's command-line tools that share /var/lib/apt/lists.
bool is_apt_tool(std::string_view name);

/// argv index of the program a command runs once common wrappers are looked through (`sudo`,
/// `doas`, `env NAME=value`, `eatmydata`, `nice`, `nohup`, `time`, with their options): 0 for
/// `apt-get update`, 1 for `sudo apt-get update`; shell::npos when there is no program left.
uint32_t program_word(const shell::Command& cmd);

/// The options of apt-get, apt and aptitude that take a value (`-o`, `-c`, `-t`, `-a`, `-P`...).
extern const shell::OptionSpec kAptOptions;
/// apk's options that take a value (`-X`, `-p`, `-t`, `--arch`, `--cache-dir`...).
extern const shell::OptionSpec kApkOptions;

/// The subcommand of the tool at argv[`tool`]: its first operand, read with `spec`; npos when
/// there is none.
uint32_t subcommand_word(const shell::Command& cmd, uint32_t tool, const shell::OptionSpec& spec);

// ---- Fixes ------------------------------------------------------------------------------------

/// The edit that inserts option `option` right after argument `word` of `cmd`: ` <option>` in a
/// shell script, `, "<option>"` after an element of an exec-form JSON array. Nothing when an
/// exec-form element's source is not a plain JSON string.
std::optional<Edit> insert_option_after(const SourceFile& source, const shell::Command& cmd,
                                        const shell::Word& word, std::string_view option);

/// `text` for a message: whitespace runs (newlines and tabs of a multi-line substitution)
/// become one space, and past `max` bytes the rest is replaced with "...".
std::string shorten(std::string_view text, size_t max = 40);

/// The range a finding about `cmd`'s argument `word` is reported at: the command name through
/// that word (`apt-get install`, `apk --quiet add`).
TextRange command_through(const shell::Command& cmd, const shell::Word& word);

}  // namespace dfopt::rules::pkg
