#pragma once
// Path helpers of the layer rules: where a COPY writes and which path a RUN argument names.

#include <string>
#include <string_view>

#include "dfopt/ast.h"
#include "dfopt/model.h"

namespace dfopt::rules::layers {

/// `path` resolved against the working directory `workdir` and cleaned as Go's path.Clean does
/// ("/app/./x/" gives "/app/x"); "" when `path` is empty.
std::string resolve_path(std::string_view workdir, std::string_view path);

/// The directory or file a COPY/ADD writes to, resolved against the WORKDIR in effect and with
/// build variables expanded; "" when it cannot be known (no destination, unresolved variables).
std::string copy_destination(const model::Model& model, uint32_t index,
                             const ast::Instruction& ins);

/// `path` is `dir` or lies below it (both cleaned and absolute).
bool is_within(std::string_view path, std::string_view dir);

}  // namespace dfopt::rules::layers
