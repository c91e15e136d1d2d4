#pragma once

#include <cstdint>
#include <string>

#include "dfopt/expected.h"
#include "dfopt/source.h"

namespace dfopt::cli {

/// The name a SourceFile read from standard input carries in messages.
inline constexpr const char* stdin_name = "<stdin>";

/// Reads `path` (or standard input for "-") whole and in binary, so CRLF, a BOM and invalid
/// UTF-8 reach the parser untouched. Fails with ErrorKind::io for a missing, unreadable or
/// non-regular file (a directory, say) and ErrorKind::too_large above `max_bytes`, which is
/// checked before the bytes are read so that a huge file costs no memory.
Expected<SourceFile> read_input(const std::string& path, uint32_t max_bytes);

/// "dfopt: error: <message>" for an Error from read_input (or any Error without a location).
std::string format_cli_error(const Error& error);

}  // namespace dfopt::cli
