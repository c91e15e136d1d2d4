// Docker image references, normalised as github.com/distribution/reference does
// (ParseNormalizedNamed, the function BuildKit calls on every FROM). The grammar:
//
//   reference        := name [ ":" tag ] [ "@" digest ]
//   name             := [domain '/'] remote-name
//   domain           := host [':' port-number]
//   host             := domain-name | '[' IPv6address ']'
//   domain-name      := domain-component ['.' domain-component]*
//   domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
//   remote-name      := path-component ['/' path-component]*
//   path-component   := /[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*/
//   tag              := /[\w][\w.-]{0,127}/
//   digest           := /[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}/
//
// The package matches with Go regexps; the matchers below are hand-written equivalents (every
// part is delimited by a character the previous part cannot contain, so no backtracking is
// needed beyond "with or without a domain").

#include <algorithm>
#include <string>
#include <string_view>

#include "dfopt/model.h"

namespace dfopt::model {
namespace {

constexpr std::string_view kDefaultDomain = "docker.io";
constexpr std::string_view kLegacyDefaultDomain = "index.docker.io";
constexpr std::string_view kOfficialPrefix = "library/";
constexpr size_t kNameTotalLengthMax = 255;

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_word(char c) { return is_alnum(c) || c == '_'; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// path-component: alphanumeric runs joined by ".", "_", "__" or one or more "-".
bool match_path_component(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  auto alnum_run = [&] {
    const size_t start = i;
    while (i < n && is_lower_alnum(s[i])) ++i;
    return i > start;
  };
  if (!alnum_run()) return false;
  while (i < n) {
    if (s[i] == '.') {
      ++i;
    } else if (s[i] == '_') {
      ++i;
      if (i < n && s[i] == '_') ++i;
    } else if (s[i] == '-') {
      while (i < n && s[i] == '-') ++i;
    } else {
      return false;
    }
    if (!alnum_run()) return false;
  }
  return true;
}

bool match_remote_name(std::string_view s) {
  size_t start = 0;
  while (true) {
    const size_t slash = s.find('/', start);
    const std::string_view comp =
        s.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (!match_path_component(comp)) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

bool match_domain_component(std::string_view s) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

bool match_domain_and_port(std::string_view s) {
  std::string_view host;
  std::string_view rest;
  if (!s.empty() && s.front() == '[') {
    const size_t close = s.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    const std::string_view inner = s.substr(1, close - 1);
    if (!std::all_of(inner.begin(), inner.end(), [](char c) { return is_hex(c) || c == ':'; })) {
      return false;
    }
    rest = s.substr(close + 1);
  } else {
    const size_t colon = s.find(':');
    host = s.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : s.substr(colon);
    size_t start = 0;
    while (true) {
      const size_t dot = host.find('.', start);
      const std::string_view comp =
          host.substr(start, dot == std::string_view::npos ? dot : dot - start);
      if (!match_domain_component(comp)) return false;
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
  if (rest.empty()) return true;
  if (rest.front() != ':' || rest.size() < 2) return false;
  return std::all_of(rest.begin() + 1, rest.end(), is_digit);
}

bool match_tag(std::string_view s) {
  if (s.empty() || s.size() > 128 || !is_word(s.front())) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return is_word(c) || c == '.' || c == '-'; });
}

bool match_digest(std::string_view s) {
  const size_t colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view algo = s.substr(0, colon);
  const std::string_view hex = s.substr(colon + 1);
  // algorithm := component (separator component)*, component := [A-Za-z][A-Za-z0-9]*
  size_t i = 0;
  while (true) {
    if (i >= algo.size() || !is_alpha(algo[i])) return false;
    ++i;
    while (i < algo.size() && is_alnum(algo[i])) ++i;
    if (i == algo.size()) break;
    const char sep = algo[i];
    if (sep != '-' && sep != '_' && sep != '+' && sep != '.') return false;
    ++i;
  }
  return hex.size() >= 32 && std::all_of(hex.begin(), hex.end(), is_hex);
}

struct RefMatch {
  std::string_view domain;
  std::string_view path;
  std::string_view tag;
  std::string_view digest;
  std::string_view name;  // domain + "/" + path, as the regexp's first capture
};

// ReferenceRegexp, anchored, trying the optional domain first as Go's leftmost-first
// matching does.
bool match_reference(std::string_view s, bool with_domain, RefMatch& m) {
  m = RefMatch{};
  size_t pos = 0;
  if (with_domain) {
    const size_t slash = s.find('/');
    if (slash == std::string_view::npos || !match_domain_and_port(s.substr(0, slash))) {
      return false;
    }
    m.domain = s.substr(0, slash);
    pos = slash + 1;
  }
  const size_t name_end = std::min(s.find_first_of(":@", pos), s.size());
  m.path = s.substr(pos, name_end - pos);
  if (!match_remote_name(m.path)) return false;
  m.name = s.substr(0, name_end);
  std::string_view rest = s.substr(name_end);
  if (!rest.empty() && rest.front() == ':') {
    const size_t at = rest.find('@');
    m.tag = rest.substr(1, at == std::string_view::npos ? at : at - 1);
    if (!match_tag(m.tag)) return false;
    rest = at == std::string_view::npos ? std::string_view() : rest.substr(at);
  }
  if (!rest.empty()) {
    if (rest.front() != '@') return false;
    m.digest = rest.substr(1);
    if (!match_digest(m.digest)) return false;
  }
  return true;
}

bool match_reference(std::string_view s, RefMatch& m) {
  return match_reference(s, true, m) || match_reference(s, false, m);
}

// go-digest's Digest.Validate, with the algorithms a default build registers.
std::string validate_digest(std::string_view d) {
  const size_t colon = d.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == d.size()) {
    return "invalid checksum digest format";
  }
  const std::string_view algo = d.substr(0, colon);
  const std::string_view hex = d.substr(colon + 1);
  size_t size = 0;
  if (algo == "sha256") {
    size = 64;
  } else if (algo == "sha384") {
    size = 96;
  } else if (algo == "sha512") {
    size = 128;
  } else {
    return "unsupported digest algorithm";
  }
  if (hex.size() != size) return "invalid checksum digest length";
  const bool lower_hex = std::all_of(hex.begin(), hex.end(),
                                     [](char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); });
  return lower_hex ? std::string() : "invalid checksum digest format";
}

}  // namespace

std::string ImageRef::name() const {
  if (registry.empty()) return repository;
  return registry + "/" + repository;
}

std::string ImageRef::familiar_name() const {
  if (registry != kDefaultDomain) return name();
  std::string_view path = repository;
  if (path.starts_with(kOfficialPrefix)) {
    const std::string_view rest = path.substr(kOfficialPrefix.size());
    if (rest.find('/') == std::string_view::npos) path = rest;
  }
  return std::string(path);
}

std::string ImageRef::canonical() const {
  std::string out = name();
  if (!tag.empty()) {
    out += ':';
    out += tag;
  } else if (digest.empty()) {
    out += ":latest";  // reference.TagNameOnly
  }
  if (!digest.empty()) {
    out += '@';
    out += digest;
  }
  return out;
}

bool ImageRef::is_official() const {
  return valid && registry == kDefaultDomain && repository.starts_with(kOfficialPrefix) &&
         repository.find('/', kOfficialPrefix.size()) == std::string::npos;
}

ImageRef parse_image_ref(std::string_view text) {
  ImageRef ref;
  ref.raw = std::string(text);
  ref.expanded = ref.raw;

  // A bare 64-hex string is an image ID, which ParseNormalizedNamed refuses.
  if (text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
        return is_digit(c) || (c >= 'a' && c <= 'f');
      })) {
    ref.error =
        "invalid repository name (" + ref.raw + "), cannot specify 64-byte hexadecimal strings";
    return ref;
  }

