// `dfopt lsp`: the language server over standard input and output (lsp/server.h).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <memory>

#include "commands.h"
#include "lsp/server.h"

namespace dfopt::cli {

Command add_lsp_command(CLI::App& parent) {
  CLI::App* app = parent.add_subcommand("lsp", "Run the language server (LSP over stdio)");
  auto stdio = std::make_shared<bool>(false);
  // Editors and client libraries often pass --stdio; it is the only transport, so accepted as is.
  app->add_flag("--stdio", *stdio, "Talk over standard input and output (the default)");
  return {app, [] {
            // A client that goes away must not kill the server in the middle of a write.
            std::signal(SIGPIPE, SIG_IGN);
            return lsp::serve(STDIN_FILENO, STDOUT_FILENO);
          }};
}

}  // namespace dfopt::cli
