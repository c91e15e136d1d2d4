#include "shell/internal.h"

#include <algorithm>

namespace dfopt::shell::detail {

std::string_view base_name(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_sh_name(std::string_view name) {
  static constexpr std::string_view kShells[] = {"sh",  "bash", "dash",  "ash",  "zsh",
                                                 "ksh", "mksh", "ksh93", "posh", "yash"};
  return std::find(std::begin(kShells), std::end(kShells), name) != std::end(kShells);
}

namespace {

// Reads a shell's options (`sh -ec`, `bash -o pipefail -c`, `bash --login -c`). Returns the
// index of the first operand; sets `dash_c`/`dash_s` when `-c`/`-s` were given.
size_t read_shell_options(const Command& cmd, bool& dash_c, bool& dash_s) {
  const auto& argv = cmd.argv;
  size_t i = 1;
  for (; i < argv.size(); ++i) {
    std::string_view a = argv[i].text;
    if (a == "--" || a == "-") return i + 1;
    if (a.size() < 2 || (a[0] != '-' && a[0] != '+')) break;
    if (a[0] == '-' && a[1] == '-') {
      if (a == "--rcfile" || a == "--init-file") ++i;  // bash long options with a value
      continue;
    }
    bool value = false;
    for (char c : a.substr(1)) {
      if (c == 'c') dash_c = true;
      if (c == 's') dash_s = true;
      if (c == 'o' || c == 'O') value = true;  // -o pipefail, -O extglob
    }
    if (value) ++i;
  }
  return i;
}

}  // namespace

uint32_t shell_script_arg(const Command& cmd) {
  if (cmd.argv.empty()) return npos;
  const std::string_view name = base_name(cmd.name());
  if (is_sh_name(name)) {
    bool c = false, s = false;
    const size_t i = read_shell_options(cmd, c, s);
    return c && i < cmd.argv.size() ? static_cast<uint32_t>(i) : npos;
  }
  if (name == "su" || name == "runuser") {
    // su [options] [-] [user [args]]: `-c command` / `--command command` runs it with the user's
    // shell, which we read as sh.
    for (size_t i = 1; i < cmd.argv.size(); ++i) {
      std::string_view a = cmd.argv[i].text;
      if (a == "--command") return i + 1 < cmd.argv.size() ? static_cast<uint32_t>(i + 1) : npos;
      if (a.size() < 2 || a[0] != '-' || a[1] == '-') continue;
      for (size_t k = 1; k < a.size(); ++k) {
        const char c = a[k];
        if (c == 'c' || c == 's' || c == 'g' || c == 'G' || c == 'w') {
          // The option takes a value: the rest of the word, or the next word.
          if (c != 'c') {
            if (k + 1 == a.size()) ++i;
            break;
          }
          if (k + 1 < a.size()) return npos;  // `-cCMD`: the script shares a word; not mapped
          return i + 1 < cmd.argv.size() ? static_cast<uint32_t>(i + 1) : npos;
        }
      }
    }
  }
  return npos;
}

bool shell_reads_stdin(const Command& cmd) {
  if (cmd.argv.empty() || !is_sh_name(base_name(cmd.name()))) return false;
  bool c = false, s = false;
  const size_t i = read_shell_options(cmd, c, s);
  if (c) return false;
  return s || i >= cmd.argv.size();
}

namespace {

class Unquoter {
 public:
  Unquoter(std::string_view raw, uint32_t base) : raw_(raw), base_(base) {}

  Unquoted run() {
    const size_t n = raw_.size();
    size_t i = 0;
    while (i < n) {
      const char c = raw_[i];
      if (c == '\'') {
        size_t j = raw_.find('\'', i + 1);
        if (j == std::string_view::npos) j = n;
        copy(i + 1, j - i - 1);
        i = j + 1;
      } else if (c == '"') {
        i = double_quoted(i + 1);
      } else if (c == '\\') {
        if (i + 1 < n && raw_[i + 1] != '\n') copy(i + 1, 1);
        i += 2;
      } else if (c == '$' && i + 1 < n && raw_[i + 1] == '\'') {
        size_t j = i + 2;
        while (j < n && raw_[j] != '\'') j += raw_[j] == '\\' ? 2 : 1;
        j = std::min(j, n);
        copy(i + 2, j - i - 2);
        i = j + 1;
      } else if ((c == '$' && i + 1 < n && raw_[i + 1] == '(') || c == '`') {
        i = expanded(i);
      } else if (c == '$' && i + 1 < n && raw_[i + 1] == '{') {
        const size_t e = skip_braces(i + 1);
        copy(i, e - i);
        i = e;
      } else {
        copy(i, 1);
        ++i;
      }
    }
    return std::move(out_);
  }

 private:
  size_t double_quoted(size_t i) {
    const size_t n = raw_.size();
    while (i < n && raw_[i] != '"') {
      const char c = raw_[i];
      if (c == '\\' && i + 1 < n) {
        const char d = raw_[i + 1];
        if (d == '$' || d == '`' || d == '"' || d == '\\') {
          copy(i + 1, 1);
        } else if (d != '\n') {
          copy(i, 2);
        }
        i += 2;
      } else if ((c == '$' && i + 1 < n && raw_[i + 1] == '(') || c == '`') {
        i = expanded(i);
      } else if (c == '$' && i + 1 < n && raw_[i + 1] == '{') {
        const size_t e = skip_braces(i + 1);
        copy(i, e - i);
        i = e;
      } else {
        copy(i, 1);
        ++i;
      }
    }
    return i + 1;
  }

  // A command substitution the outer shell expands: kept as written, and remembered.
  size_t expanded(size_t i) {
    const size_t e = raw_[i] == '`' ? skip_backticks(i) : skip_parens(i + 1);
    const auto begin = static_cast<uint32_t>(out_.text.size());
    copy(i, e - i);
    out_.expanded.emplace_back(begin, static_cast<uint32_t>(out_.text.size()));
    return e;
  }

  // From an opening '(' to after its matching ')', skipping quoted text.
  size_t skip_parens(size_t i) {
    int depth = 0;
    const size_t n = raw_.size();
    while (i < n) {
      const char c = raw_[i];
      if (c == '(') {
        ++depth;
      } else if (c == ')') {
        if (--depth == 0) return i + 1;
      } else if (c == '\'') {
        const size_t j = raw_.find('\'', i + 1);
        i = j == std::string_view::npos ? n : j;
      } else if (c == '\\') {
        ++i;
      }
      ++i;
    }
    return n;
  }

  size_t skip_braces(size_t i) {
    int depth = 0;
    const size_t n = raw_.size();
    while (i < n) {
      const char c = raw_[i];
      if (c == '{') {
        ++depth;
      } else if (c == '}') {
        if (--depth == 0) return i + 1;
      } else if (c == '\\') {
        ++i;
      }
      ++i;
    }
    return n;
  }

  size_t skip_backticks(size_t i) {
    const size_t n = raw_.size();
    ++i;
    while (i < n && raw_[i] != '`') i += raw_[i] == '\\' ? 2 : 1;
    return std::min(i + 1, n);
  }

  void copy(size_t from, size_t len) {
    if (len == 0 || from >= raw_.size()) return;
    len = std::min(len, raw_.size() - from);
    const auto logical = static_cast<uint32_t>(out_.text.size());
    const auto source = base_ + static_cast<uint32_t>(from);
    out_.text.append(raw_.substr(from, len));
    auto& pieces = out_.pieces;
    if (!pieces.empty() && pieces.back().logical + pieces.back().size == logical &&
        pieces.back().source + pieces.back().size == source) {
      pieces.back().size += static_cast<uint32_t>(len);
    } else {
      pieces.push_back({logical, source, static_cast<uint32_t>(len)});
    }
  }

  std::string_view raw_;
  uint32_t base_;
  Unquoted out_;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Unquoted unquote_word(std::string_view raw, uint32_t base) { return Unquoter(raw, base).run(); }

std::vector<ast::SourceMap::Piece> json_string_pieces(std::string_view raw, uint32_t base,
                                                      std::string_view value) {
  std::vector<ast::SourceMap::Piece> pieces;
  auto add = [&](uint32_t logical, uint32_t source, uint32_t size) {
    if (!pieces.empty() && pieces.back().logical + pieces.back().size == logical &&
        pieces.back().source + pieces.back().size == source) {
      pieces.back().size += size;
    } else {
      pieces.push_back({logical, source, size});
    }
  };
  uint32_t out = 0;
  size_t i = raw.empty() ? 0 : 1;  // after the opening quote
  const size_t n = raw.size() > 0 ? raw.size() - 1 : 0;
  while (i < n) {
    if (raw[i] != '\\') {
      add(out++, base + static_cast<uint32_t>(i), 1);
      ++i;
      continue;
    }
    if (i + 1 >= n) break;
    const char e = raw[i + 1];
    if (e != 'u') {
      add(out++, base + static_cast<uint32_t>(i + 1), 1);
      i += 2;
      continue;
    }
    // \uXXXX (and a surrogate pair): the UTF-8 bytes map onto the escape's characters.
    uint32_t cp = 0;
    bool ok = i + 6 <= n;
    for (size_t k = 0; ok && k < 4; ++k) {
      const int h = hex_value(raw[i + 2 + k]);
      ok = h >= 0;
      cp = cp * 16 + static_cast<uint32_t>(h);
    }
    size_t len = 6;
    if (ok && cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= n && raw[i + 6] == '\\' &&
        raw[i + 7] == 'u') {
      uint32_t lo = 0;
      bool ok2 = true;
      for (size_t k = 0; ok2 && k < 4; ++k) {
        const int h = hex_value(raw[i + 8 + k]);
        ok2 = h >= 0;
        lo = lo * 16 + static_cast<uint32_t>(h);
      }
      if (ok2 && lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        len = 12;
      }
    }
    const uint32_t bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (uint32_t k = 0; k < bytes; ++k) add(out++, base + static_cast<uint32_t>(i + k), 1);
    i += len;
  }
  if (out != value.size()) {
    // Not the decoding BuildKit did (cannot happen for a valid array): map it as one piece.
    pieces.assign({{0, base + (raw.empty() ? 0u : 1u), static_cast<uint32_t>(value.size())}});
  }
  return pieces;
}

ast::SourceMap compose(const ast::SourceMap& outer, std::span<const ast::SourceMap::Piece> inner) {
  ast::SourceMap out;
  const auto& op = outer.pieces;
  for (const auto& p : inner) {
    uint32_t logical = p.logical;
    uint32_t at = p.source;
    uint32_t left = p.size;
    while (left > 0) {
      auto it = std::upper_bound(
          op.begin(), op.end(), at,
          [](uint32_t v, const ast::SourceMap::Piece& q) { return v < q.logical; });
      if (it == op.begin()) {
        out.pieces.push_back({logical, outer.to_source(at), left});
        break;
      }
      --it;
      const uint32_t delta = at - it->logical;
      if (delta >= it->size) {
        out.pieces.push_back({logical, it->source + it->size, left});
        break;
      }
      const uint32_t take = std::min(left, it->size - delta);
      out.pieces.push_back({logical, it->source + delta, take});
      logical += take;
      at += take;
      left -= take;
    }
  }
  if (out.pieces.empty()) {
    const uint32_t at = inner.empty() ? outer.to_source(0) : outer.to_source(inner.front().source);
    out.pieces.push_back({0, at, 0});
  }
  return out;
}

uint32_t MapCursor::at(uint32_t offset) {
  const auto& p = map_->pieces;
  if (p.empty()) return 0;
  // Same semantics as SourceMap::to_source: the piece starting at or before `offset`.
  if (hint_ >= p.size()) hint_ = 0;
  if (offset < p[hint_].logical) {
    hint_ = 0;
    if (offset < p[0].logical) return p[0].source;
  }
  while (hint_ + 1 < p.size() && p[hint_ + 1].logical <= offset) ++hint_;
  const auto& piece = p[hint_];
  const uint32_t delta = offset - piece.logical;
  return delta >= piece.size ? piece.source + piece.size : piece.source + delta;
}

ast::SourceMap identity_map(uint32_t source_begin, uint32_t size) {
  ast::SourceMap m;
  m.pieces.push_back({0, source_begin, size});
  return m;
}

}  // namespace dfopt::shell::detail
