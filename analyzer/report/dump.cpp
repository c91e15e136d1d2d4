#include "dfopt/dump.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace dfopt {
namespace detail {
namespace {

constexpr char32_t rune_error = 0xFFFD;

struct Rune {
  char32_t value;
  uint32_t width;  ///< bytes consumed; width 1 with value rune_error marks an invalid byte
};

/// Decodes one code point as Go's utf8.DecodeRuneInString does, so that the bytes Go treats as
/// invalid (overlong forms, surrogates, truncated sequences, > U+10FFFF) are the ones we escape
/// as `\xNN`. `s` must not be empty.
Rune decode_rune(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return {b0, 1};
  uint32_t size = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // accepted range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    size = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    size = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong 3-byte forms
    if (b0 == 0xED) hi = 0x9F;  // no UTF-16 surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    size = 4;
    if (b0 == 0xF0) lo = 0x90;  // no overlong 4-byte forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return {rune_error, 1};
  }
  if (s.size() < size) return {rune_error, 1};
  const auto b1 = static_cast<unsigned char>(s[1]);
  if (b1 < lo || b1 > hi) return {rune_error, 1};
  if (size == 2) return {static_cast<char32_t>((b0 & 0x1F) << 6 | (b1 & 0x3F)), 2};
  const auto b2 = static_cast<unsigned char>(s[2]);
  if (b2 < 0x80 || b2 > 0xBF) return {rune_error, 1};
  if (size == 3) {
    return {static_cast<char32_t>((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)), 3};
  }
  const auto b3 = static_cast<unsigned char>(s[3]);
  if (b3 < 0x80 || b3 > 0xBF) return {rune_error, 1};
  return {
      static_cast<char32_t>((b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)),
      4};
}

void append_utf8(std::string& out, char32_t r) {
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

struct CodePointRange {
  char32_t lo, hi;
};

// Go's unicode.IsPrint, from UnicodeData.txt by scripts/gen_unicode_tables.py.
constexpr CodePointRange print_ranges[] = {
#include "go_isprint_table.inc"
};

struct LowerRun {
  char32_t lo, hi;
  int32_t delta;
  uint32_t stride;
};

// Go's unicode.ToLower (simple case mapping), from the same generator.
constexpr LowerRun lower_runs[] = {
#include "go_tolower_table.inc"
};

bool is_print(char32_t r) {
  const auto* it = std::upper_bound(std::begin(print_ranges), std::end(print_ranges), r,
                                    [](char32_t v, const CodePointRange& c) { return v < c.lo; });
  return it != std::begin(print_ranges) && r <= std::prev(it)->hi;
}

char32_t to_lower(char32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + ('a' - 'A') : r;
  const auto* it = std::upper_bound(std::begin(lower_runs), std::end(lower_runs), r,
                                    [](char32_t v, const LowerRun& run) { return v < run.lo; });
  if (it == std::begin(lower_runs)) return r;
  const LowerRun& run = *std::prev(it);
  if (r > run.hi || (r - run.lo) % run.stride != 0) return r;
  return static_cast<char32_t>(static_cast<int32_t>(r) + run.delta);
}

/// Go's unicode.IsSpace: the Latin-1 blanks plus the White_Space code points above U+00FF.
bool is_space(char32_t r) {
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

/// Go's strings.TrimSpace. An invalid byte decodes as U+FFFD, which is not a space.
std::string_view trim_space(std::string_view s) {
  while (!s.empty()) {
    const Rune r = decode_rune(s);
    if (!is_space(r.value)) break;
    s.remove_prefix(r.width);
  }
  // Trailing spaces: decode forwards and remember where the last non-space rune ended, rather
  // than re-implementing Go's backward decoder (DecodeLastRune).
  size_t end = 0;
  for (size_t i = 0; i < s.size();) {
    const Rune r = decode_rune(s.substr(i));
    i += r.width;
    if (!is_space(r.value)) end = i;
  }
  return s.substr(0, end);
}

/// Go's strings.ToLower: ASCII fast path, otherwise unicode.ToLower per rune, and (as
/// strings.Map does) every invalid UTF-8 byte becomes U+FFFD.
std::string to_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    const Rune r = decode_rune(s);
    append_utf8(out, to_lower(r.value));
    s.remove_prefix(r.width);
  }
  return out;
}

constexpr char hex_digits[] = "0123456789abcdef";

void append_hex(std::string& out, uint32_t value, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
    out += hex_digits[(value >> shift) & 0xF];
}

}  // namespace
}  // namespace detail

