// Fuzzes check_file on arbitrary bytes with the default rule selection and with every rule on:
// parsing, the model and the rules never crash, hang or leak, and every finding's range (and
// every edit of its fix) lies inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/properties.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static dfopt::Parser parser;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const dfopt::Settings* settings :
       {&dfopt::fuzz::default_settings(), &dfopt::fuzz::all_rules_settings()}) {
    if (const std::string error = dfopt::fuzz::check_properties(parser, text, *settings);
        !error.empty()) {
      std::fprintf(stderr, "fuzz_check: %s\n", error.c_str());
      std::abort();
    }
  }
  return 0;
}
