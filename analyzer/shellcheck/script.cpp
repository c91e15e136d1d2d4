// The script ShellCheck checks for one RUN, and the way back from ShellCheck's positions to the
// Dockerfile's bytes.
//
// The script is what hadolint gives ShellCheck (a shebang for the stage's shell, then
// `export NAME=1` for the ARGs and ENVs in scope and the proxy variables, then the RUN), except
// that the RUN part is exactly what BuildKit hands to the shell: the command line with its line
// continuations joined, followed by its heredocs (dispatchRun appends "\n", the body and the
// delimiter for each), or for a lone `RUN <<EOF` the heredoc's body itself.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "dfopt/model.h"
#include "dfopt/shell.h"
#include "dfopt/shellcheck.h"
#include "shellcheck/internal.h"

namespace dfopt::shellcheck {
namespace {

using Piece = ast::SourceMap::Piece;

// The variables BuildKit passes to every RUN without a declaration; hadolint exports them too.
constexpr std::string_view kProxyVars[] = {"FTP_PROXY", "HTTPS_PROXY", "HTTP_PROXY",  "NO_PROXY",
                                           "ftp_proxy", "http_proxy",  "https_proxy", "no_proxy"};

// Finding the variables ShellCheck could suggest for a misspelt one compares each word of a RUN
// with each variable in scope; with more distinct ARG/ENV names than this in a file, that is
// skipped (ShellCheck then misses some "did you mean" hints) so that the work stays linear.
constexpr size_t kSuggestLimit = 1024;

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_name(std::string_view s) {
  return !s.empty() && is_name_start(s[0]) && std::all_of(s.begin(), s.end(), is_name_char);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view base_name(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > b) words.emplace_back(line.substr(b, i - b));
  }
  return words;
}

/// The shell ShellCheck should check `argv` (a SHELL, a shebang's words) as: "sh", "bash",
/// "dash" or "ksh"; "" when ShellCheck does not support it. `env` and `busybox` are looked
/// through as BuildKit's shell would run them.
std::string_view checked_shell(std::span<const std::string> argv) {
  size_t i = 0;
  while (i < argv.size()) {
    std::string name = lower(base_name(argv[i]));
    if (name.ends_with(".exe")) name.resize(name.size() - 4);
    if (name == "env") {
      // env [-i] [-u NAME] [NAME=value]... program
      ++i;
      while (i < argv.size() &&
             (argv[i].starts_with("-") || argv[i].find('=') != std::string::npos)) {
        if (argv[i] == "-u" || argv[i] == "--unset") ++i;
        ++i;
      }
      continue;
    }
    // BusyBox's sh is ash, which ShellCheck checks as dash.
    if (name == "busybox") return "dash";
    if (name == "sh" || name == "posh" || name == "yash") return "sh";
    if (name == "bash") return "bash";
    if (name == "dash" || name == "ash") return "dash";
    if (name == "ksh" || name == "ksh93" || name == "ksh88" || name == "mksh" || name == "oksh" ||
        name == "pdksh") {
      return "ksh";
    }
    return {};  // zsh (ShellCheck: "only supports sh/bash/dash/ksh"), pwsh, cmd, python...
  }
  return {};
}

/// hadolint's `# hadolint shell=<shell>` pragma: the shell of every RUN that no SHELL
/// instruction governs, wherever the comment is. The last one wins; nullopt when there is none.
std::optional<std::vector<std::string>> shell_pragma(const SourceFile& source,
                                                     const ast::Dockerfile& ast) {
  std::optional<std::vector<std::string>> out;
  for (const ast::Comment& c : ast.comments) {
    std::string_view t = source.slice(c.range);
    if (t.find("hadolint") == std::string_view::npos) continue;
    auto skip_blanks = [&] {
      while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    };
    auto eat = [&](std::string_view word) {
      skip_blanks();
      if (!t.starts_with(word)) return false;
      t.remove_prefix(word.size());
      return true;
    };
    if (!eat("#") || !eat("hadolint") || !eat("shell") || !eat("=")) continue;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r')) {
      t.remove_suffix(1);
    }
    std::vector<std::string> words = split_words(t);
    if (!words.empty()) out = std::move(words);
  }
  return out;
}

