#pragma once
// Helpers shared by the runtime rules (DF4xx): the shell-form to exec-form rewrite of CMD,
// ENTRYPOINT and HEALTHCHECK CMD, BuildKit's EXPOSE port-spec parser, ONBUILD trigger scope and
// whole-line deletion. Header-only; everything here is about one rule family, not the model.

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/fix.h"
#include "dfopt/model.h"
#include "dfopt/rule.h"

namespace dfopt::rules::runtime {

// ---------------------------------------------------------------------------------------------
// Stages and ONBUILD triggers

/// "stage 'build'" for a named stage, "stage 2" for an unnamed one.
inline std::string stage_label(const model::Model& m, uint32_t stage) {
  if (stage == model::npos || stage >= m.stages().size()) return "the global scope";
  const model::Stage& s = m.stage(stage);
  if (!s.name.empty()) return fmt::format("stage '{}'", s.name);
  return fmt::format("stage {}", stage);
}

/// For each stage, the first stage that builds FROM it and that BuildKit dispatches with ONBUILD
/// triggers, or npos. BuildKit runs a stage's ONBUILD triggers at the start of every stage built
/// FROM it, but only for stages the target reaches (dockerfile2llb `initOnBuildTriggers` is
/// called for `allReachable` only, even under `--check`). Those triggers are the only ONBUILD
/// instructions BuildKit's checks ever see in the file that declares them.
inline std::vector<uint32_t> onbuild_trigger_children(const model::Model& m) {
  std::vector<uint32_t> child(m.stages().size(), model::npos);
  for (const model::Stage& s : m.stages()) {
    if (s.parent == model::npos || !m.is_reachable(s.index)) continue;
    if (child[s.parent] == model::npos) child[s.parent] = s.index;
  }
  return child;
}

// ---------------------------------------------------------------------------------------------
// Shell form to exec form

/// Shell words that only exist inside a shell: reserved words and builtins with no binary of the
/// same name on a typical image. In exec form they would fail to start.
inline bool is_shell_only_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      ".",       "[[",       "]]",       "{",       "}",        "alias",   "bg",     "break",
      "builtin", "case",     "cd",       "command", "continue", "declare", "do",     "done",
      "elif",    "else",     "esac",     "eval",    "exec",     "exit",    "export", "fg",
      "fi",      "for",      "function", "getopts", "hash",     "if",      "jobs",   "local",
      "read",    "readonly", "return",   "select",  "set",      "shift",   "source", "then",
      "time",    "times",    "trap",     "type",    "typeset",  "ulimit",  "umask",  "unalias",
      "unset",   "until",    "wait",     "while",
  };
  for (std::string_view k : kWords) {
    if (k == w) return true;
  }
  return false;
}

/// The exec form (`["a", "b"]`) of a shell-form command that contains no shell syntax at all:
/// no expansion (`$`, backquote, `~`, globs), no quoting or escaping, no operators, redirections,
/// comments, assignments or grouping, and no shell-only first word. Then `/bin/sh -c` would only
/// split it on blanks, so the JSON array runs the same program with the same arguments. A
/// leading `exec` is dropped: the exec form already replaces the shell. nullopt otherwise.
inline std::optional<std::string> exec_form_json(std::string_view command) {
  // Expansion, quoting, escaping, globs, grouping, operators, redirections, comments, negation.
  constexpr std::string_view kShellChars = "$`'\"\\*?[]{}()&|;<>~#!";
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < command.size()) {
    const char c = command[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < command.size() && command[i] != ' ' && command[i] != '\t') {
      // Control characters (line endings included) would need JSON escapes.
      if (kShellChars.find(command[i]) != std::string_view::npos ||
          static_cast<unsigned char>(command[i]) < 0x20) {
        return std::nullopt;
      }
      ++i;
    }
    words.push_back(command.substr(start, i - start));
  }
  if (!words.empty() && words.front() == "exec") words.erase(words.begin());
  if (words.empty()) return std::nullopt;
  // `NAME=value cmd` is an environment assignment for the command, not a program name.
  if (words.front().find('=') != std::string_view::npos) return std::nullopt;
  if (is_shell_only_word(words.front())) return std::nullopt;
  std::string out = "[";
  for (size_t w = 0; w < words.size(); ++w) {
    if (w) out += ", ";
    out += '"';
    out += words[w];
    out += '"';
  }
  out += ']';
  return out;
}

/// Whether a comment line lies inside `range` (a command continued over comment lines): the
/// rewrite would drop it, so no fix is offered then.
inline bool has_comment_inside(const ast::Dockerfile& file, TextRange range) {
  for (const ast::Comment& c : file.comments) {
    if (c.range.begin >= range.end) break;
    if (c.inside_instruction && range.contains(c.range.begin)) return true;
  }
  return false;
}

