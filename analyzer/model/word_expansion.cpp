// BuildKit's shell word expansion (moby/buildkit frontend/dockerfile/shell/lex.go), re-implemented
// to give the same results: ProcessWord, ProcessWords and ProcessWordWithMatches.
//
// BuildKit walks the word with Go's text/scanner, rune by rune. We walk bytes and decode UTF-8
// only where a byte is >= 0x80, which keeps the behaviour that follows from Go's runes:
//   - an invalid UTF-8 byte read by the scanner becomes U+FFFD in the output;
//   - a U+FEFF at the very start of the word is skipped (text/scanner drops a leading BOM);
//   - names use unicode.IsLetter / unicode.IsDigit, so `$변수` names a variable;
//   - word splitting uses unicode.IsSpace (NBSP, U+3000 ... split words too).
// The Unicode tables (go_letter_table.inc, go_digit_table.inc) come from Unicode 15.0.0, the
// version of Go 1.21 and later. To regenerate them, read /usr/share/unicode/UnicodeData.txt
// (Debian's unicode-data), expand the `<..., First>`/`<..., Last>` pairs, collect the code points
// of general category L (letters) and Nd (digits), merge them into inclusive ranges and print
// one `{0xLO, 0xHI},` per line.
//
// The `${VAR#pat}`, `${VAR%pat}` and `${VAR/pat/repl}` forms go through Go's regexp in BuildKit:
// the glob becomes `.*` / `.*?` / `.` plus literals, with leftmost-first (Perl) semantics, and
// `.` does not match '\n'. We run the same tiny program on a Pike VM (a thread list in priority
// order, one step per rune), which gives the same match as Go's regexp in O(text * pattern) time
// with no backtracking blow-up.

#include "dfopt/word_expansion.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>

namespace dfopt {
namespace detail {
namespace {

// ---------------------------------------------------------------------------------------------
// Go's rune handling

/// Go's scanner.EOF, kept outside the Unicode range.
constexpr char32_t k_eof = 0xFFFFFFFF;
constexpr char32_t k_rune_error = 0xFFFD;

struct Rune {
  char32_t value;
  uint32_t width;
};

/// Decodes the rune at s[i] as Go's utf8.DecodeRune: any invalid or truncated sequence,
/// surrogate or overlong form is (U+FFFD, 1).
Rune decode_rune(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  const size_t left = s.size() - i;
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    if (k >= left) return false;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return b >= lo && b <= hi;
  };
  auto byte = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (cont(1)) return {((b0 & 0x1Fu) << 6) | (byte(1) & 0x3F), 2};
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    const unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned hi = b0 == 0xED ? 0x9F : 0xBF;
    if (cont(1, lo, hi) && cont(2)) {
      return {((b0 & 0x0Fu) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F), 3};
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    const unsigned lo = b0 == 0xF0 ? 0x90 : 0x80;
    const unsigned hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (cont(1, lo, hi) && cont(2) && cont(3)) {
      return {((b0 & 0x07u) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
                  (byte(3) & 0x3F),
              4};
    }
  }
  return {k_rune_error, 1};
}

/// Appends `r` as UTF-8 (Go's WriteRune; `r` is always a valid scalar value here).
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

/// Go's string(rune) for the scanner's results: EOF (-1) prints as U+FFFD.
void append_go_rune(std::string& out, char32_t r) {
  append_rune(out, r == k_eof ? k_rune_error : r);
}

struct RuneRange {
  char32_t lo, hi;
};

constexpr RuneRange k_letter_ranges[] = {
#include "go_letter_table.inc"
};

constexpr RuneRange k_digit_ranges[] = {
#include "go_digit_table.inc"
};

bool in_ranges(std::span<const RuneRange> table, char32_t r) {
  auto it = std::upper_bound(table.begin(), table.end(), r,
                             [](char32_t v, const RuneRange& range) { return v < range.lo; });
  return it != table.begin() && r <= std::prev(it)->hi;
}

/// unicode.IsLetter
bool is_letter(char32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  return in_ranges(k_letter_ranges, r);
}

/// unicode.IsDigit
bool is_digit(char32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return in_ranges(k_digit_ranges, r);
}

/// unicode.IsSpace: the Latin-1 spaces, then the White_Space property.
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

/// POSIX special parameters; BuildKit reads them as one-character names that are never set.
bool is_special_param(char32_t r) {
  switch (r) {
    case '@':
    case '*':
    case '#':
    case '?':
    case '-':
    case '$':
    case '!':
    case '0':
      return true;
    default:
      return false;
  }
}

/// A short stand-in for Go's %q, for error messages only: printable text stays as is.
std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const Rune r = decode_rune(s, i);
    if (r.value == k_rune_error && r.width == 1) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
    } else if (r.value == '"' || r.value == '\\') {
      out += '\\';
      out += static_cast<char>(r.value);
    } else if (r.value == '\n') {
      out += "\\n";
    } else if (r.value == '\t') {
      out += "\\t";
    } else if (r.value == '\r') {
      out += "\\r";
    } else if (r.value < 0x20 || r.value == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(r.value));
    } else {
      out.append(s.substr(i, r.width));
    }
    i += r.width;
  }
  out += '"';
  return out;
}