std::string go_quote(std::string_view s) {
  using namespace detail;
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  while (!s.empty()) {
    const Rune r = decode_rune(s);
    if (r.width == 1 && r.value == rune_error) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(s[0]), 2);
      s.remove_prefix(1);
      continue;
    }
    const char32_t c = r.value;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (is_print(c)) {
      out.append(s.substr(0, r.width));
    } else {
      switch (c) {
        case '\a':
          out += "\\a";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\v':
          out += "\\v";
          break;
        default:
          if (c < ' ' || c == 0x7F) {
            out += "\\x";
            append_hex(out, c, 2);
          } else if (c < 0x10000) {
            out += "\\u";
            append_hex(out, c, 4);
          } else {
            out += "\\U";
            append_hex(out, c, 8);
          }
      }
    }
    s.remove_prefix(r.width);
  }
  out += '"';
  return out;
}

namespace {

/// One instruction as BuildKit's Node.Dump prints a child of the root (without the parentheses).
std::string dump_instruction(const ast::Instruction& in) {
  std::string str = detail::to_lower(in.keyword.value);
  if (!in.flags.empty()) {
    // fmt's %q on a []string: "[" + quoted elements joined by " " + "]".
    str += " [";
    for (size_t i = 0; i < in.flags.size(); ++i) {
      if (i) str += ' ';
      str += go_quote(in.flags[i].text);
    }
    str += ']';
  }
  if (in.kind == ast::InstrKind::onbuild && in.inner) {
    // The ONBUILD wrapper node has the inner instruction as its only child: its own dump is
    // "(" + child + ")\n", trimmed.
    str += " (" + dump_instruction(*in.inner) + ")";
  } else if (in.kind == ast::InstrKind::unknown) {
    // BuildKit's parseIgnore: an unknown keyword always gets one empty argument node, whatever
    // follows it (`FOO bar` dumps as `(foo "")`), so print that rather than our richer args.
    str += " \"\"";
  } else {
    for (const ast::Word& arg : in.args) {
      str += ' ';
      str += go_quote(arg.value);
    }
  }
  return std::string(detail::trim_space(str));
}

using json = nlohmann::ordered_json;

json position_json(const SourceFile& file, uint32_t offset) {
  const Position p = file.position(offset);
  return {{"offset", offset}, {"line", p.line}, {"column", p.column}};
}

json range_json(const SourceFile& file, TextRange r) {
  return {{"start", position_json(file, r.begin)}, {"end", position_json(file, r.end)}};
}

json word_json(const SourceFile& file, const ast::Word& w) {
  return {{"value", w.value}, {"range", range_json(file, w.range)}};
}

json optional_word_json(const SourceFile& file, const std::optional<ast::Word>& w) {
  return w ? word_json(file, *w) : json(nullptr);
}

std::string_view form_name(ast::ArgForm form) {
  switch (form) {
    case ast::ArgForm::exec:
      return "exec";
    case ast::ArgForm::shell:
      return "shell";
    case ast::ArgForm::none:
      break;
  }
  return "none";
}

std::string kind_name(ast::InstrKind kind) {
  if (kind == ast::InstrKind::unknown) return "unknown";
  return detail::to_lower(ast::keyword_name(kind));
}

json instruction_json(const SourceFile& file, const ast::Instruction& in) {
  json flags = json::array();
  for (const ast::Flag& f : in.flags) {
    flags.push_back({{"text", f.text},
                     {"name", f.name},
                     {"value", f.value ? json(*f.value) : json(nullptr)},
                     {"range", range_json(file, f.range)},
                     {"name_range", range_json(file, f.name_range)},
                     {"value_range", f.value ? range_json(file, f.value_range) : json(nullptr)}});
  }
  json args = json::array();
  for (const ast::Word& w : in.args) args.push_back(word_json(file, w));
  json pairs = json::array();
  for (const ast::KeyValue& kv : in.pairs) {
    pairs.push_back({{"key", word_json(file, kv.key)},
                     {"value", optional_word_json(file, kv.value)},
                     {"legacy", kv.legacy},
                     {"range", range_json(file, kv.range)}});
  }
  json heredocs = json::array();
  for (const ast::Heredoc& h : in.heredocs) {
    heredocs.push_back({{"name", h.name},
                        {"expand", h.expand},
                        {"chomp", h.chomp},
                        {"fd", h.fd},
                        {"terminated", h.terminated},
                        {"opener", range_json(file, h.opener)},
                        {"body", range_json(file, h.body)},
                        {"terminator", range_json(file, h.terminator)},
                        {"content", h.content}});
  }
  json continuations = json::array();
  for (TextRange r : in.continuations) continuations.push_back(range_json(file, r));
  json empty_lines = json::array();
  for (TextRange r : in.empty_continuation_lines) empty_lines.push_back(range_json(file, r));

  return {{"kind", kind_name(in.kind)},
          {"keyword", word_json(file, in.keyword)},
          {"range", range_json(file, in.range)},
          {"start_line", in.start_line},
          {"end_line", in.end_line},
          {"flags", std::move(flags)},
          {"args", std::move(args)},
          {"form", form_name(in.form)},
          {"args_text", word_json(file, in.args_text)},
          {"pairs", std::move(pairs)},
          {"heredocs", std::move(heredocs)},
          {"inner", in.inner ? instruction_json(file, *in.inner) : json(nullptr)},
          {"continuations", std::move(continuations)},
          {"empty_continuation_lines", std::move(empty_lines)},
          {"prev_comment", in.prev_comment},
          {"from_image", optional_word_json(file, in.from_image)},
          {"from_as", optional_word_json(file, in.from_as)},
          {"from_name", optional_word_json(file, in.from_name)},
          {"healthcheck_type", optional_word_json(file, in.healthcheck_type)}};
}

}  // namespace