/// The unsafe fix that rewrites the shell-form `command` word into the exec form, when the
/// command qualifies (exec_form_json) and the default shell runs it (a SHELL instruction may
/// select a shell with another syntax: PowerShell, cmd).
inline std::optional<Fix> exec_form_fix(const FileContext& file, const ast::Word& command,
                                        bool default_shell) {
  if (!default_shell || command.range.empty()) return std::nullopt;
  std::optional<std::string> json = exec_form_json(command.value);
  if (!json || has_comment_inside(file.ast, command.range)) return std::nullopt;
  Fix fix;
  fix.title = fmt::format("Convert to the exec form `{}`", *json);
  fix.applicability = Applicability::unsafe;
  fix.edits.push_back({command.range, std::move(*json)});
  return fix;
}

// ---------------------------------------------------------------------------------------------
// EXPOSE port specs, as BuildKit's dockerfile2llb/convert_expose.go reads them

/// Go's strconv.ParseInt(s, 10, 0) followed by BuildKit's 0..65535 check.
inline std::optional<uint32_t> parse_port_number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s.front() == '+' || s.front() == '-') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
    if (v > 1000000) v = 1000000;  // out of range either way; avoid overflow
  }
  if (negative && v != 0) return std::nullopt;
  if (v > 65535) return std::nullopt;
  return static_cast<uint32_t>(v);
}

/// BuildKit's parsePortRange: "8000-9000", or a single port.
inline bool parse_port_range(std::string_view s, uint32_t& start, uint32_t& end) {
  if (s.empty()) return false;
  const size_t dash = s.find('-');
  const std::string_view a = s.substr(0, dash);
  std::optional<uint32_t> lo = parse_port_number(a);
  if (!lo) return false;
  start = end = *lo;
  if (dash == std::string_view::npos) return true;
  const std::string_view b = s.substr(dash + 1);
  if (a == b) return true;
  std::optional<uint32_t> hi = parse_port_number(b);
  if (!hi || *hi < *lo) return false;
  end = *hi;
  return true;
}

/// Go's net.ParseIP for IPv4 dotted decimal (no leading zeros, as Go >= 1.17).
inline bool parse_ipv4(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  while (true) {
    size_t j = i;
    uint32_t v = 0;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9' && j - i < 3) v = v * 10 + (s[j++] - '0');
    if (j == i || v > 255 || (j - i > 1 && s[i] == '0')) return false;
    ++parts;
    if (j == s.size()) return parts == 4;
    if (s[j] != '.' || parts == 4) return false;
    i = j + 1;
  }
}

/// Go's net.ParseIP for IPv6 (groups of 1-4 hex digits, one `::`, an optional trailing IPv4).
inline bool parse_ipv6(std::string_view s) {
  int groups = 0;
  bool ellipsis = false;
  size_t i = 0;
  if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
    ellipsis = true;
    i = 2;
    if (i == s.size()) return true;
  }
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && j - i < 5 && std::isxdigit(static_cast<unsigned char>(s[j]))) ++j;
    if (j < s.size() && s[j] == '.') {
      // Trailing IPv4 in the last 32 bits.
      if (groups > 6 || !parse_ipv4(s.substr(i))) return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (j == i || j - i > 4) return false;
    ++groups;
    i = j;
    if (i == s.size()) break;
    if (s[i] != ':' || groups == 8) return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (ellipsis) return false;
      ellipsis = true;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return false;
    }
  }
  return ellipsis ? groups < 8 : groups == 8;
}

/// One port spec `[ip:][hostPort:]containerPort[/proto]` of an (expanded) EXPOSE word.
struct PortSpec {
  std::string_view ip;
  std::string_view host_port;
  std::string_view container;                    ///< containerPort[/proto]
  size_t container_offset = 0;                   ///< of `container` in the raw spec
  std::string_view proto;                        ///< as written, "" when absent
  size_t proto_offset = std::string_view::npos;  ///< of `proto` in the raw spec
  /// splitProtoPort succeeded: BuildKit's ExposeProtoCasing and ExposeInvalidFormat checks run.
  bool linted = false;
  /// The whole spec is valid: BuildKit exposes the container ports and goes on.
  bool valid = false;
};