// ---------------------------------------------------------------------------------------------
// Glob patterns: BuildKit's convertShellPatternToRegex, run without a regex engine

enum class GlobOp : uint8_t { literal, any, star };

struct GlobItem {
  GlobOp op;
  char32_t rune;  // for literal
};

/// Compiles a `${VAR#pattern}` / `${VAR/pattern/...}` pattern as convertShellPatternToRegex reads
/// it: `*` any run, `?` one rune, `\` escapes only `*`, `?` and `\` (anything else is an error),
/// and a `\` before `}` or `/` is dropped (it was only there to get past the `${...}` lexer).
/// No bracket expressions, as in BuildKit.
bool compile_glob(std::string_view pattern, std::vector<GlobItem>& prog, std::string& error) {
  prog.clear();
  size_t i = 0;
  // The pattern is read with a fresh text/scanner, which drops a leading BOM.
  if (pattern.starts_with("\xEF\xBB\xBF")) i = 3;
  while (i < pattern.size()) {
    Rune r = decode_rune(pattern, i);
    i += r.width;
    if (r.value == '*') {
      prog.push_back({GlobOp::star, 0});
      continue;
    }
    if (r.value == '?') {
      prog.push_back({GlobOp::any, 0});
      continue;
    }
    if (r.value == '\\') {
      if (i < pattern.size() && (pattern[i] == '}' || pattern[i] == '/')) continue;
      if (i >= pattern.size()) {
        // Go formats scanner.EOF (-1) with %c like this.
        error = "invalid escape '\\%!c(int32=-1)'";
        return false;
      }
      r = decode_rune(pattern, i);
      i += r.width;
      if (r.value != '*' && r.value != '?' && r.value != '\\') {
        error = "invalid escape '\\";
        append_rune(error, r.value);
        error += '\'';
        return false;
      }
    }
    prog.push_back({GlobOp::literal, r.value});
  }
  return true;
}

struct VmThread {
  uint32_t pc;
  uint32_t start;
};

/// Reusable buffers of the Pike VM.
struct GlobVm {
  std::vector<VmThread> clist, nlist;
  std::vector<uint32_t> mark;  // generation in which each pc was last added
  std::vector<uint32_t> chain;
  uint32_t gen = 0;
};

/// Leftmost-first matching of a compiled glob whose stars are all greedy (`.*`) or all lazy
/// (`.*?`), with Go regexp's priorities. A thread sitting on a star is "about to consume one more
/// rune"; entering a star splits into that thread and the rest of the pattern, in the order the
/// star's greediness prefers.
class GlobMatcher {
 public:
  GlobMatcher(std::span<const GlobItem> prog, bool greedy, GlobVm& vm)
      : prog_(prog), greedy_(greedy), vm_(vm) {
    vm_.mark.assign(prog_.size() + 1, 0);
    vm_.gen = 0;
  }

