// Fuzzes the shell parser (RUN scripts) and BuildKit-style word expansion on arbitrary bytes;
// the first byte picks the expansion options, the rest is the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/properties.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static dfopt::shell::ShellParser parser;
  dfopt::fuzz::exercise_shell(parser, std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
