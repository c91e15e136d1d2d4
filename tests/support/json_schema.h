#pragma once

// Header-only: tests/CMakeLists.txt compiles the test folders, not support/, so a .cpp here would
// need a build change.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dfopt::test {

/// A small JSON Schema validator (draft-04/07 subset) for tests, enough for the SARIF 2.1.0
/// schema in ../shared/schemas: type, enum, const, properties, required, additionalProperties
/// (bool or schema), items (schema or tuple), minItems, maxItems, uniqueItems, minimum, maximum,
/// minLength, pattern (ECMAScript), format (uri, uri-reference, date-time; checked loosely),
/// allOf, anyOf, oneOf, not, and $ref to a JSON pointer within the same document ("#/...").
///
/// A keyword outside that list is reported as an error rather than ignored, so a schema that
/// needs more cannot pass by accident. Annotations ($schema, id, $id, title, description,
/// default, definitions, examples) are ignored.
class JsonSchema {
 public:
  explicit JsonSchema(nlohmann::json schema);

  /// Every violation as "<JSON pointer into the instance>: <what is wrong>"; empty when
  /// `instance` is valid.
  std::vector<std::string> validate(const nlohmann::json& instance) const;

 private:
  void check(const nlohmann::json& schema, const nlohmann::json& instance, const std::string& at,
             std::vector<std::string>& errors, int depth) const;
  const nlohmann::json* resolve(const std::string& ref) const;

  nlohmann::json root_;
};

// Implementation.

namespace detail {

using json = nlohmann::json;

inline bool has_type(const json& v, std::string_view type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (type == "integer") {
    if (v.is_number_integer()) return true;
    if (!v.is_number_float()) return false;
    const double d = v.get<double>();
    return std::isfinite(d) && std::trunc(d) == d;
  }
  return false;
}

inline std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

inline bool valid_percent_escapes(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') continue;
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      return false;
    }
  }
  return true;
}

/// RFC 3986 in spirit, loosely: no whitespace, controls, or characters that must be escaped
/// ("<>\"{}|\\^`"), and well-formed percent escapes. Non-ASCII is tolerated (IRIs).
inline bool valid_uri_reference(std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F ||
        std::string_view("<>\"{}|\\^`").find(ch) != std::string_view::npos) {
      return false;
    }
  }
  return valid_percent_escapes(s);
}

inline bool valid_uri(std::string_view s) {
  static const std::regex kScheme("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  return valid_uri_reference(s) && std::regex_match(s.begin(), s.end(), kScheme);
}

inline bool valid_date_time(std::string_view s) {
  static const std::regex kRfc3339(
      R"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)");
  return std::regex_match(s.begin(), s.end(), kRfc3339);
}

inline constexpr int kMaxDepth = 200;  // $ref cycles in a broken schema must not recurse forever

}  // namespace detail

inline JsonSchema::JsonSchema(nlohmann::json schema) : root_(std::move(schema)) {}

inline std::vector<std::string> JsonSchema::validate(const nlohmann::json& instance) const {
  std::vector<std::string> errors;
  check(root_, instance, "", errors, 0);
  return errors;
}

