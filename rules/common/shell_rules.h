#pragma once
// Helpers shared by the rules that read the commands inside RUN (the shell model).

#include <string_view>

#include "dfopt/rule.h"
#include "dfopt/shell.h"

namespace dfopt::rules::sh {

/// Subscription mask of rules that read RUN commands (pair with `wants_onbuild() == true` for
/// hadolint's "+ONBUILD" rules).
inline constexpr uint32_t kRun = kind_bit(ast::InstrKind::run);

/// The parsed script of a RUN (top-level, or inside ONBUILD when `ref.in_onbuild`); nullptr
/// when `ref` is not a RUN or its script is not sh (a powershell or cmd SHELL, a Windows base, a
/// python heredoc: rules never guess there).
const shell::Script* run_script(const FileContext& file, const InstrRef& ref);

/// hadolint's cache-mount exemption: the RUN has a `--mount=type=cache` or `type=tmpfs` whose
/// target contains `fragment` (substring match, as hadolint does). Always false inside ONBUILD.
bool has_cache_mount(const FileContext& file, const InstrRef& ref, std::string_view fragment);

/// hadolint's scope for cache-hygiene rules (DL3009, DL3060): the stage is the file's last
/// stage, or a later FROM names it as its base.
bool final_or_base_stage(const model::Model& model, uint32_t stage);

/// `name` is one of `names`.
inline bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

}  // namespace dfopt::rules::sh
