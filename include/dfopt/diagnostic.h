#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/fix.h"
#include "dfopt/source.h"

namespace dfopt {

enum class Severity : uint8_t { error, warning, info, style };

std::string_view to_string(Severity s);

/// A finding about a Dockerfile, located by byte range in its SourceFile.
struct Diagnostic {
  std::string code;  ///< stable identifier: a rule ID, or "syntax-error" for the parser
  Severity severity = Severity::error;
  std::string message;  ///< lowercase, no trailing period
  TextRange range;
  std::optional<Fix> fix;  ///< a rewrite that resolves the finding, when one is known
};

}  // namespace dfopt
