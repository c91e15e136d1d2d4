// dfopt: the command-line front end. It only wires subcommands together; each one lives in its
// own <name>_command.cpp and all analysis lives in libdfopt.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "commands.h"
#include "version.h"

namespace {

/// CLI11's usage errors in our compiler-style tone, to stderr.
std::string failure_message(const CLI::App* app, const CLI::Error& e) {
  std::string what = e.what();
  // CLI11 capitalises its messages ("A subcommand is required"); ours start in lower case. An
  // all-caps first word is a name ("FILE is required") and stays.
  const std::string first_word = what.substr(0, what.find(' '));
  const bool is_name =
      first_word.size() > 1 && std::none_of(first_word.begin(), first_word.end(),
                                            [](unsigned char c) { return std::islower(c); });
  if (!what.empty() && !is_name) {
    what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
  }
  std::string out = "dfopt: error: ";
  out += what;
  out += "\nrun '";
  out += app->get_name();
  out += " --help' for usage\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace dfopt::cli;
  CLI::App app{"dfopt: a Dockerfile static analyzer", "dfopt"};
  // Set before adding subcommands: they copy the parent's failure message when created.
  app.failure_message(failure_message);
  app.set_version_flag("--version", fmt::format("dfopt {} (commit {})", version_string(),
                                                git_commit()));
  app.require_subcommand(1);

  const std::vector<Command> commands = {
      add_parse_command(app),
      add_check_command(app),
      add_rules_command(app),
      add_explain_command(app),
      add_audit_command(app),
      add_lsp_command(app),
      add_format_command(app),
      add_generate_command(app),
  };
  std::vector<char*> args = default_to_check(argc, argv, app);

  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0; anything else is a usage error.
    return app.exit(e) == 0 ? exit_ok : exit_error;
  }

  try {
    for (const Command& command : commands) {
      if (command.app->parsed()) return command.run();
    }
  } catch (const std::exception& e) {
    // libdfopt does not throw; this catches a bug in a front end, not in the user's input.
    std::fprintf(stderr, "dfopt: internal error: %s\n", e.what());
    return exit_error;
  }
  return exit_error;  // unreachable: require_subcommand(1) rejected a missing command
}