  /// Finds the first match (by Go's rules) starting at `from` or, unless `anchored`, later.
  bool search(std::span<const char32_t> text, size_t from, bool anchored, size_t& begin,
              size_t& end) {
    const size_t n = text.size();
    const auto match_pc = static_cast<uint32_t>(prog_.size());
    auto& clist = vm_.clist;
    auto& nlist = vm_.nlist;
    clist.clear();
    nlist.clear();
    uint32_t cur = next_gen();
    bool found = false;
    for (size_t pos = from;; ++pos) {
      if (!found && (!anchored || pos == from)) add(clist, 0, static_cast<uint32_t>(pos), cur);
      if (clist.empty()) {
        if (found || anchored || pos >= n) break;
        cur = next_gen();
        continue;
      }
      const uint32_t next = next_gen();
      const bool have = pos < n;
      const char32_t c = have ? text[pos] : 0;
      for (const VmThread& t : clist) {
        if (t.pc == match_pc) {
          // Lower-priority threads lose to this match; higher ones already moved on to nlist.
          found = true;
          begin = t.start;
          end = pos;
          break;
        }
        if (!have) continue;
        const GlobItem& item = prog_[t.pc];
        switch (item.op) {
          case GlobOp::literal:
            if (c == item.rune) add(nlist, t.pc + 1, t.start, next);
            break;
          case GlobOp::any:
            if (c != '\n') add(nlist, t.pc + 1, t.start, next);
            break;
          case GlobOp::star:
            if (c != '\n') add(nlist, t.pc, t.start, next);
            break;
        }
      }
      std::swap(clist, nlist);
      nlist.clear();
      cur = next;
      if (pos >= n) break;
    }
    return found;
  }

 private:
  uint32_t next_gen() {
    if (++vm_.gen == 0) {
      std::fill(vm_.mark.begin(), vm_.mark.end(), 0);
      vm_.gen = 1;
    }
    return vm_.gen;
  }

  /// Adds the thread at `pc` and everything its stars lead to without consuming, in priority
  /// order, skipping pcs already in the list (an earlier entry has the higher priority).
  void add(std::vector<VmThread>& list, uint32_t pc, uint32_t start, uint32_t gen) {
    const auto match_pc = static_cast<uint32_t>(prog_.size());
    if (greedy_) {
      // star: consume first, then the rest.
      for (;; ++pc) {
        if (vm_.mark[pc] == gen) return;
        vm_.mark[pc] = gen;
        list.push_back({pc, start});
        if (pc == match_pc || prog_[pc].op != GlobOp::star) return;
      }
    }
    // Lazy star: the rest first, then consume; for a run of stars that is the first non-star,
    // then the stars' consuming threads from the last star back to the first.
    vm_.chain.clear();
    for (;; ++pc) {
      if (vm_.mark[pc] == gen) break;
      vm_.mark[pc] = gen;
      if (pc == match_pc || prog_[pc].op != GlobOp::star) {
        list.push_back({pc, start});
        break;
      }
      vm_.chain.push_back(pc);
    }
    for (auto it = vm_.chain.rbegin(); it != vm_.chain.rend(); ++it) list.push_back({*it, start});
  }

  std::span<const GlobItem> prog_;
  bool greedy_;
  GlobVm& vm_;
};

/// BuildKit's reversePattern: reverses the runes but keeps each `\x` pair in order, so that a
/// suffix match can run as a prefix match on the reversed value.
void reverse_pattern(std::string_view pattern, std::vector<char32_t>& runes,
                     std::vector<char32_t>& reversed, std::string& out) {
  runes.clear();
  for (size_t i = 0; i < pattern.size();) {
    const Rune r = decode_rune(pattern, i);
    runes.push_back(r.value);
    i += r.width;
  }
  const size_t n = runes.size();
  reversed.assign(n, 0);
  for (size_t i = 0; i < n;) {
    const size_t out_idx = n - 1 - i;
    if (runes[i] == '\\' && i + 1 < n) {
      reversed[out_idx - 1] = '\\';
      reversed[out_idx] = runes[i + 1];
      i += 2;
    } else {
      reversed[out_idx] = runes[i];
      ++i;
    }
  }
  out.clear();
  for (char32_t r : reversed) append_rune(out, r);
}