/// Appends pieces mapping `text` (at `logical` in the script) to `src` (at source offset
/// `source`), where `text` is `src` with some bytes left out (tabs `<<-` strips): runs of equal
/// bytes are matched greedily, and a source byte that does not match is skipped.
void align(std::string_view text, std::string_view src, uint32_t logical, uint32_t source,
           std::vector<Piece>& out) {
  size_t i = 0, j = 0;
  while (i < text.size() && j < src.size()) {
    if (text[i] != src[j]) {
      ++j;
      continue;
    }
    size_t k = 0;
    while (i + k < text.size() && j + k < src.size() && text[i + k] == src[j + k]) ++k;
    out.push_back({logical + static_cast<uint32_t>(i), source + static_cast<uint32_t>(j),
                   static_cast<uint32_t>(k)});
    i += k;
    j += k;
  }
}

/// BuildKit's ChompHeredocContent: leading tabs removed from every line.
std::string chomp_tabs(std::string_view content) {
  std::string out;
  out.reserve(content.size());
  bool line_start = true;
  for (char c : content) {
    if (line_start && c == '\t') continue;
    line_start = c == '\n';
    out.push_back(c);
  }
  return out;
}

/// The candidate names to export: every distinct ARG/ENV name of the file that is a shell
/// variable name, sorted (computed once per file).
std::vector<std::string_view> declared_names(const model::Model& model) {
  std::vector<std::string_view> names;
  for (const model::Declaration& d : model.declarations()) {
    if (is_name(d.name)) names.emplace_back(d.name);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

/// Levenshtein distance of `a` and `b` compared without case, or `limit + 1` when it is larger.
size_t distance_within(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  auto low = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t best = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min(
          {prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (low(a[i - 1]) == low(b[j - 1]) ? 0 : 1)});
      best = std::min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], limit + 1);
}

/// Whether ShellCheck could offer `candidate`, an assigned variable, for the unassigned
/// reference `word` ("did you mean", SC2153/SC2154): its getBestMatch takes names longer than
/// 3 at distance 1 (a change of case alone counts 1) and names longer than 7 at distance 2. Its
/// distance may count a transposition as one edit, so this allows Levenshtein 2 and 4: a
/// superset, which is harmless (an extra export changes nothing but these hints).
bool may_suggest(std::string_view word, std::string_view candidate) {
  if (candidate.size() <= 3 || word == candidate) return false;
  return distance_within(word, candidate, candidate.size() > 7 ? 4 : 2) <=
         (candidate.size() > 7 ? 4u : 2u);
}

/// Appends the words of `text` that could be shell variable names.
void add_words(std::string_view text, std::vector<std::string_view>& out) {
  for (size_t i = 0; i < text.size();) {
    if (!is_name_start(text[i]) || (i > 0 && is_name_char(text[i - 1]))) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < text.size() && is_name_char(text[e])) ++e;
    out.push_back(text.substr(i, e - i));
    i = e;
  }
}

class ScriptBuilder {
 public:
  explicit ScriptBuilder(const FileContext& file)
      : file_(file),
        names_(declared_names(file.model)),
        pragma_(shell_pragma(file.source, file.ast)) {}

