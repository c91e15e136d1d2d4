#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "dfopt/model.h"

namespace dfopt::detail {

/// Expands one mount value in the RUN's scope; returns std::nullopt with `error` set on failure.
using MountExpander =
    std::function<std::optional<std::string>(std::string_view value, std::string& error)>;

/// Parses a `--mount` value as BuildKit's instructions.parseMount does at dispatch time: one CSV
/// record of `key=value` fields (keys case-insensitive), each value expanded with `expand`, then
/// validateMount's defaults and checks. Fills every field of `out` except instr, flag_index and
/// range; the first problem BuildKit would reject goes to `out.error`.
void parse_run_mount(std::string_view value, const MountExpander& expand, model::RunMount& out);

}  // namespace dfopt::detail