/// BuildKit's portSpecs.parsePort: splitParts on ':', splitProtoPort on the first '/', then the
/// IP, container and host port validations. The checks run between the proto split and the
/// validations, so a spec can be `linted` and still invalid; an invalid spec stops the EXPOSE.
inline PortSpec parse_port_spec(std::string_view raw) {
  PortSpec p;
  const size_t c2 = raw.rfind(':');
  if (c2 == std::string_view::npos) {
    p.container = raw;
  } else {
    p.container = raw.substr(c2 + 1);
    p.container_offset = c2 + 1;
    const size_t c1 = c2 == 0 ? std::string_view::npos : raw.rfind(':', c2 - 1);
    if (c1 == std::string_view::npos) {
      p.host_port = raw.substr(0, c2);
    } else {
      p.ip = raw.substr(0, c1);
      p.host_port = raw.substr(c1 + 1, c2 - c1 - 1);
    }
  }
  const size_t slash = p.container.find('/');
  const std::string_view port = p.container.substr(0, slash);
  if (slash != std::string_view::npos) {
    p.proto = p.container.substr(slash + 1);
    p.proto_offset = p.container_offset + slash + 1;
  }
  if (port.empty()) return p;
  auto is = [&](std::string_view want) {
    if (p.proto.size() != want.size()) return false;
    for (size_t i = 0; i < want.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(p.proto[i])) != want[i]) return false;
    }
    return true;
  };
  if (!p.proto.empty() && !is("tcp") && !is("udp") && !is("sctp")) return p;
  p.linted = true;

  std::string_view ip = p.ip;
  if (!ip.empty() && ip.front() == '[') {
    // net.SplitHostPort(ip + ":"): the closing bracket must end the address.
    if (ip.size() < 2 || ip.back() != ']' || ip.find(']') != ip.size() - 1 ||
        ip.find('[', 1) != std::string_view::npos) {
      return p;
    }
    ip = ip.substr(1, ip.size() - 2);
  }
  if (!ip.empty() && !parse_ipv4(ip) && !parse_ipv6(ip)) return p;
  uint32_t cs = 0, ce = 0;
  if (!parse_port_range(port, cs, ce)) return p;
  if (!p.host_port.empty()) {
    uint32_t hs = 0, he = 0;
    if (!parse_port_range(p.host_port, hs, he)) return p;
    if (ce - cs != he - hs && ce != cs) return p;
  }
  p.valid = true;
  return p;
}

/// The source range of `sub` (a piece of `word.value`) when the word's value is its source text
/// byte for byte (no quotes, escapes or continuations); nullopt otherwise.
inline std::optional<TextRange> literal_subrange(const SourceFile& source, const ast::Word& word,
                                                 size_t offset, size_t size) {
  if (word.range.size() != word.value.size() || source.slice(word.range) != word.value) {
    return std::nullopt;
  }
  const uint32_t b = word.range.begin + static_cast<uint32_t>(offset);
  return TextRange{b, b + static_cast<uint32_t>(size)};
}

/// Whether BuildKit's word expansion leaves `word` unchanged: no variable reference, quote or
/// escape character.
inline bool is_plain_word(std::string_view word, char escape) {
  for (char c : word) {
    if (c == '$' || c == '\'' || c == '"' || c == escape) return false;
  }
  return true;
}

/// Calls `f(word, spec, port, literal)` for each port spec BuildKit's dispatchExpose parses for
/// this EXPOSE, in order: every word is expanded first (ProcessWords, so one word may give
/// several specs, and an expansion error stops the instruction before any check), then the specs
/// are parsed until the first invalid one, which fails the build. `literal` is true when `spec`
/// is the word's source text unchanged. An EXPOSE inside ONBUILD is checked only when BuildKit
/// runs it as a trigger in this file (`trigger_child` from onbuild_trigger_children); its words
/// are expanded in the scope of the ONBUILD line, which approximates the child stage's start.
template <class F>
void for_each_port_spec(const FileContext& file, const InstrRef& ref,
                        const std::vector<uint32_t>& trigger_child, F&& f) {
  if (ref.in_onbuild &&
      (ref.stage >= trigger_child.size() || trigger_child[ref.stage] == model::npos)) {
    return;
  }
  const std::vector<ast::Word>& words = ref.instr.args;
  // Expand first (only the words that need it, so plain EXPOSEs allocate nothing).
  std::vector<model::ExpandedWord> expanded;
  for (const ast::Word& w : words) {
    if (is_plain_word(w.value, file.ast.escape)) continue;
    if (expanded.empty()) expanded.reserve(words.size());
    expanded.push_back(file.model.expand_words(ref.index, w.value));
    if (expanded.back().error) return;
  }
  size_t next = 0;
  for (const ast::Word& w : words) {
    if (is_plain_word(w.value, file.ast.escape)) {
      const PortSpec p = parse_port_spec(w.value);
      f(w, std::string_view(w.value), p, true);
      if (!p.valid) return;
      continue;
    }
    for (const std::string& spec : expanded[next].words) {
      const PortSpec p = parse_port_spec(spec);
      f(w, std::string_view(spec), p, false);
      if (!p.valid) return;
    }
    ++next;
  }
}

// ---------------------------------------------------------------------------------------------
// Deleting an instruction

/// `range` widened to whole lines: from the start of its first line (when only blanks precede
/// it) through the line ending after it; at the end of the file, the line ending before it.
inline TextRange whole_lines(std::string_view text, TextRange range) {
  uint32_t begin = range.begin;
  while (begin > 0 && (text[begin - 1] == ' ' || text[begin - 1] == '\t')) --begin;
  if (begin > 0 && text[begin - 1] != '\n') begin = range.begin;
  uint32_t end = range.end;
  if (end < text.size() && text[end] == '\r') ++end;
  if (end < text.size() && text[end] == '\n') {
    ++end;
  } else if (begin > 0 && text[begin - 1] == '\n') {
    // Last line without a line ending: take the one before it instead.
    --begin;
    if (begin > 0 && text[begin - 1] == '\r') --begin;
  }
  return {begin, end};
}

}  // namespace dfopt::rules::runtime