  void add(uint32_t index, std::vector<Script>& out) {
    const ast::Instruction& outer = file_.ast.instructions[index];
    const bool onbuild = outer.kind == ast::InstrKind::onbuild;
    if (onbuild && !outer.inner) return;
    const ast::Instruction& ins = onbuild ? *outer.inner : outer;
    if (ins.kind != ast::InstrKind::run || ins.form != ast::ArgForm::shell) return;
    const shell::Script& parsed = file_.script(index);
    // The shell model decides what runs the text (SHELL, a heredoc shebang, a Windows image
    // with no SHELL); ShellCheck needs a POSIX shell.
    if (!parsed.is_sh() || parsed.exec_form) return;

    const ast::Heredoc* lone =
        parsed.heredoc && !ins.heredocs.empty() ? &ins.heredocs.front() : nullptr;
    std::string lone_text;
    std::vector<std::string> argv;
    if (lone) {
      lone_text = lone->chomp ? chomp_tabs(lone->content) : lone->content;
      if (lone_text.starts_with("#!")) {
        std::string_view line = std::string_view(lone_text).substr(2);
        line = line.substr(0, line.find('\n'));
        while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        argv = split_words(line);
      }
    }
    if (argv.empty()) {
      if (pragma_ && file_.model.shell_setting_at(index) == nullptr) {
        argv = *pragma_;
      } else {
        const auto shell = file_.model.shell_at(index);
        argv.assign(shell.begin(), shell.end());
      }
    }
    const std::string_view shell = checked_shell(argv);
    if (shell.empty()) return;

    // The body (what the shell reads), with pieces relative to its start.
    std::string body;
    std::vector<Piece> pieces;
    if (lone) {
      // The heredoc's body is the script; its own shebang line gives way to ours.
      std::vector<Piece> all;
      align(lone_text, file_.source.slice(lone->body), 0, lone->body.begin, all);
      size_t skip = 0;
      if (lone_text.starts_with("#!")) {
        const size_t nl = lone_text.find('\n');
        skip = nl == std::string::npos ? lone_text.size() : nl + 1;
      }
      const auto cut = static_cast<uint32_t>(skip);
      for (const Piece& p : all) {
        const uint32_t end = p.logical + p.size;
        if (end <= cut) continue;
        const uint32_t from = std::max(p.logical, cut);
        pieces.push_back({from - cut, p.source + (from - p.logical), end - from});
      }
      body.assign(lone_text, skip);
    } else {
      pieces = ins.args_map.pieces;
      body = ins.args_text.value;
      // dispatchRun: "\n", then each heredoc's body and its delimiter.
      for (const ast::Heredoc& h : ins.heredocs) {
        body += '\n';
        align(h.content, file_.source.slice(h.body), static_cast<uint32_t>(body.size()),
              h.body.begin, pieces);
        body += h.content;
        const std::string_view term = file_.source.slice(h.terminator);
        if (h.terminated && term.ends_with(h.name)) {
          pieces.push_back({static_cast<uint32_t>(body.size()),
                            h.terminator.end - static_cast<uint32_t>(h.name.size()),
                            static_cast<uint32_t>(h.name.size())});
        }
        body += h.name;
      }
    }

    Script s;
    s.anchor = ins.keyword.range;
    s.text = fmt::format("#!/bin/{}\n", shell);
    exports(index, onbuild, body, s.text);
    const auto base = static_cast<uint32_t>(s.text.size());
    s.map.reserve(pieces.size());
    for (const Piece& p : pieces) s.map.push_back({base + p.logical, p.source, p.size});
    s.text += body;
    out.push_back(std::move(s));
  }

 private:
  /// Whether `name` is set when instruction `index` runs: a proxy variable (BuildKit passes
  /// them to every RUN), or an ARG/ENV in scope. An ONBUILD trigger runs in a later build,
  /// which gets this stage's ENV but not its ARGs.
  bool in_scope(uint32_t index, bool onbuild, std::string_view name) const {
    if (std::find(std::begin(kProxyVars), std::end(kProxyVars), name) != std::end(kProxyVars)) {
      return true;
    }
    if (!std::binary_search(names_.begin(), names_.end(), name)) return false;
    const model::VarValue v = file_.model.lookup(index, name);
    return v.status != model::VarStatus::unset && (!onbuild || v.source == model::VarSource::env);
  }

  /// Appends `export NAME=1` lines, sorted, for the variables in scope that can change what
  /// ShellCheck says about `body`: those it mentions, and those ShellCheck could suggest for a
  /// word it mentions that is not in scope. hadolint exports every variable in scope, which
  /// gives the same findings; the others would only cost ShellCheck time (half of it, on
  /// typical RUNs).
  void exports(uint32_t index, bool onbuild, std::string_view body, std::string& out) const {
    std::vector<std::string_view> words;
    add_words(body, words);
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    std::vector<std::string_view> names;
    std::vector<std::string_view> missing;
    for (std::string_view w : words) {
      if (in_scope(index, onbuild, w)) {
        names.push_back(w);
      } else {
        missing.push_back(w);
      }
    }
    if (!missing.empty() && names_.size() <= kSuggestLimit) {
      std::vector<std::string_view> scope;
      for (std::string_view p : kProxyVars) scope.push_back(p);
      for (std::string_view n : names_) {
        if (in_scope(index, onbuild, n)) scope.push_back(n);
      }
      for (std::string_view w : missing) {
        for (std::string_view n : scope) {
          if (may_suggest(w, n)) names.push_back(n);
        }
      }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (std::string_view n : names) {
      out += "export ";
      out += n;
      out += "=1\n";
    }
  }

  const FileContext& file_;
  std::vector<std::string_view> names_;
  std::optional<std::vector<std::string>> pragma_;
};

// ---------------------------------------------------------------------------------------------
// Positions

/// Length of the character at `s[i]` as ShellCheck counts characters: a well-formed UTF-8
/// sequence is one character, and so is each byte of anything else.
size_t char_length(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = 0;
  uint32_t cp = 0;
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) {
    n = 2;
    cp = b & 0x1F;
  } else if ((b & 0xF0) == 0xE0) {
    n = 3;
    cp = b & 0x0F;
  } else if ((b & 0xF8) == 0xF0) {
    n = 4;
    cp = b & 0x07;
  } else {
    return 1;
  }
  if (i + n > s.size()) return 1;
  for (size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 1;
    cp = (cp << 6) | (c & 0x3F);
  }
  constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 1;
  return n;
}

}  // namespace

