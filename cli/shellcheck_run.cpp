#include "shellcheck_run.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "dfopt/shellcheck.h"

namespace dfopt::cli {

void run_shellcheck(std::vector<FileReport>& reports,
                    const std::vector<std::shared_ptr<const ResolvedConfig>>& configs,
                    unsigned jobs) {
  std::vector<const Settings*> settings;
  bool wanted = false;
  for (size_t i = 0; i < reports.size() && i < configs.size(); ++i) {
    settings.push_back(&configs[i]->settings);
    wanted = wanted || static_cast<bool>(configs[i]->settings.shellcheck);
  }
  if (!wanted) return;
  shellcheck::Options options;
  const char* program = std::getenv(kShellcheckEnv);
  if (program && *program) options.program = program;
  options.jobs = jobs;
  const shellcheck::Outcome outcome =
      shellcheck::check(std::span(reports).first(settings.size()), settings, options);
  if (outcome.skipped) {
    std::string hint = "install ShellCheck (e.g. `apt-get install shellcheck`)";
    hint += program && *program ? " or correct " : " or name it with ";
    hint += kShellcheckEnv;
    std::fprintf(stderr, "dfopt: note: ShellCheck was skipped: %s; %s\n", outcome.skipped->c_str(),
                 hint.c_str());
  }
  for (const std::string& e : outcome.errors) {
    std::fprintf(stderr, "dfopt: warning: ShellCheck: %s\n", e.c_str());
  }
}

}  // namespace dfopt::cli
