// Fuzzes the Dockerfile parser on arbitrary bytes: parsing never crashes, hangs or leaks, and
// every range of the AST and of the diagnostics lies inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/properties.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static dfopt::Parser parser;  // reused as a worker does, so its reset path is fuzzed too
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const std::string error = dfopt::fuzz::parse_properties(parser, text); !error.empty()) {
    std::fprintf(stderr, "fuzz_parse: %s\n", error.c_str());
    std::abort();
  }
  return 0;
}
