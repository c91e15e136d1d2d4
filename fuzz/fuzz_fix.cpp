// Fuzzes fix_file (every rule, unsafe fixes on) on arbitrary bytes. Besides crashes, hangs and
// leaks it aborts when fix_file's contract is broken: a file with syntax errors is changed, a
// fixed text does not parse, or fixing the fixed text changes it again.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/properties.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static dfopt::Parser parser;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const std::string error = dfopt::fuzz::fix_properties(parser, text); !error.empty()) {
    std::fprintf(stderr, "fuzz_fix: %s\n", error.c_str());
    std::abort();
  }
  return 0;
}
