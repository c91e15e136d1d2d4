#include "parse/line_parsers.h"

#include <algorithm>

#include "dfopt/word_expansion.h"

namespace dfopt::detail {
namespace {

constexpr char32_t kRuneError = 0xFFFD;

struct Rune {
  char32_t value;
  uint32_t width;
};

// utf8.DecodeRuneInString: (RuneError, 1) for any invalid or overlong sequence, surrogates and
// values past U+10FFFF.
Rune decode_rune(std::string_view s, uint32_t pos, uint32_t end) {
  auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return {b0, 1};
  uint32_t avail = end - pos;
  auto cont = [&](uint32_t i) {
    return i < avail && (static_cast<unsigned char>(s[pos + i]) & 0xC0) == 0x80;
  };
  auto byte = [&](uint32_t i) { return static_cast<unsigned char>(s[pos + i]) & 0x3F; };
  if (b0 >= 0xC2 && b0 <= 0xDF && cont(1)) return {char32_t((b0 & 0x1F) << 6 | byte(1)), 2};
  if (b0 >= 0xE0 && b0 <= 0xEF && cont(1) && cont(2)) {
    char32_t r = char32_t((b0 & 0x0F) << 12 | byte(1) << 6 | byte(2));
    if (r >= 0x800 && (r < 0xD800 || r > 0xDFFF)) return {r, 3};
    return {kRuneError, 1};
  }
  if (b0 >= 0xF0 && b0 <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    char32_t r = char32_t((b0 & 0x07) << 18 | byte(1) << 12 | byte(2) << 6 | byte(3));
    if (r >= 0x10000 && r <= 0x10FFFF) return {r, 4};
  }
  return {kRuneError, 1};
}

// utf8.DecodeLastRuneInString, restricted to [begin, end).
Rune decode_last_rune(std::string_view s, uint32_t begin, uint32_t end) {
  uint32_t start = end - 1;
  uint32_t limit = end >= begin + 4 ? end - 4 : begin;
  while (start > limit && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  Rune r = decode_rune(s, start, end);
  if (start + r.width != end) return {kRuneError, 1};
  return r;
}

void append_rune(std::string& out, char32_t r) {
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

// unicode.IsSpace(rune(b)) for a single byte, as BuildKit's byte loops call it: bytes 0x85 and
// 0xA0 count as spaces even inside a UTF-8 sequence.
bool is_space_byte(unsigned char b) {
  return (b >= '\t' && b <= '\r') || b == ' ' || b == 0x85 || b == 0xA0;
}

// The character class [\t\v\f\r ] of BuildKit's tokenWhitespace and reWhitespace.
bool is_regex_space(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

}  // namespace

bool is_go_space(char32_t c) {
  if (c <= 0xFF) {
    return (c >= '\t' && c <= '\r') || c == ' ' || c == 0x85 || c == 0xA0;
  }
  return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

Span trim_space(std::string_view line, Span span) {
  uint32_t b = span.begin, e = span.end;
  while (b < e) {
    Rune r = decode_rune(line, b, e);
    if (!is_go_space(r.value) || r.value == kRuneError) break;
    b += r.width;
  }
  while (e > b) {
    Rune r = decode_last_rune(line, b, e);
    if (!is_go_space(r.value) || r.value == kRuneError) break;
    e -= r.width;
  }
  return {b, e};
}

namespace {

// extractBuilderFlags: a byte loop with a hard-coded backslash escape. `word += string(ch)` of a
// byte re-encodes bytes >= 0x80 as Latin-1 code points; we do the same.
Span extract_builder_flags(std::string_view line, Span span, std::vector<SpanValue>& flags) {
  enum { in_spaces, in_word, in_quote } phase = in_spaces;
  std::string word;
  unsigned char quote = 0;
  bool blank_ok = false;
  uint32_t word_begin = span.begin;
  const uint32_t e = span.end;
  for (uint32_t pos = span.begin; pos <= e; ++pos) {
    unsigned char ch = pos != e ? static_cast<unsigned char>(line[pos]) : 0;
    if (phase == in_spaces) {
      if (pos == e) break;
      if (is_space_byte(ch)) continue;
      if (ch != '-' || pos + 1 == e || line[pos + 1] != '-') return {pos, e};
      phase = in_word;
      word_begin = pos;
    }
    if (pos == e) {  // in a word or a quote at the end of the input
      if (word != "--" && (blank_ok || !word.empty())) flags.push_back({word, {word_begin, e}});
      break;
    }
    if (phase == in_word) {
      if (is_space_byte(ch)) {
        phase = in_spaces;
        if (word == "--") return {pos, e};  // `--` ends the flags and is dropped
        if (blank_ok || !word.empty()) flags.push_back({word, {word_begin, pos}});
        word.clear();
        blank_ok = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blank_ok = true;
        phase = in_quote;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == e) continue;  // a backslash at the end is dropped
        ++pos;
        ch = static_cast<unsigned char>(line[pos]);
      }
      append_rune(word, ch);
      continue;
    }
    // in_quote
    if (ch == quote) {
      phase = in_word;
      continue;
    }
    if (ch == '\\') {
      if (pos + 1 == e) {
        phase = in_word;
        continue;
      }
      ++pos;
      ch = static_cast<unsigned char>(line[pos]);
    }
    append_rune(word, ch);
  }
  return {e, e};
}

}  // namespace

SplitCommand split_command(std::string_view line, Span span) {
  SplitCommand out;
  Span t = trim_space(line, span);
  uint32_t i = t.begin;
  while (i < t.end && !is_regex_space(line[i])) ++i;
  out.keyword = {t.begin, i};
  if (i == t.end) {
    out.args = {t.end, t.end};
    return out;
  }
  uint32_t j = i;
  while (j < t.end && is_regex_space(line[j])) ++j;
  Span rest = extract_builder_flags(line, {j, t.end}, out.flags);
  out.args = trim_space(line, rest);
  return out;
}

// ---- JSON --------------------------------------------------------------------------------------
namespace {

// A validating reader of one JSON value with encoding/json's decoding of strings. Go's scanner
// limits nesting to 10000 levels; deeper input is a syntax error, which also bounds recursion.
class JsonReader {
 public:
  JsonReader(std::string_view s, uint32_t pos, uint32_t end) : s_(s), pos_(pos), end_(end) {}

  // Reads the top-level array. Returns false on a syntax error.
  bool read_array(std::vector<SpanValue>& out, bool& all_strings) {
    skip_ws();
    if (!eat('[')) return false;
    skip_ws();
    if (eat(']')) return true;
    for (;;) {
      skip_ws();
      if (peek() == '"') {
        SpanValue v;
        v.span.begin = pos_;
        if (!read_string(&v.value)) return false;
        v.span.end = pos_;
        out.push_back(std::move(v));
      } else {
        all_strings = false;
        if (!read_value(1)) return false;
      }
      skip_ws();
      if (eat(',')) continue;
      return eat(']');
    }
  }

 private:
  int peek() const { return pos_ < end_ ? static_cast<unsigned char>(s_[pos_]) : -1; }
  bool eat(char c) {
    if (peek() != static_cast<unsigned char>(c)) return false;
    ++pos_;
    return true;
  }
  void skip_ws() {
    while (pos_ < end_) {
      char c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool read_value(int depth) {
    if (depth > 10000) return false;
    skip_ws();
    int c = peek();
    if (c == '"') return read_string(nullptr);
    if (c == '[') {
      ++pos_;
      skip_ws();
      if (eat(']')) return true;
      for (;;) {
        if (!read_value(depth + 1)) return false;
        skip_ws();
        if (eat(',')) continue;
        return eat(']');
      }
    }
    if (c == '{') {
      ++pos_;
      skip_ws();
      if (eat('}')) return true;
      for (;;) {
        skip_ws();
        if (!read_string(nullptr)) return false;
        skip_ws();
        if (!eat(':')) return false;
        if (!read_value(depth + 1)) return false;
        skip_ws();
        if (eat(',')) continue;
        return eat('}');
      }
    }
    if (c == 't') return literal("true");
    if (c == 'f') return literal("false");
    if (c == 'n') return literal("null");
    return read_number();
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, std::min<size_t>(word.size(), end_ - pos_)) != word) return false;
    pos_ += static_cast<uint32_t>(word.size());
    return true;
  }

  bool digits() {
    uint32_t start = pos_;
    while (pos_ < end_ && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  bool read_number() {
    eat('-');
    if (eat('0')) {
    } else if (!digits()) {
      return false;
    }
    if (eat('.') && !digits()) return false;
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!digits()) return false;
    }
    return true;
  }

  static int hex(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // Reads 4 hex digits at pos_ (after "\u"); -1 if malformed.
  int read_u4(uint32_t at) const {
    if (at + 4 > end_) return -1;
    int v = 0;
    for (uint32_t i = 0; i < 4; ++i) {
      int h = hex(static_cast<unsigned char>(s_[at + i]));
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  }

  // A JSON string, decoded as encoding/json does: invalid UTF-8 becomes U+FFFD, lone
  // surrogates from \u escapes become U+FFFD.
  bool read_string(std::string* out) {
    if (!eat('"')) return false;
    for (;;) {
      if (pos_ >= end_) return false;
      auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        ++pos_;
        int e = peek();
        ++pos_;
        switch (e) {
          case '"': if (out) out->push_back('"'); break;
          case '\\': if (out) out->push_back('\\'); break;
          case '/': if (out) out->push_back('/'); break;
          case 'b': if (out) out->push_back('\b'); break;
          case 'f': if (out) out->push_back('\f'); break;
          case 'n': if (out) out->push_back('\n'); break;
          case 'r': if (out) out->push_back('\r'); break;
          case 't': if (out) out->push_back('\t'); break;
          case 'u': {
            int r = read_u4(pos_);
            if (r < 0) return false;
            pos_ += 4;
            char32_t rune = static_cast<char32_t>(r);
            if (r >= 0xD800 && r < 0xE000) {
              rune = kRuneError;
              if (r < 0xDC00 && pos_ + 6 <= end_ && s_[pos_] == '\\' && s_[pos_ + 1] == 'u') {
                int r2 = read_u4(pos_ + 2);
                if (r2 >= 0xDC00 && r2 < 0xE000) {
                  rune = 0x10000 + ((static_cast<char32_t>(r) - 0xD800) << 10) +
                         (static_cast<char32_t>(r2) - 0xDC00);
                  pos_ += 6;
                }
              }
            }
            if (out) append_rune(*out, rune);
            break;
          }
          default:
            return false;
        }
        continue;
      }
      Rune r = decode_rune(s_, pos_, end_);
      if (out) {
        if (r.value == kRuneError && r.width == 1) {
          append_rune(*out, kRuneError);
        } else {
          out->append(s_.substr(pos_, r.width));
        }
      }
      pos_ += r.width;
    }
  }

  std::string_view s_;
  uint32_t pos_;
  uint32_t end_;
};

}  // namespace

JsonStatus parse_json_array(std::string_view line, Span span, std::vector<SpanValue>& out) {
  // strings.TrimLeftFunc(rest, unicode.IsSpace), then the "[" prefix test.
  uint32_t b = span.begin;
  while (b < span.end) {
    Rune r = decode_rune(line, b, span.end);
    if (!is_go_space(r.value) || r.value == kRuneError) break;
    b += r.width;
  }
  if (b >= span.end || line[b] != '[') return JsonStatus::not_json;
  std::vector<SpanValue> values;
  bool all_strings = true;
  JsonReader reader(line, b, span.end);
  if (!reader.read_array(values, all_strings)) return JsonStatus::not_json;
  if (!all_strings) return JsonStatus::not_string_array;
  out = std::move(values);
  return JsonStatus::ok;
}

// ---- words -------------------------------------------------------------------------------------

void parse_words(std::string_view line, Span span, char escape, std::vector<SpanValue>& out) {
  enum { in_spaces, in_word, in_quote } phase = in_spaces;
  std::string word;
  char32_t quote = 0;
  bool blank_ok = false;
  uint32_t word_begin = span.begin;
  const uint32_t e = span.end;
  const auto esc = static_cast<char32_t>(static_cast<unsigned char>(escape));
  Rune ch{0, 0};
  for (uint32_t pos = span.begin; pos <= e; pos += ch.width) {
    if (pos != e) ch = decode_rune(line, pos, e);
    if (phase == in_spaces) {
      if (pos == e) break;
      if (is_go_space(ch.value)) continue;
      phase = in_word;
      word_begin = pos;
    }
    if (pos == e) {
      if (blank_ok || !word.empty()) out.push_back({std::move(word), {word_begin, e}});
      break;
    }
    if (phase == in_word) {
      if (is_go_space(ch.value)) {
        phase = in_spaces;
        if (blank_ok || !word.empty()) out.push_back({std::move(word), {word_begin, pos}});
        word.clear();
        blank_ok = false;
        continue;
      }
      if (ch.value == '\'' || ch.value == '"') {
        quote = ch.value;
        blank_ok = true;
        phase = in_quote;
      }
      if (ch.value == esc) {
        if (pos + ch.width == e) continue;  // an escape token at the end is dropped
        // Unquoted: keep the escape token and the character after it, even a quote.
        append_rune(word, ch.value);
        pos += ch.width;
        ch = decode_rune(line, pos, e);
      }
      append_rune(word, ch.value);
      continue;
    }
    // in_quote
    if (ch.value == quote) phase = in_word;
    // The escape token escapes nothing inside single quotes.
    if (ch.value == esc && quote != '\'') {
      if (pos + ch.width == e) {
        phase = in_word;
        continue;
      }
      pos += ch.width;
      append_rune(word, ch.value);
      ch = decode_rune(line, pos, e);
    }
    append_rune(word, ch.value);
  }
}

void split_whitespace(std::string_view line, Span span, std::vector<SpanValue>& out) {
  uint32_t i = span.begin;
  for (;;) {
    uint32_t start = i;
    while (i < span.end && !is_regex_space(line[i])) ++i;
    out.push_back({std::string(line.substr(start, i - start)), {start, i}});
    if (i >= span.end) break;
    while (i < span.end && is_regex_space(line[i])) ++i;
  }
}

// ---- heredocs ----------------------------------------------------------------------------------

namespace {

size_t count_quotes(std::string_view s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\'') +
                             std::count(s.begin(), s.end(), '"'));
}

const VariableLookup& no_variables() {
  static const VariableLookup lookup = [](std::string_view) -> std::optional<std::string_view> {
    return std::nullopt;
  };
  return lookup;
}

}  // namespace

std::optional<std::string> heredocs_from_line(std::string_view line,
                                              std::vector<HeredocOpener>& out) {
  // heredocsFromLine splits the whole line with a backslash-escape shell lexer that keeps
  // quotes, escapes and unset variables as written; errors there are ignored.
  ExpansionOptions raw;
  raw.escape = '\\';
  raw.raw_quotes = true;
  raw.raw_escapes = true;
  raw.skip_unset = true;
  Expansion words;
  (void)expand_words(line, no_variables(), raw, words);

  uint32_t cursor = 0;
  for (const std::string& word : words.words) {
    // reHeredoc: ^(\d*)<<(-?)([^<]*)$
    size_t i = 0;
    while (i < word.size() && word[i] >= '0' && word[i] <= '9') ++i;
    if (word.compare(i, 2, "<<") != 0) continue;
    std::string_view digits(word.data(), i);
    size_t j = i + 2;
    bool chomp = j < word.size() && word[j] == '-';
    if (chomp) ++j;
    std::string_view rest(word.data() + j, word.size() - j);
    if (rest.find('<') != std::string_view::npos || rest.empty()) continue;

    ExpansionOptions plain;
    plain.escape = '\\';
    plain.skip_unset = true;
    Expansion unquoted;
    if (auto err = expand_words(rest, no_variables(), plain, unquoted)) return err->message;
    if (unquoted.words.size() != 1) continue;
    plain.raw_quotes = true;
    Expansion quoted;
    if (auto err = expand_words(rest, no_variables(), plain, quoted)) return err->message;
    if (quoted.words.size() != unquoted.words.size()) {
      return "internal lexing of heredoc produced inconsistent results: " + std::string(rest);
    }

    HeredocOpener h;
    h.name = unquoted.words[0];
    h.expand = count_quotes(unquoted.words[0]) == count_quotes(quoted.words[0]);
    h.chomp = chomp;
    uint64_t fd = 0;
    for (char d : digits) fd = std::min<uint64_t>(fd * 10 + static_cast<uint64_t>(d - '0'), 1u << 31);
    h.fd = static_cast<uint32_t>(fd);
    // The raw word normally stands verbatim in the line; locate it for the opener's range.
    size_t at = line.find(word, cursor);
    if (at == std::string_view::npos) at = line.find("<<", cursor);
    if (at == std::string_view::npos) at = cursor;
    size_t len = std::min(word.size(), line.size() - at);
    h.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + len)};
    cursor = static_cast<uint32_t>(at + len);
    out.push_back(std::move(h));
  }
  return std::nullopt;
}

bool can_contain_heredoc(std::string_view line) {
  Span all{0, static_cast<uint32_t>(line.size())};
  SplitCommand cmd = split_command(line, all);
  auto kind = ast::kind_from_keyword(line.substr(cmd.keyword.begin, cmd.keyword.end - cmd.keyword.begin));
  Span args = cmd.args;
  if (kind == ast::InstrKind::onbuild) {
    if (args.empty()) return false;
    SplitCommand inner = split_command(line, args);
    kind = ast::kind_from_keyword(line.substr(inner.keyword.begin, inner.keyword.end - inner.keyword.begin));
    args = inner.args;
  }
  if (kind != ast::InstrKind::run && kind != ast::InstrKind::copy && kind != ast::InstrKind::add) {
    return false;
  }
  if (args.empty()) return true;  // parseMaybeJSON("") gives no JSON attribute
  std::vector<SpanValue> ignored;
  return parse_json_array(line, args, ignored) == JsonStatus::not_json;
}

}  // namespace dfopt::detail