/// Go's Regexp.Expand for a pattern without groups: `$$` is `$`, `$0` / `${0}` is the match,
/// any other well-formed `$name` / `${name}` is empty, and a malformed `$` stays literal.
void expand_template(std::string& out, std::string_view tpl, std::string_view match) {
  for (;;) {
    const size_t dollar = tpl.find('$');
    if (dollar == std::string_view::npos) break;
    out.append(tpl.substr(0, dollar));
    tpl.remove_prefix(dollar + 1);
    if (!tpl.empty() && tpl[0] == '$') {
      out += '$';
      tpl.remove_prefix(1);
      continue;
    }
    std::string_view s = tpl;
    const bool brace = !s.empty() && s[0] == '{';
    if (brace) s.remove_prefix(1);
    size_t len = 0;
    while (len < s.size()) {
      const Rune r = decode_rune(s, len);
      if (!is_letter(r.value) && !is_digit(r.value) && r.value != '_') break;
      len += r.width;
    }
    bool ok = len > 0;
    const std::string_view name = s.substr(0, len);
    size_t rest = len;
    if (ok && brace) {
      if (rest >= s.size() || s[rest] != '}') {
        ok = false;
      } else {
        ++rest;
      }
    }
    if (!ok) {
      out += '$';
      continue;
    }
    tpl = s.substr(rest);
    long num = 0;
    for (char ch : name) {
      if (ch < '0' || ch > '9' || num >= 100000000) {
        num = -1;
        break;
      }
      num = num * 10 + (ch - '0');
    }
    if (name.size() > 1 && name[0] == '0') num = -1;
    if (num == 0) out.append(match);
  }
  out.append(tpl);
}

// ---------------------------------------------------------------------------------------------
// The lexer

/// Nesting deeper than this (`${a:-${b:-...}}`) is reported as an error instead of risking the
/// stack; BuildKit has no limit, but no real Dockerfile comes near it.
constexpr int k_max_nesting = 256;

/// Buffers reused across calls on one thread, so that expanding many words allocates only for
/// the output strings.
struct Scratch {
  bool in_use = false;
  std::deque<std::string> strings;  // two per nesting level; a deque keeps references stable
  std::string word;                 // the word being split (BuildKit's shared wordsBuffer)
  std::string pattern;
  std::vector<GlobItem> prog;
  std::vector<char32_t> runes;
  std::vector<char32_t> pattern_runes;
  std::vector<size_t> offsets;
  GlobVm vm;
};

/// Takes this thread's Scratch, or a private one if a lookup callback expands words itself.
class ScratchLease {
 public:
  ScratchLease() {
    thread_local Scratch shared;
    if (shared.in_use) {
      own_ = std::make_unique<Scratch>();
      scratch_ = own_.get();
    } else {
      scratch_ = &shared;
    }
    scratch_->in_use = true;
  }
  ~ScratchLease() { scratch_->in_use = false; }
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;
  Scratch& get() { return *scratch_; }

 private:
  std::unique_ptr<Scratch> own_;
  Scratch* scratch_ = nullptr;
};

/// ProcessWords' word splitter (wordsStruct). `buf` is shared by every nesting level, as in
/// BuildKit, where processStopOn resets the Lex-wide wordsBuffer on entry.
class WordSplitter {
 public:
  WordSplitter(std::string& buf, std::vector<std::string>& words) : buf_(buf), words_(words) {
    buf_.clear();
  }

  /// An unquoted, unescaped rune: whitespace ends the current word.
  void add_char(char32_t r) {
    if (is_space(r)) {
      if (in_word_ && !buf_.empty()) {
        words_.push_back(buf_);
        buf_.clear();
        in_word_ = false;
      }
    } else {
      add_raw_char(r);
    }
  }

  void add_raw_char(char32_t r) {
    append_rune(buf_, r);
    in_word_ = true;
  }

  /// A variable's expansion: split on whitespace. Go ranges over the string's runes here, so an
  /// invalid byte in a value becomes U+FFFD in the words (not in the unsplit result).
  void add_string(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      const Rune r = decode_rune(s, i);
      add_char(r.value);
      i += r.width;
    }
  }

  /// Quoted text (or `<<`): stays in the current word, even when empty (`""` starts a word
  /// that the next whitespace cannot end until something is added).
  void add_raw_string(std::string_view s) {
    buf_.append(s);
    in_word_ = true;
  }

  void finish() {
    if (!buf_.empty()) {
      words_.push_back(buf_);
      buf_.clear();
      in_word_ = false;
    }
  }

  /// What a nested processStopOn does to the shared buffer: it resets it on entry and again when
  /// it collects its own (discarded) words, so the text of the current top-level word gathered
  /// before a `${VAR:-...}`, `${VAR#...}` or `${VAR/...}` is lost from the split words.
  void nested_reset() { buf_.clear(); }

 private:
  std::string& buf_;
  std::vector<std::string>& words_;
  bool in_word_ = false;
};

