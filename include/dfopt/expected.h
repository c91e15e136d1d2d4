#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "dfopt/source.h"

namespace dfopt {

/// Kinds of environment and usage errors (problems in a Dockerfile are diagnostics instead).
enum class ErrorKind { io, usage, config, too_large, invalid_input, internal };

/// An environment or usage error: what went wrong, and where when that is known.
struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
  std::string path;                   ///< file the error is about, if any
  std::optional<Position> location;  ///< 1-based line/column in `path`, if any
};

/// A value or an Error. A small stand-in for C++23 std::expected.
template <typename T>
class Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Expected(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// Formats an error as a compiler would: "path:line:col: error: message".
std::string format_error(const Error& e);

}  // namespace dfopt