std::string dump_buildkit(const ast::Dockerfile& dockerfile) {
  // The root's dump is "(" + child + ")\n" per instruction, trimmed, and BuildKit's test appends
  // one "\n": so every line, the last included, ends with exactly one "\n".
  std::string out;
  for (const ast::Instruction& in : dockerfile.instructions) {
    out += '(';
    out += dump_instruction(in);
    out += ")\n";
  }
  if (out.empty()) out = "\n";
  return out;
}

std::string dump_json(const ast::Dockerfile& dockerfile, const SourceFile& file) {
  json directives = json::array();
  for (const ast::Directive& d : dockerfile.directives) {
    directives.push_back({{"name", d.name},
                          {"value", d.value},
                          {"range", range_json(file, d.range)},
                          {"name_range", range_json(file, d.name_range)},
                          {"value_range", range_json(file, d.value_range)}});
  }
  json comments = json::array();
  for (const ast::Comment& c : dockerfile.comments) {
    comments.push_back({{"text", std::string(file.slice(c.range))},
                        {"range", range_json(file, c.range)},
                        {"inside_instruction", c.inside_instruction}});
  }
  json instructions = json::array();
  for (const ast::Instruction& in : dockerfile.instructions) {
    instructions.push_back(instruction_json(file, in));
  }
  const json doc = {{"ast_version", 1},
                    {"path", file.path()},
                    {"escape", std::string(1, dockerfile.escape)},
                    {"has_bom", dockerfile.has_bom},
                    {"crlf", dockerfile.crlf},
                    {"directives", std::move(directives)},
                    {"comments", std::move(comments)},
                    {"instructions", std::move(instructions)}};
  // The replace handler turns invalid UTF-8 into U+FFFD instead of throwing: no exception may
  // leave the library, and the byte ranges still point at the original bytes.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dfopt
