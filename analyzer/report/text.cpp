// `text`: compiler-style lines, an optional source snippet with carets, and a summary.

#include <fmt/format.h>

#include <algorithm>

#include "report/common.h"

namespace dfopt::detail {
namespace {

/// ANSI escapes, all empty when colour is off.
struct Style {
  explicit Style(bool on) : on_(on) {}
  std::string_view bold() const { return on_ ? "\x1b[1m" : ""; }
  std::string_view reset() const { return on_ ? "\x1b[0m" : ""; }
  std::string_view gutter() const { return on_ ? "\x1b[1;34m" : ""; }
  std::string_view severity(Severity s) const {
    if (!on_) return "";
    switch (s) {
      case Severity::error:
        return "\x1b[1;31m";
      case Severity::warning:
        return "\x1b[1;33m";
      case Severity::info:
        return "\x1b[1;36m";
      case Severity::style:
        return "\x1b[1;35m";
    }
    return "\x1b[1m";
  }

 private:
  bool on_;
};

// Tabs are shown as this many spaces, in the snippet and under it alike (rustc does the same),
// so the carets line up whatever the terminal's tab stops are.
constexpr int kTabWidth = 4;

bool is_control(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0); }

/// Columns a code point takes on a terminal: 0 for combining marks and zero-width characters, 2
/// for East Asian wide and emoji blocks, else 1. An approximation of wcwidth that needs no locale.
int display_width(char32_t c) {
  if (c == '\t') return kTabWidth;
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF) return 0;
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
      (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

/// Appends `c` as it is safe to show on a terminal: a Dockerfile or message must not be able to
/// send escape sequences, so control characters (C0, DEL, C1) become U+FFFD.
void append_shown(std::string& out, char32_t c) {
  if (c == '\t') {
    out.append(kTabWidth, ' ');
  } else {
    append_utf8(out, is_control(c) ? char32_t{0xFFFD} : c);
  }
}

std::string shown(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) append_shown(out, decode_utf8(s, i));
  return out;
}

/// The first line of the finding as a gutter, the line, and carets under the range (to the end
/// of that line when the range goes on).
void append_snippet(std::string& out, const SourceFile& source, TextRange range, const Span& span,
                    Severity severity, const Style& style) {
  const std::string_view text = source.text();
  const LineIndex& lines = source.lines();
  const uint32_t start = lines.line_start(span.line);
  uint32_t end = lines.line_end(span.line, text);
  if (end > start && text[end - 1] == '\r') --end;
  const uint32_t hit_begin = std::clamp(range.begin, start, end);
  const uint32_t hit_end = std::clamp(range.end, hit_begin, end);

  std::string line_text;
  int before = 0, under = 0;
  const std::string_view content = text.substr(start, end - start);
  for (size_t i = 0; i < content.size();) {
    const uint32_t offset = start + static_cast<uint32_t>(i);
    const char32_t c = decode_utf8(content, i);
    append_shown(line_text, c);
    const int width = is_control(c) ? 1 : display_width(c);
    if (offset < hit_begin) {
      before += width;
    } else if (offset < hit_end) {
      under += width;
    }
  }
  std::string carets(static_cast<size_t>(before), ' ');
  carets.push_back('^');
  if (under > 1) carets.append(static_cast<size_t>(under - 1), '~');

  out += fmt::format("{}{:>5} |{} {}\n", style.gutter(), span.line, style.reset(), line_text);
  out += fmt::format("{}{:>5} |{} {}{}{}\n", style.gutter(), "", style.reset(),
                     style.severity(severity), carets, style.reset());
}

std::string_view fix_note(Applicability a) {
  switch (a) {
    case Applicability::safe:
      return "";
    case Applicability::unsafe:
      return " (unsafe fix)";
    case Applicability::display_only:
      return " (shown only, never applied)";
  }
  return "";
}

std::string plural(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// "1 error, 2 warnings": the non-zero severity counts.
std::string by_severity(const Counts& c) {
  constexpr std::array<std::string_view, 4> kOne = {"error", "warning", "info", "style"};
  constexpr std::array<std::string_view, 4> kMany = {"errors", "warnings", "info", "style"};
  std::string parts;
  for (size_t s = 0; s < kOne.size(); ++s) {
    if (c.by_severity[s] == 0) continue;
    if (!parts.empty()) parts += ", ";
    parts += plural(c.by_severity[s], kOne[s], kMany[s]);
  }
  return parts;
}

std::string summary(const Counts& c, std::optional<size_t> fixed) {
  std::string out;
  if (fixed && *fixed > 0) {
    // ruff's form after --fix: what was found, how much was fixed, what is left.
    out = fmt::format("Found {} ({} fixed, {} remaining{})",
                      plural(c.problems + *fixed, "problem", "problems"), *fixed, c.problems,
                      c.problems > 0 ? ": " + by_severity(c) : "");
  } else if (c.problems == 0) {
    out = "No problems found";
  } else {
    out = fmt::format("Found {} ({})", plural(c.problems, "problem", "problems"), by_severity(c));
  }
  if (c.fixable > 0) out += fmt::format("; {} fixable with --fix", c.fixable);
  if (c.unsafe_fixable > 0) {
    out += c.fixable > 0 ? fmt::format(" ({} more with --unsafe-fixes)", c.unsafe_fixable)
                         : fmt::format("; {} fixable with --unsafe-fixes", c.unsafe_fixable);
  }
  if (c.unreadable > 0) {
    out += fmt::format("; {} could not be read", plural(c.unreadable, "file", "files"));
  }
  if (c.internal_errors > 0) {
    out += "; " + plural(c.internal_errors, "internal error", "internal errors");
  }
  return out;
}

}  // namespace

std::string render_text(std::span<const FileReport> files, const RenderOptions& options) {
  const Style style(options.color);
  const RuleTable rules(options.rules);
  std::string out;
  for (const FileReport& file : files) {
    const std::string path = shown(file.path);
    if (file.error) {
      out += fmt::format("{}{}:{} {}error:{} {}{}{} [{}]\n", style.bold(), path, style.reset(),
                         style.severity(Severity::error), style.reset(), style.bold(),
                         shown(file.error->message), style.reset(), kIoErrorCode);
    }
    for (const Diagnostic& d : file.diagnostics) {
      const Span span = locate(file.source, d.range);
      out += fmt::format("{}{}:{}:{}:{} {}{}:{} {}{}{} [{}]\n", style.bold(), path, span.line,
                         span.column, style.reset(), style.severity(d.severity),
                         to_string(d.severity), style.reset(), style.bold(), shown(d.message),
                         style.reset(), shown(rules.name(d.code)));
      if (!options.show_source || is_internal_error(d)) continue;
      append_snippet(out, file.source, d.range, span, d.severity, style);
      if (d.fix && !d.fix->title.empty()) {
        out += fmt::format("{}{:>5} ={} help: {}{}\n", style.gutter(), "", style.reset(),
                           shown(d.fix->title), fix_note(d.fix->applicability));
      }
      out.push_back('\n');
    }
  }
  out += fmt::format("{}{}{}\n", style.bold(), summary(count(files), options.fixed), style.reset());
  return out;
}

}  // namespace dfopt::detail
