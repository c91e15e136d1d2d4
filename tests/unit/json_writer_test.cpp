// The report emitters stream JSON through JsonWriter; their output must stay byte-identical to
// nlohmann's dump(2) of the same document (the documented formats were defined by it).

#include "report/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace dfopt::detail {
namespace {

using ordered_json = nlohmann::ordered_json;

std::string random_string(std::mt19937& rng) {
  // Printable ASCII, quotes and backslashes, control characters, valid multi-byte UTF-8 and
  // invalid bytes (stray continuation bytes, truncated sequences).
  static const std::vector<std::string> pieces = {
      "a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\r", std::string(1, '\x01'), "\x1f", "\x7f",
      "é", "😀", "€", "\x80", "\xc3", "\xe2\x82", "\xff", "{", "}", "[", "]", ":", ","};
  std::string s;
  const int n = static_cast<int>(rng() % 8);
  for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
  return s;
}

/// Writes a random document to `w` and returns the same document as ordered_json.
ordered_json random_value(std::mt19937& rng, JsonWriter& w, int depth) {
  const unsigned kind = depth >= 4 ? rng() % 4 : rng() % 7;
  switch (kind) {
    case 0: {
      const std::string s = random_string(rng);
      w.value(s);
      return s;
    }
    case 1: {
      const uint64_t n = rng() % 3 == 0 ? rng() : rng() % 100;
      w.value(n);
      return n;
    }
    case 2:
      w.null();
      return nullptr;
    case 3: {
      const bool b = rng() % 2 == 0;
      w.value(b);
      return b;
    }
    case 4: {
      ordered_json a = ordered_json::array();
      w.begin_array();
      const int n = static_cast<int>(rng() % 4);
      for (int i = 0; i < n; ++i) a.push_back(random_value(rng, w, depth + 1));
      w.end_array();
      return a;
    }
    case 5: {
      // An embedded prebuilt value, as the SARIF emitter writes rule descriptors.
      ordered_json v = {{"k", random_string(rng)}, {"list", {1, 2, ordered_json::object()}}};
      if (rng() % 2 == 0) v["nested"] = {{"deep", {{"deeper", ordered_json::array()}}}};
      w.value(v);
      return v;
    }
    default: {
      ordered_json o = ordered_json::object();
      w.begin_object();
      const int n = static_cast<int>(rng() % 4);
      for (int i = 0; i < n; ++i) {
        const std::string key = "k" + std::to_string(i) + random_string(rng);
        w.key(key);
        o[key] = random_value(rng, w, depth + 1);
      }
      w.end_object();
      return o;
    }
  }
}

TEST(JsonWriter, MatchesNlohmannDump) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 2000; ++round) {
    std::string out;
    JsonWriter w(out);
    const ordered_json expected = random_value(rng, w, 0);
    ASSERT_EQ(out, expected.dump(2, ' ', false, ordered_json::error_handler_t::replace))
        << "round " << round;
  }
}

TEST(JsonWriter, EmptyContainersAndNesting) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("a").begin_array().end_array().key("b").begin_object().end_object();
  w.key("c").begin_array().begin_object().field("x", uint64_t{1}).end_object().end_array();
  w.end_object();
  EXPECT_EQ(out,
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    {\n      \"x\": 1\n    }\n  ]\n}");
}

}  // namespace
}  // namespace dfopt::detail
