#include "report/common.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

namespace dfopt {

namespace {

constexpr std::array<std::string_view, 7> kFormatNames = {"text",   "json",   "sarif", "checkstyle",
                                                          "gitlab", "github", "junit"};

}  // namespace

std::string rule_docs_url(const RuleInfo& rule) {
  return fmt::format("{}{}", kRuleDocsBaseUrl, rule.name);
}

std::optional<Format> parse_format(std::string_view name) {
  for (size_t i = 0; i < kFormatNames.size(); ++i) {
    if (kFormatNames[i] == name) return static_cast<Format>(i);
  }
  return std::nullopt;
}

std::string_view to_string(Format f) { return kFormatNames[static_cast<size_t>(f)]; }

std::span<const std::string_view> format_names() { return kFormatNames; }

std::string render(Format format, std::span<const FileReport> files, const RenderOptions& options) {
  switch (format) {
    case Format::text:
      return detail::render_text(files, options);
    case Format::json:
      return detail::render_json(files, options);
    case Format::sarif:
      return detail::render_sarif(files, options);
    case Format::checkstyle:
      return detail::render_checkstyle(files, options);
    case Format::gitlab:
      return detail::render_gitlab(files, options);
    case Format::github:
      return detail::render_github(files, options);
    case Format::junit:
      return detail::render_junit(files, options);
  }
  return detail::render_text(files, options);
}

bool use_color(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return ::isatty(fd) == 1;
}

namespace detail {

Span locate(const SourceFile& source, TextRange range) {
  const std::string_view text = source.text();
  const auto size = static_cast<uint32_t>(text.size());
  const uint32_t begin = std::min(range.begin, size);
  const uint32_t end = std::clamp(range.end, begin, size);
  const LineIndex& lines = source.lines();
  return Span{lines.line_of(begin), lines.utf16_column(begin, text) + 1, lines.line_of(end),
              lines.utf16_column(end, text) + 1};
}

RuleTable::RuleTable(std::span<const Rule* const> ran) {
  for (const Rule* rule : ran) {
    if (rule == nullptr) continue;
    by_key_.emplace(rule->info().id, &rule->info());
    by_key_.emplace(rule->info().name, &rule->info());
  }
}

const RuleInfo* RuleTable::find(std::string_view code) const {
  if (auto it = by_key_.find(code); it != by_key_.end()) return it->second;
  // find_rule also takes aliases and IDs in any case; a diagnostic code is neither.
  const Rule* rule = find_rule(code);
  if (rule != nullptr && (rule->info().id == code || rule->info().name == code)) {
    return &rule->info();
  }
  return nullptr;
}

std::string_view RuleTable::id(std::string_view code) const {
  const RuleInfo* info = find(code);
  return info != nullptr ? info->id : code;
}

std::string_view RuleTable::name(std::string_view code) const {
  const RuleInfo* info = find(code);
  return info != nullptr ? info->name : code;
}

Counts count(std::span<const FileReport> files) {
  Counts c;
  c.files = files.size();
  for (const FileReport& file : files) {
    if (file.error) ++c.unreadable;
    for (const Diagnostic& d : file.diagnostics) {
      if (is_internal_error(d)) {
        ++c.internal_errors;
        continue;
      }
      ++c.problems;
      ++c.by_severity[static_cast<size_t>(d.severity)];
      if (has_edits(d.fix) && d.fix->applicability == Applicability::safe) ++c.fixable;
      if (has_edits(d.fix) && d.fix->applicability == Applicability::unsafe) ++c.unsafe_fixable;
    }
  }
  return c;
}

std::string_view to_string(Applicability a) {
  switch (a) {
    case Applicability::safe:
      return "safe";
    case Applicability::unsafe:
      return "unsafe";
    case Applicability::display_only:
      return "display_only";
  }
  return "display_only";
}

std::string_view to_string(ErrorKind k) {
  switch (k) {
    case ErrorKind::io:
      return "io";
    case ErrorKind::usage:
      return "usage";
    case ErrorKind::config:
      return "config";
    case ErrorKind::too_large:
      return "too_large";
    case ErrorKind::invalid_input:
      return "invalid_input";
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

uint64_t fnv1a64(std::string_view data, uint64_t hash) {
  for (char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

namespace {

/// The lines `range` touches, each trimmed with inner runs of blanks collapsed to one space,
/// joined by '\n'. A range ending at the start of a line does not touch that line.
std::string flagged_text(const SourceFile& source, TextRange range) {
  const std::string_view text = source.text();
  const auto size = static_cast<uint32_t>(text.size());
  const uint32_t begin = std::min(range.begin, size);
  uint32_t end = std::clamp(range.end, begin, size);
  if (end > begin) --end;  // the last byte inside the range
  const LineIndex& lines = source.lines();
  std::string out;
  for (uint32_t line = lines.line_of(begin), last = lines.line_of(end); line <= last; ++line) {
    if (!out.empty()) out.push_back('\n');
    const uint32_t start = lines.line_start(line);
    const std::string_view content = text.substr(start, lines.line_end(line, text) - start);
    bool blank = false;
    for (char c : content) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        blank = true;
        continue;
      }
      if (blank && !out.empty() && out.back() != '\n') out.push_back(' ');
      blank = false;
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::vector<Fingerprint> fingerprints(const FileReport& file, const RuleTable& rules) {
  std::vector<Fingerprint> out;
  out.reserve(file.diagnostics.size());
  std::unordered_map<std::string, uint32_t> seen;  // hashed input -> occurrences so far
  for (const Diagnostic& d : file.diagnostics) {
    if (is_internal_error(d)) {
      out.push_back({});
      continue;
    }
    std::string key(rules.id(d.code));
    key.push_back('\0');  // keeps "A" + "Bx" apart from "AB" + "x"
    key += flagged_text(file.source, d.range);
    const uint32_t occurrence = ++seen[key];
    out.push_back({fnv1a64(key), occurrence});
  }
  return out;
}

char32_t decode_utf8(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  size_t size = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // accepted range of the second byte (RFC 3629 table)
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    size = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    size = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    size = 4;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + size > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (size_t k = 1; k < size; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += size;
  return cp;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t c = decode_utf8(s, i);
    if (c == 0xFFFD) {
      append_utf8(out, c);  // an invalid byte, or U+FFFD itself: the same bytes either way
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size();) {
    const char32_t c = decode_utf8(s, i);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        // XML 1.0 Char: no other C0 controls, and no U+FFFE / U+FFFF.
        append_utf8(out, c < 0x20 || c == 0xFFFE || c == 0xFFFF ? char32_t{0xFFFD} : c);
    }
  }
  return out;
}

std::string dump_json(const nlohmann::ordered_json& value) {
  std::string out = value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  out.push_back('\n');
  return out;
}

std::filesystem::path base_directory(const RenderOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path base = options.base_dir.empty() ? fs::current_path(ec) : fs::path(options.base_dir);
  if (base.is_relative()) base = fs::current_path(ec) / base;
  base = base.lexically_normal();
  // "/a/b/" normalizes to "/a/b/" (empty last element); drop it so relative_to sees "/a/b".
  if (!base.has_filename() && base.has_parent_path() && base != base.root_path()) {
    base = base.parent_path();
  }
  return base;
}

std::optional<std::string> relative_to(std::string_view path, const std::filesystem::path& base) {
  namespace fs = std::filesystem;
  fs::path p(path);
  if (p.is_relative()) {
    std::error_code ec;
    p = fs::current_path(ec) / p;
  }
  const fs::path rel = p.lexically_normal().lexically_relative(base);
  if (rel.empty() || rel == "." || *rel.begin() == "..") return std::nullopt;
  return rel.generic_string();
}

std::string repo_path(std::string_view path, const std::filesystem::path& base) {
  if (auto rel = relative_to(path, base)) return *rel;
  return std::string(path);
}

std::string uri_encode_path(std::string_view path) {
  constexpr std::string_view kKeep = "-._~!$&'()*+,;=@/";
  std::string out;
  out.reserve(path.size());
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        kKeep.find(ch) != std::string_view::npos) {
      out.push_back(ch);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string file_uri(const std::filesystem::path& absolute, bool directory) {
  std::string path = absolute.generic_string();
  if (directory && path.back() != '/') path.push_back('/');
  return "file://" + uri_encode_path(path);
}

std::string tool_version(const RenderOptions& options) {
  return options.tool_version.empty() ? std::string(DFOPT_VERSION) : options.tool_version;
}

}  // namespace detail
}  // namespace dfopt