Locator::Locator(const Script& script) : script_(script) {
  starts_.push_back(0);
  const std::string_view t = script.text;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n') starts_.push_back(static_cast<uint32_t>(i + 1));
  }
}

uint32_t Locator::offset(Position p) const {
  const std::string_view t = script_.text;
  if (p.line == 0 || p.line > starts_.size()) return static_cast<uint32_t>(t.size());
  size_t i = starts_[p.line - 1];
  const size_t end = p.line < starts_.size() ? starts_[p.line] - 1 : t.size();
  for (uint32_t col = 1; col < p.column && i < end; ++col) i += char_length(t, i);
  return static_cast<uint32_t>(std::min(i, end));
}

const Piece* Locator::piece(uint32_t off) const {
  const auto& m = script_.map;
  auto it = std::upper_bound(m.begin(), m.end(), off,
                             [](uint32_t o, const Piece& p) { return o < p.logical; });
  if (it == m.begin()) return nullptr;
  return &*std::prev(it);
}

std::optional<uint32_t> Locator::source(uint32_t off) const {
  const Piece* p = piece(off);
  if (!p) return std::nullopt;
  if (off < p->logical + p->size) return p->source + (off - p->logical);
  return p->source + p->size;
}

Diagnostic Locator::diagnostic(const Comment& c) const {
  Diagnostic d;
  d.code = fmt::format("SC{}", c.code);
  d.severity = c.severity;
  d.message = style_message(c.code, c.message);
  const uint32_t b = offset(c.begin);
  const uint32_t e = std::max(b, offset(c.end));
  const std::optional<uint32_t> begin = source(b);
  if (!begin) {
    d.range = script_.anchor;
    return d;
  }
  uint32_t end = *begin;
  if (e > b) {
    // The last character's source byte, plus one when it is a real source byte (a range ending
    // on an inserted line break ends where the text before it does).
    const Piece* p = piece(e - 1);
    if (p && e - 1 < p->logical + p->size) {
      end = p->source + (e - 1 - p->logical) + 1;
    } else if (auto last = source(e - 1)) {
      end = *last;
    }
    end = std::max(end, *begin);
  }
  d.range = {*begin, end};
  return d;
}

std::string Locator::style_message(uint32_t code, std::string_view message) {
  std::string m(message);
  while (!m.empty() && (m.back() == ' ' || m.back() == '\n')) m.pop_back();
  if (!m.empty() && m.back() == '.' && !m.ends_with("..")) m.pop_back();
  while (!m.empty() && m.back() == ' ') m.pop_back();
  // SC2034 and SC2154 start with the variable's name, which keeps its case.
  if (code == 2034 || code == 2154 || m.size() < 2) return m;
  // A capitalised word ("Double quote", "In POSIX sh", "Couldn't parse"), not an acronym or a
  // name with digits or underscores.
  size_t i = 1;
  while (i < m.size() && std::islower(static_cast<unsigned char>(m[i]))) ++i;
  const bool word_end = i == m.size() || m[i] == ' ' || m[i] == ',' || m[i] == ':' || m[i] == '\'';
  if (std::isupper(static_cast<unsigned char>(m[0])) && i > 1 && word_end) {
    m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
  }
  return m;
}

bool is_code(std::string_view code) {
  return code.size() == 6 && code[0] == 'S' && code[1] == 'C' &&
         std::all_of(code.begin() + 2, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string wiki_url(std::string_view code) {
  return std::string(kWikiBaseUrl) + std::string(code);
}

std::vector<Script> prepare(const FileContext& file) {
  std::vector<Script> out;
  ScriptBuilder builder(file);
  const auto count = static_cast<uint32_t>(file.ast.instructions.size());
  for (uint32_t i = 0; i < count; ++i) builder.add(i, out);
  return out;
}

Diagnostic to_diagnostic(const Script& script, const Comment& comment) {
  return Locator(script).diagnostic(comment);
}

}  // namespace dfopt::shellcheck
