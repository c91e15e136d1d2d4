#pragma once

// A streaming JSON writer for the report emitters. It writes exactly what
// `nlohmann::ordered_json::dump(2, ' ', false, error_handler_t::replace)` writes for the same
// document, without building the document first: for a large report, building an
// ordered_json tree costs more than checking the files. Private to libdfopt.

#include <fmt/format.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace dfopt::detail {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  /// Writes an object key; the next call writes its value.
  JsonWriter& key(std::string_view name) {
    separate();
    escaped(name);
    out_ += ": ";
    after_key_ = true;
    return *this;
  }

  JsonWriter& value(std::string_view s) {
    separate();
    escaped(s);
    return *this;
  }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(uint64_t n) {
    separate();
    fmt::format_to(std::back_inserter(out_), "{}", n);
    return *this;
  }
  JsonWriter& value(uint32_t n) { return value(static_cast<uint64_t>(n)); }
  JsonWriter& value(bool b) {
    separate();
    out_ += b ? "true" : "false";
    return *this;
  }
  JsonWriter& null() {
    separate();
    out_ += "null";
    return *this;
  }
  /// Writes an already built value (rarely used parts of a document), indented to fit.
  JsonWriter& value(const nlohmann::ordered_json& v) {
    return value(Prebuilt{v.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)});
  }
  /// A value already dumped as nlohmann's dump(2) would at the top level: reused when the same
  /// value is written many times.
  struct Prebuilt {
    std::string text;
  };
  JsonWriter& value(const Prebuilt& v) {
    separate();
    const size_t indent = 2 * open_.size();
    for (char c : v.text) {  // strings hold no raw newline: every one is layout
      out_.push_back(c);
      if (c == '\n') out_.append(indent, ' ');
    }
    return *this;
  }

  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

 private:
  JsonWriter& open(char bracket) {
    separate();
    out_.push_back(bracket);
    open_.push_back(true);  // still empty
    return *this;
  }
  JsonWriter& close(char bracket) {
    const bool empty = open_.back();
    open_.pop_back();
    if (!empty) newline();
    out_.push_back(bracket);
    return *this;
  }
  void newline() {
    out_.push_back('\n');
    out_.append(2 * open_.size(), ' ');
  }
  /// Before a key, or a value that has no key: ",\n" or "\n" plus indentation.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (open_.empty()) return;
    if (open_.back()) {
      open_.back() = false;
    } else {
      out_.push_back(',');
    }
    newline();
  }
  void escaped(std::string_view s) {
    // Plain printable ASCII is copied; anything else goes through nlohmann's escaping, so
    // control characters and invalid UTF-8 come out exactly as the dump of a document does.
    for (unsigned char c : s) {
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        out_ += nlohmann::ordered_json(std::string(s)).dump(
            -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        return;
      }
    }
    out_.push_back('"');
    out_.append(s);
    out_.push_back('"');
  }

  std::string& out_;
  std::vector<bool> open_;  ///< per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace dfopt::detail
