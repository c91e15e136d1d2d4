#pragma once
// The commands of a script as hadolint sees them, for the rules that mirror hadolint's: hadolint
// runs ShellCheck's parser over the RUN text and keeps every simple command whose name
// ShellCheck can tell (Hadolint.Shell's `presentCommands`).

#include <cstdint>
#include <string_view>
#include <vector>

#include "dfopt/shell.h"

namespace dfopt::rules::hadolint {

/// A command hadolint sees, with the name hadolint gives it. ShellCheck's `getCommandName` looks
/// through `busybox`, `builtin`, `command`, `run` and `exec` (with its `-c`, `-l`, `-a name`
/// options): `busybox ln -s a b` is the command `ln`. Its arguments stay every word after the
/// first (`ln` included), as hadolint reads them.
struct PresentCommand {
  const shell::Command* cmd = nullptr;
  std::string_view name;
  uint32_t name_word = 0;  ///< argv index of the word that names the command

  bool is(std::string_view n) const { return name == n; }
  /// The word that names the command.
  const shell::Word& word() const { return cmd->argv[name_word]; }
};

/// The simple commands hadolint finds in `script`, in order: those after `&&`, `||`, `;`, in
/// pipelines, subshells, groups, compound commands, function bodies and `$(...)`, the body of a
/// `RUN <<EOF` heredoc, and the command of an exec-form RUN; each with a literal name. Not
/// included: the scripts of `sh -c "..."` strings and of heredocs fed to a shell (`bash <<EOF`),
/// which ShellCheck reads as plain strings, nor anything nested in them; tests (`[`, `[[`) and
/// arithmetic commands (`((...))`), which ShellCheck does not parse as simple commands; and
/// commands whose name is not literal (`$CMD args`, `command "$@"`) or that have no name (`A=b`).
std::vector<PresentCommand> present_commands(const shell::Script& script);

/// `cmd` is not inside the script of an `sh -c` string or of a heredoc fed to a shell, at any
/// level of nesting.
bool visible_to_shellcheck(const shell::Script& script, const shell::Command& cmd);

}  // namespace dfopt::rules::hadolint
