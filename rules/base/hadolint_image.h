#pragma once
// Image references read the way hadolint's parser (language-docker) reads them, for the rules
// that promise hadolint's exact semantics (DL3006, DL3007, DL3026). They differ from Docker's
// normalisation on purpose: the registry is recognised by a '.', never by a port, and nothing is
// expanded.

#include <optional>
#include <string_view>
#include <utility>

namespace dfopt::rules::detail {

/// A FROM image as language-docker's parseBaseImage splits it.
struct HadolintImage {
  std::string_view registry;  ///< "" when none
  std::string_view name;      ///< after the registry, up to ':' or '@'
  std::optional<std::string_view> tag;
  bool digest = false;
};

/// Parses the image word of a FROM: an optional registry (text up to the first '.', then up to
/// the next '/', which is dropped), a name up to ':' or '@', an optional `:tag` and `@digest`.
/// std::nullopt when language-docker rejects the line (hadolint then reports a parse error and
/// runs no rule).
inline std::optional<HadolintImage> parse_hadolint_from_image(std::string_view s) {
  HadolintImage img;
  if (const size_t dot = s.find('.'); dot != std::string_view::npos && dot > 0) {
    const size_t slash = s.find('/', dot + 1);
    if (slash != std::string_view::npos && slash > dot + 1) {
      img.registry = s.substr(0, slash);
      s.remove_prefix(slash + 1);
    }
  }
  size_t end = s.find_first_of(":@");
  if (end == std::string_view::npos) end = s.size();
  if (end == 0) return std::nullopt;
  img.name = s.substr(0, end);
  s.remove_prefix(end);
  if (!s.empty() && s.front() == ':') {
    s.remove_prefix(1);
    size_t t = s.find_first_of(":@");
    if (t == std::string_view::npos) t = s.size();
    if (t == 0) return std::nullopt;
    img.tag = s.substr(0, t);
    s.remove_prefix(t);
  }
  if (!s.empty() && s.front() == '@') {
    if (s.size() == 1 || s.find('@', 1) != std::string_view::npos) return std::nullopt;
    img.digest = true;
    s = s.substr(s.size());
  }
  if (!s.empty()) return std::nullopt;
  return img;
}

/// language-docker's `IsString Image` (hadolint applies it to `COPY --from` and mount `from=`
/// values): with a '/', a first component containing '.' is the registry and the rest, tag
/// included, is the name.
inline std::pair<std::string_view, std::string_view> hadolint_image_from_string(
    std::string_view s) {
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos) return {{}, s};
  const std::string_view head = s.substr(0, slash);
  if (head.find('.') == std::string_view::npos) return {{}, s};
  return {head, s.substr(slash + 1)};
}

}  // namespace dfopt::rules::detail