inline const nlohmann::json* JsonSchema::resolve(const std::string& ref) const {
  if (ref.empty() || ref[0] != '#') return nullptr;
  try {
    const nlohmann::json::json_pointer pointer(ref.substr(1));
    return root_.contains(pointer) ? &root_.at(pointer) : nullptr;
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

inline void JsonSchema::check(const nlohmann::json& schema, const nlohmann::json& v,
                              const std::string& at, std::vector<std::string>& errors,
                              int depth) const {
  using namespace detail;
  using json = nlohmann::json;
  const std::string where = at.empty() ? "/" : at;
  auto fail = [&](const std::string& what) { errors.push_back(where + ": " + what); };
  if (depth > kMaxDepth) return fail("schema nesting too deep ($ref cycle?)");
  if (schema.is_boolean()) {
    if (!schema.get<bool>()) fail("no value is allowed here");
    return;
  }
  if (!schema.is_object()) return fail("schema is not an object");

  static const std::set<std::string, std::less<>> kAnnotations = {
      "$schema", "id", "$id", "title", "description", "default", "definitions", "examples"};
  static const std::set<std::string, std::less<>> kKeywords = {"$ref",
                                                               "type",
                                                               "enum",
                                                               "const",
                                                               "properties",
                                                               "required",
                                                               "additionalProperties",
                                                               "items",
                                                               "minItems",
                                                               "maxItems",
                                                               "uniqueItems",
                                                               "minimum",
                                                               "maximum",
                                                               "minLength",
                                                               "pattern",
                                                               "format",
                                                               "allOf",
                                                               "anyOf",
                                                               "oneOf",
                                                               "not"};
  for (const auto& [key, value] : schema.items()) {
    if (!kAnnotations.contains(key) && !kKeywords.contains(key)) {
      fail("unsupported schema keyword '" + key + "'");
    }
  }

  if (auto it = schema.find("$ref"); it != schema.end()) {
    // Draft-04/07: $ref replaces the other keywords of its schema.
    const json* target = it->is_string() ? resolve(it->get<std::string>()) : nullptr;
    if (target == nullptr) return fail("unresolvable $ref " + it->dump());
    return check(*target, v, at, errors, depth + 1);
  }

  if (auto it = schema.find("type"); it != schema.end()) {
    bool ok = false;
    if (it->is_string()) {
      ok = has_type(v, it->get<std::string>());
    } else {
      for (const json& t : *it) ok = ok || (t.is_string() && has_type(v, t.get<std::string>()));
    }
    if (!ok) return fail("expected type " + it->dump() + ", got " + v.type_name());
  }
  if (auto it = schema.find("enum"); it != schema.end()) {
    if (std::find(it->begin(), it->end(), v) == it->end()) {
      fail(v.dump() + " is not one of " + it->dump());
    }
  }
  if (auto it = schema.find("const"); it != schema.end() && *it != v) {
    fail(v.dump() + " is not " + it->dump());
  }

  if (v.is_object()) {
    const json* properties = nullptr;
    if (auto it = schema.find("properties"); it != schema.end()) properties = &*it;
    if (auto it = schema.find("required"); it != schema.end()) {
      for (const json& name : *it) {
        if (!v.contains(name.get<std::string>())) {
          fail("missing required property '" + name.get<std::string>() + "'");
        }
      }
    }
    const auto additional = schema.find("additionalProperties");
    for (const auto& [key, value] : v.items()) {
      const std::string child = at + "/" + escape_pointer(key);
      if (properties != nullptr && properties->contains(key)) {
        check((*properties)[key], value, child, errors, depth + 1);
      } else if (additional != schema.end()) {
        if (additional->is_boolean() && !additional->get<bool>()) {
          fail("property '" + key + "' is not allowed");
        } else if (additional->is_object()) {
          check(*additional, value, child, errors, depth + 1);
        }
      }
    }
  }

  if (v.is_array()) {
    if (auto it = schema.find("minItems"); it != schema.end() && v.size() < it->get<size_t>()) {
      fail("needs at least " + it->dump() + " items, has " + std::to_string(v.size()));
    }
    if (auto it = schema.find("maxItems"); it != schema.end() && v.size() > it->get<size_t>()) {
      fail("allows at most " + it->dump() + " items, has " + std::to_string(v.size()));
    }
    if (auto it = schema.find("uniqueItems"); it != schema.end() && it->get<bool>()) {
      std::set<json> seen;
      for (const json& item : v) {
        if (!seen.insert(item).second) fail("items are not unique: " + item.dump());
      }
    }
    if (auto it = schema.find("items"); it != schema.end()) {
      for (size_t i = 0; i < v.size(); ++i) {
        const std::string child = at + "/" + std::to_string(i);
        if (it->is_array()) {
          if (i < it->size()) check((*it)[i], v[i], child, errors, depth + 1);
        } else {
          check(*it, v[i], child, errors, depth + 1);
        }
      }
    }
  }

  if (v.is_number()) {
    const double d = v.get<double>();
    if (auto it = schema.find("minimum"); it != schema.end() && d < it->get<double>()) {
      fail(v.dump() + " is below the minimum " + it->dump());
    }
    if (auto it = schema.find("maximum"); it != schema.end() && d > it->get<double>()) {
      fail(v.dump() + " is above the maximum " + it->dump());
    }
  }

  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (auto it = schema.find("minLength"); it != schema.end() && s.size() < it->get<size_t>()) {
      fail("string shorter than " + it->dump());
    }
    if (auto it = schema.find("pattern"); it != schema.end()) {
      const std::regex re(it->get<std::string>(), std::regex::ECMAScript);
      if (!std::regex_search(s, re)) fail(v.dump() + " does not match " + it->dump());
    }
    if (auto it = schema.find("format"); it != schema.end()) {
      const std::string format = it->get<std::string>();
      bool ok = true;
      if (format == "uri") {
        ok = valid_uri(s);
      } else if (format == "uri-reference") {
        ok = valid_uri_reference(s);
      } else if (format == "date-time") {
        ok = valid_date_time(s);
      } else {
        fail("unsupported format '" + format + "'");
      }
      if (!ok) fail(v.dump() + " is not a valid " + format);
    }
  }

  if (auto it = schema.find("allOf"); it != schema.end()) {
    for (const json& sub : *it) check(sub, v, at, errors, depth + 1);
  }
  auto passes = [&](const json& sub) {
    std::vector<std::string> sub_errors;
    check(sub, v, at, sub_errors, depth + 1);
    return sub_errors.empty();
  };
  if (auto it = schema.find("anyOf"); it != schema.end()) {
    if (std::none_of(it->begin(), it->end(), passes)) fail("matches none of anyOf " + it->dump());
  }
  if (auto it = schema.find("oneOf"); it != schema.end()) {
    const auto n = std::count_if(it->begin(), it->end(), passes);
    if (n != 1) fail("matches " + std::to_string(n) + " of oneOf " + it->dump() + ", not 1");
  }
  if (auto it = schema.find("not"); it != schema.end() && passes(*it)) {
    fail("matches the schema under 'not'");
  }
}

}  // namespace dfopt::test
