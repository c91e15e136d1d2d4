#pragma once

#include <functional>
#include <vector>

namespace CLI {
class App;
}

/// The `dfopt` subcommands. Each lives in its own <name>_command.cpp and only registers its
/// options here; main.cpp parses the command line once and runs the one subcommand given.
namespace dfopt::cli {

/// Exit statuses, as ruff uses them.
enum ExitStatus : int {
  exit_ok = 0,        ///< everything clean
  exit_findings = 1,  ///< a Dockerfile has errors (or findings at or above --fail-level)
  exit_error = 2,     ///< usage, configuration, I/O or internal error
};

/// A registered subcommand: its CLI11 app (owned by the parent app) and what running it does.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;  ///< called after a successful parse; returns an exit status
};

/// `dfopt parse FILE... [--format json|buildkit]`: parse and dump the AST.
Command add_parse_command(CLI::App& parent);
/// `dfopt check [PATHS...]`: the default command (check_command.cpp).
Command add_check_command(CLI::App& parent);
/// `dfopt rules [--format json|markdown]`: the rule catalog, or with `--format markdown
/// --output-dir DIR` the rule reference pages (rules_command.cpp, rules_docs.cpp).
Command add_rules_command(CLI::App& parent);
/// `dfopt explain RULE`: a rule's documentation (rules_command.cpp).
Command add_explain_command(CLI::App& parent);

/// `dfopt audit PATH...`, `dfopt audit trend`, `dfopt audit merge` (audit_command.cpp).
Command add_audit_command(CLI::App& parent);
/// `dfopt lsp`: the language server over stdio (lsp_command.cpp).
Command add_lsp_command(CLI::App& parent);
/// `dfopt format [--check] [--diff] [PATHS...|-]`: the formatter (format_command.cpp).
Command add_format_command(CLI::App& parent);
/// `dfopt generate man|completions SHELL`: the manual page and completion scripts, from this
/// command line's definition (generate_command.cpp; hidden).
Command add_generate_command(CLI::App& parent);

/// argv with "check" inserted when the first argument is not a subcommand (or --help,
/// --version), so that `dfopt Dockerfile` means `dfopt check Dockerfile`.
std::vector<char*> default_to_check(int argc, char** argv, const CLI::App& app);

}  // namespace dfopt::cli