  // splitDockerDomain: the first component is a registry only when it looks like a host name
  // (has '.' or ':', is "localhost", or has upper-case letters, which repositories cannot).
  std::string domain;
  std::string remainder;
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos ||
      (text.substr(0, slash).find_first_of(".:") == std::string_view::npos &&
       text.substr(0, slash) != "localhost" &&
       to_lower(text.substr(0, slash)) == text.substr(0, slash))) {
    domain = std::string(kDefaultDomain);
    remainder = std::string(text);
  } else {
    domain = std::string(text.substr(0, slash));
    remainder = std::string(text.substr(slash + 1));
  }
  if (domain == kLegacyDefaultDomain) domain = std::string(kDefaultDomain);
  if (domain == kDefaultDomain && remainder.find('/') == std::string::npos) {
    remainder = std::string(kOfficialPrefix) + remainder;
  }

  const std::string_view remote_name = std::string_view(remainder).substr(0, remainder.find(':'));
  if (to_lower(remote_name) != remote_name) {
    ref.error = "invalid reference format: repository name (" + std::string(remote_name) +
                ") must be lowercase";
    return ref;
  }

  const std::string full = domain + "/" + remainder;
  RefMatch m;
  if (!match_reference(full, m)) {
    if (text.empty()) {
      ref.error = "repository name must have at least one component";
    } else if (RefMatch lower; match_reference(to_lower(full), lower)) {
      ref.error = "repository name must be lowercase";
    } else {
      ref.error = "invalid reference format";
    }
    return ref;
  }
  if (m.name.size() > kNameTotalLengthMax) {
    ref.error = "repository name must not be more than 255 characters";
    return ref;
  }
  if (!m.digest.empty()) {
    if (std::string err = validate_digest(m.digest); !err.empty()) {
      ref.error = std::move(err);
      return ref;
    }
  }
  ref.valid = true;
  ref.registry = std::string(m.domain);
  ref.repository = std::string(m.path);
  if (m.domain.empty()) ref.repository = std::string(m.name);
  ref.tag = std::string(m.tag);
  ref.digest = std::string(m.digest);
  return ref;
}

}  // namespace dfopt::model