class Expander {
 public:
  Expander(std::string_view input, const VariableLookup& lookup, const ExpansionOptions& options,
           Expansion& out, Scratch& scratch, bool split)
      : in_(input),
        lookup_(lookup),
        options_(options),
        out_(out),
        scratch_(scratch),
        escape_(static_cast<unsigned char>(options.escape)),
        raw_escapes_(options.raw_escapes) {
    if (split) splitter_.emplace(scratch_.word, out_.words);
  }

  std::optional<ExpansionError> run() {
    // text/scanner skips a byte order mark at the start of its input.
    if (in_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
    if (process_stop_on(k_eof, options_.raw_escapes, out_.value, true)) return std::nullopt;
    out_.value.clear();
    out_.words.clear();
    return ExpansionError{fmt::format("failed to process {}: {}", go_quote(in_), error_)};
  }

 private:
  char32_t peek(uint32_t& width) const {
    if (pos_ >= in_.size()) {
      width = 0;
      return k_eof;
    }
    const auto b = static_cast<unsigned char>(in_[pos_]);
    if (b < 0x80) {
      width = 1;
      return b;
    }
    const Rune r = decode_rune(in_, pos_);
    width = r.width;
    return r.value;
  }

  char32_t peek() const {
    uint32_t width;
    return peek(width);
  }

  char32_t next() {
    uint32_t width;
    const char32_t r = peek(width);
    pos_ += width;
    return r;
  }

  bool fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  /// BuildKit's processStopOn: expands up to `stop` (consumed) or the end of the input.
  /// `top` is the outermost call, the only one whose words ProcessWords returns.
  bool process_stop_on(char32_t stop, bool raw_escapes, std::string& result, bool top) {
    const bool saved_raw_escapes = raw_escapes_;
    raw_escapes_ = raw_escapes;
    const bool ok = stop_on_loop(stop, result, top);
    raw_escapes_ = saved_raw_escapes;
    return ok;
  }

  bool stop_on_loop(char32_t stop, std::string& result, bool top) {
    WordSplitter* words = top && splitter_ ? &*splitter_ : nullptr;
    if (!top && splitter_) splitter_->nested_reset();
    for (;;) {
      uint32_t width;
      char32_t c = peek(width);
      if (c == k_eof) break;
      if (c == stop) {
        pos_ += width;
        if (words) words->finish();
        return true;
      }
      if (c == '$') {
        const size_t start = result.size();
        if (!process_dollar(result)) return false;
        if (words) words->add_string(std::string_view(result).substr(start));
        continue;
      }
      if (c == '<') {
        const size_t start = result.size();
        process_possible_heredoc(result);
        if (words) words->add_raw_string(std::string_view(result).substr(start));
        continue;
      }
      if (!options_.skip_process_quotes && (c == '\'' || c == '"')) {
        const size_t start = result.size();
        if (!(c == '\'' ? process_single_quote(result) : process_double_quote(result))) {
          return false;
        }
        if (words) words->add_raw_string(std::string_view(result).substr(start));
        continue;
      }
      pos_ += width;
      if (c == escape_) {
        if (raw_escapes_) {
          if (words) words->add_raw_char(c);
          append_rune(result, c);
        }
        // The escape token escapes the next rune; at the end of the word it is dropped.
        c = next();
        if (c == k_eof) break;
        if (words) words->add_raw_char(c);
      } else if (words) {
        words->add_char(c);
      }
      append_rune(result, c);
    }
    if (stop != k_eof) {
      std::string message = "unexpected end of statement while looking for matching ";
      append_go_rune(message, stop);
      return fail(std::move(message));
    }
    if (words) words->finish();
    return true;
  }

  /// A nested processStopOn for a modifier's word, pattern or replacement.
  bool nested(char32_t stop, bool raw_escapes, std::string& result) {
    if (depth_ >= k_max_nesting) {
      return fail(fmt::format("expansion nested more than {} levels deep", k_max_nesting));
    }
    ++depth_;
    const bool ok = process_stop_on(stop, raw_escapes, result, false);
    --depth_;
    return ok;
  }

  /// Scratch strings for the current nesting level (two per level: pattern and replacement).
  std::string& scratch_string(int slot) {
    const size_t index = static_cast<size_t>(depth_) * 2 + static_cast<size_t>(slot);
    while (scratch_.strings.size() <= index) scratch_.strings.emplace_back();
    std::string& s = scratch_.strings[index];
    s.clear();
    return s;
  }

  /// Single quotes: everything literal up to the next `'`; no escapes.
  bool process_single_quote(std::string& result) {
    ++pos_;
    if (options_.raw_quotes) result += '\'';
    for (;;) {
      const char32_t c = next();
      if (c == k_eof) {
        return fail("unexpected end of statement while looking for matching single-quote");
      }
      if (c == '\'') {
        if (options_.raw_quotes) result += '\'';
        return true;
      }
      append_rune(result, c);
    }
  }

  /// Double quotes: `$` expands; the escape token escapes only `"`, `$` and itself and is kept
  /// before anything else (`"\t"` stays `\t`); with raw escapes a kept escape appears twice.
  bool process_double_quote(std::string& result) {
    ++pos_;
    if (options_.raw_quotes) result += '"';
    for (;;) {
      uint32_t width;
      char32_t c = peek(width);
      if (c == k_eof) {
        return fail("unexpected end of statement while looking for matching double-quote");
      }
      if (c == '"') {
        ++pos_;
        if (options_.raw_quotes) result += '"';
        return true;
      }
      if (c == '$') {
        if (!process_dollar(result)) return false;
        continue;
      }
      pos_ += width;
      if (c == escape_) {
        if (raw_escapes_) append_rune(result, c);
        const char32_t after = peek(width);
        if (after == k_eof) continue;  // reported as an unterminated quote
        if (after == '"' || after == '$' || after == escape_) {
          c = after;
          pos_ += width;
        }
      }
      append_rune(result, c);
    }
  }

  /// BuildKit's processPossibleHeredoc: `<<` keeps the blanks after it, so that `<< EOF` stays
  /// one word when splitting.
  void process_possible_heredoc(std::string& result) {
    ++pos_;
    if (peek() != '<') {
      result += '<';
      return;
    }
    ++pos_;
    result += "<<";
    for (char32_t c = peek(); c == ' ' || c == '\t' || c == '\r'; c = peek()) {
      result += static_cast<char>(c);
      ++pos_;
    }
  }

  /// Reads a name after `$` or `${`: a run of digits, one special parameter, or a letter or `_`
  /// followed by letters, digits and `_` (Unicode letters and digits, as Go's unicode package).
  std::string_view process_name() {
    const size_t start = pos_;
    uint32_t width;
    char32_t c = peek(width);
    if (c == k_eof) return {};
    if (is_digit(c)) {
      while (c != k_eof && is_digit(c)) {
        pos_ += width;
        c = peek(width);
      }
      return in_.substr(start, pos_ - start);
    }
    if (is_special_param(c)) {
      pos_ += width;
      return in_.substr(start, pos_ - start);
    }
    while (c != k_eof && (is_letter(c) || is_digit(c) || c == '_')) {
      pos_ += width;
      c = peek(width);
    }
    return in_.substr(start, pos_ - start);
  }

  /// BuildKit's getEnv, recording the name as matched or unmatched.
  std::optional<std::string_view> get_env(std::string_view name) {
    std::optional<std::string_view> value;
    if (lookup_) value = lookup_(name);
    auto& list = value ? out_.matched : out_.unmatched;
    if (std::find(list.begin(), list.end(), name) == list.end()) list.emplace_back(name);
    return value;
  }

  bool process_dollar(std::string& dst) {
    ++pos_;  // '$'
    if (peek() != '{') {
      const std::string_view name = process_name();
      if (name.empty()) {
        dst += '$';
        return true;
      }
      const auto value = get_env(name);
      if (!value && options_.skip_unset) {
        dst += '$';
        dst.append(name);
      } else if (value) {
        dst.append(*value);
      }
      return true;
    }
    ++pos_;  // '{'
    switch (peek()) {
      case k_eof:
        return fail("syntax error: missing '}'");
      case '{':
      case '}':
      case ':':
        return fail("syntax error: bad substitution");
      default:
        break;
    }
    const std::string_view name = process_name();
    char32_t op = next();
    std::string ops;  // the operator as written, e.g. ":-" (short: no allocation)
    append_go_rune(ops, op);
    switch (op) {
      case '}': {
        const auto value = get_env(name);
        if (!value && options_.skip_unset) {
          dst += "${";
          dst.append(name);
          dst += '}';
        } else if (value) {
          dst.append(*value);
        }
        return true;
      }
      case ':':
      case '+':
      case '-':
      case '?':
      case '#':
      case '%': {
        bool null_is_unset = false;
        if (op == ':') {
          // Whatever follows ':' is the operator; unsupported ones fail only after the word
          // has been read (and then not at all when skip_unset keeps an unset variable as is).
          null_is_unset = true;
          op = next();
          append_go_rune(ops, op);
        }
        return process_modifier(dst, name, op, ops, null_is_unset);
      }
      case '/':
        return process_replace(dst, name);
      default:
        return fail(fmt::format("unsupported modifier ({}) in substitution", ops));
    }
  }

  bool process_modifier(std::string& dst, std::string_view name, char32_t op, std::string_view ops,
                        bool null_is_unset) {
    // The pattern forms keep escapes, so that the glob can tell `\*` from `*`.
    const bool pattern_op = op == '#' || op == '%';
    if (null_is_unset && pattern_op) {
      return fail(fmt::format("unsupported modifier ({}) in substitution", ops));
    }
    std::string& word = scratch_string(0);
    if (!nested('}', pattern_op, word)) {
      if (peek() == k_eof) return fail("syntax error: missing '}'");
      return false;
    }
    const auto value = get_env(name);
    if (!value && options_.skip_unset) {
      dst += "${";
      dst.append(name);
      dst.append(ops);
      dst.append(word);
      dst += '}';
      return true;
    }
    const bool unset_or_null = !value || (null_is_unset && value->empty());
    switch (op) {
      case '-':
        dst.append(unset_or_null ? std::string_view(word) : *value);
        return true;
      case '+':
        if (!unset_or_null) dst.append(word);
        return true;
      case '?':
        if (!value) {
          return fail(
              fmt::format("{}: {}", name,
                          word.empty() ? "is not allowed to be unset" : std::string_view(word)));
        }
        if (null_is_unset && value->empty()) {
          return fail(
              fmt::format("{}: {}", name,
                          word.empty() ? "is not allowed to be empty" : std::string_view(word)));
        }
        dst.append(*value);
        return true;
      case '#':
      case '%': {
        // `##` / `%%` is greedy; BuildKit checks the first byte of the expanded word, so a
        // variable expanding to "#..." also makes `${VAR#$P}` greedy.
        std::string_view pattern = word;
        const bool greedy = !pattern.empty() && static_cast<char32_t>(pattern[0]) == op;
        if (greedy) pattern.remove_prefix(1);
        return op == '%' ? trim_suffix(dst, value.value_or(""), pattern, greedy)
                         : trim_prefix(dst, value.value_or(""), pattern, greedy);
      }
      default:
        return fail(fmt::format("unsupported modifier ({}) in substitution", ops));
    }
  }

  bool compile(std::string_view pattern) {
    std::string error;
    if (compile_glob(pattern, scratch_.prog, error)) return true;
    return fail(fmt::format("invalid pattern ({}) in substitution: {}", pattern, error));
  }

  /// Decodes `value` into runes (U+FFFD for invalid bytes, as Go's regexp reads them) and the
  /// byte offset of each rune, plus the end offset.
  void decode_value(std::string_view value) {
    auto& runes = scratch_.runes;
    auto& offsets = scratch_.offsets;
    runes.clear();
    offsets.clear();
    for (size_t i = 0; i < value.size();) {
      const Rune r = decode_rune(value, i);
      runes.push_back(r.value);
      offsets.push_back(i);
      i += r.width;
    }
    offsets.push_back(value.size());
  }

  /// `${VAR#pat}` / `${VAR##pat}`: drop the shortest / longest matching prefix.
  bool trim_prefix(std::string& dst, std::string_view value, std::string_view pattern,
                   bool greedy) {
    if (!compile(pattern)) return false;
    decode_value(value);
    GlobMatcher matcher(scratch_.prog, greedy, scratch_.vm);
    size_t begin = 0, end = 0;
    const bool found = matcher.search(scratch_.runes, 0, true, begin, end);
    dst.append(value.substr(found ? scratch_.offsets[end] : 0));
    return true;
  }

  /// `${VAR%pat}` / `${VAR%%pat}`: BuildKit reverses the pattern and the value and trims a
  /// prefix. Its reversal goes through []rune, so invalid bytes in the value come back as U+FFFD
  /// even when nothing matches; we do the same.
  bool trim_suffix(std::string& dst, std::string_view value, std::string_view pattern,
                   bool greedy) {
    reverse_pattern(pattern, scratch_.pattern_runes, scratch_.runes, scratch_.pattern);
    if (!compile(scratch_.pattern)) return false;
    decode_value(value);
    auto& runes = scratch_.runes;
    std::reverse(runes.begin(), runes.end());
    GlobMatcher matcher(scratch_.prog, greedy, scratch_.vm);
    size_t begin = 0, end = 0;
    const bool found = matcher.search(runes, 0, true, begin, end);
    const size_t stop = found ? end : 0;
    for (size_t i = runes.size(); i > stop; --i) append_rune(dst, runes[i - 1]);
    return true;
  }

  /// `${VAR/pat/repl}` and `${VAR//pat/repl}`: greedy stars, leftmost-first match. Replacing the
  /// first match inserts `repl` as is; replacing all goes through Go's ReplaceAllString, which
  /// expands `$0`, `$$` and friends in `repl`.
  bool process_replace(std::string& dst, std::string_view name) {
    const bool replace_all = peek() == '/';
    if (replace_all) ++pos_;
    std::string& pattern = scratch_string(0);
    if (!nested('/', true, pattern)) {
      if (peek() == k_eof) return fail("syntax error: missing '/' in ${}");
      return false;
    }
    std::string& replacement = scratch_string(1);
    if (!nested('}', true, replacement)) {
      if (peek() == k_eof) return fail("syntax error: missing '}'");
      return false;
    }
    const auto found_value = get_env(name);
    if (!found_value && options_.skip_unset) {
      // BuildKit writes one '/' back even for `//`.
      dst += "${";
      dst.append(name);
      dst += '/';
      dst.append(pattern);
      dst += '/';
      dst.append(replacement);
      dst += '}';
      return true;
    }
    const std::string_view value = found_value.value_or("");
    if (!compile(pattern)) return false;
    decode_value(value);
    const auto& offsets = scratch_.offsets;
    const std::span<const char32_t> runes = scratch_.runes;
    GlobMatcher matcher(scratch_.prog, true, scratch_.vm);
    size_t begin = 0, end = 0;
    if (!replace_all) {
      if (matcher.search(runes, 0, false, begin, end)) {
        dst.append(value.substr(0, offsets[begin]));
        dst.append(replacement);
        dst.append(value.substr(offsets[end]));
      } else {
        dst.append(value);
      }
      return true;
    }
    // Go's Regexp.replaceAll, in rune positions: no replacement for an empty match right after
    // a match, and always advance at least one rune.
    size_t last_end = 0;
    for (size_t search = 0; search <= runes.size();) {
      if (!matcher.search(runes, search, false, begin, end)) break;
      dst.append(value.substr(offsets[last_end], offsets[begin] - offsets[last_end]));
      if (end > last_end || begin == 0) {
        expand_template(dst, replacement,
                        value.substr(offsets[begin], offsets[end] - offsets[begin]));
      }
      last_end = end;
      search = end <= search ? search + 1 : end;
    }
    dst.append(value.substr(offsets[last_end]));
    return true;
  }

  std::string_view in_;
  size_t pos_ = 0;
  const VariableLookup& lookup_;
  const ExpansionOptions& options_;
  Expansion& out_;
  Scratch& scratch_;
  char32_t escape_;
  bool raw_escapes_;
  int depth_ = 0;
  std::optional<WordSplitter> splitter_;
  std::string error_;
};

std::optional<ExpansionError> expand(std::string_view text, const VariableLookup& lookup,
                                     const ExpansionOptions& options, Expansion& out, bool split) {
  out.value.clear();
  out.words.clear();
  out.matched.clear();
  out.unmatched.clear();
  ScratchLease lease;
  return Expander(text, lookup, options, out, lease.get(), split).run();
}

}  // namespace
}  // namespace detail

std::optional<ExpansionError> expand_word(std::string_view word, const VariableLookup& lookup,
                                          const ExpansionOptions& options, Expansion& out) {
  return detail::expand(word, lookup, options, out, false);
}

std::optional<ExpansionError> expand_words(std::string_view text, const VariableLookup& lookup,
                                           const ExpansionOptions& options, Expansion& out) {
  return detail::expand(text, lookup, options, out, true);
}

}  // namespace dfopt
