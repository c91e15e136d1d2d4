#pragma once

#include <memory>
#include <vector>

#include "dfopt/config.h"
#include "dfopt/engine.h"

namespace dfopt::cli {

/// The environment variable that names the ShellCheck program (a path, or a name looked up in
/// PATH) instead of `shellcheck`.
inline constexpr const char* kShellcheckEnv = "DFOPT_SHELLCHECK";

/// Runs ShellCheck on the RUN scripts `reports` hold (when their configuration selects it) and
/// adds its findings; `configs` is parallel to `reports`, `jobs` caps the ShellCheck processes
/// running at once. When ShellCheck cannot run, prints one note saying why to stderr and leaves
/// the reports as they are; failed batches are warnings.
void run_shellcheck(std::vector<FileReport>& reports,
                    const std::vector<std::shared_ptr<const ResolvedConfig>>& configs,
                    unsigned jobs);

}  // namespace dfopt::cli
