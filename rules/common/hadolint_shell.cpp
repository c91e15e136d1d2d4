#include "rules/common/hadolint_shell.h"

#include <optional>

namespace dfopt::rules::hadolint {

using shell::Command;
using shell::npos;
using shell::Origin;

namespace {

/// argv index of the word ShellCheck takes as the command's name, npos when that word is not a
/// literal (ShellCheck then gives the command no name).
uint32_t name_word(const Command& c) {
  const auto& argv = c.argv;
  const std::string_view first = argv.front().text;
  const auto n = static_cast<uint32_t>(argv.size());
  auto literal = [&](uint32_t i) { return argv[i].is_literal() ? i : npos; };
  if (first == "busybox" || first == "builtin" || first == "command" || first == "run") {
    // The first argument, unless it is a flag (`command -v git` is `command`).
    if (n < 2 || argv[1].text.starts_with("-")) return 0;
    return literal(1);
  }
  if (first == "exec") {
    // BSD-style options `-c`, `-l` and `-a name`, then the command; any other option leaves
    // the command named `exec`.
    uint32_t i = 1;
    while (i < n && argv[i].text.size() > 1 && argv[i].text.front() == '-') {
      const std::string_view opts = argv[i].text.substr(1);
      uint32_t next = i + 1;
      for (size_t k = 0; k < opts.size(); ++k) {
        if (opts[k] == 'c' || opts[k] == 'l') continue;
        if (opts[k] != 'a') return 0;
        if (k + 1 == opts.size()) next = i + 2;  // `-a name`; in `-aname` the rest is the name
        break;
      }
      i = next;
    }
    if (i >= n) return 0;
    return literal(i);
  }
  return 0;
}

}  // namespace

bool visible_to_shellcheck(const shell::Script& script, const Command& cmd) {
  const Command* c = &cmd;
  // A command's parent comes before it, so the walk ends; the bound guards a malformed chain.
  for (size_t steps = 0; steps <= script.commands.size(); ++steps) {
    if (c->origin == Origin::shell_c || c->origin == Origin::shell_stdin) return false;
    if (c->parent == npos || c->parent >= script.commands.size()) return true;
    c = &script.commands[c->parent];
  }
  return true;
}

std::vector<PresentCommand> present_commands(const shell::Script& script) {
  std::vector<PresentCommand> out;
  const auto& cmds = script.commands;
  // Visibility of each command so far: a parent precedes its substitutions and inner scripts.
  std::vector<bool> visible(cmds.size(), true);
  for (size_t i = 0; i < cmds.size(); ++i) {
    const Command& c = cmds[i];
    bool v = c.origin != Origin::shell_c && c.origin != Origin::shell_stdin;
    if (v && c.parent != npos && c.parent < i) v = visible[c.parent];
    visible[i] = v;
    if (!v || c.argv.empty() || !c.argv.front().is_literal()) continue;
    const std::string_view first = c.argv.front().text;
    // ShellCheck parses `[ ]`, `[[ ]]` and `(( ))` as tests and arithmetic, not commands.
    if (first.empty() || first == "[" || first == "[[" || first.starts_with("((")) continue;
    const uint32_t w = name_word(c);
    if (w == npos) continue;
    out.push_back({&c, c.argv[w].text, w});
  }
  return out;
}

}  // namespace dfopt::rules::hadolint
