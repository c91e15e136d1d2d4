#include "rules/packages/pkg_commands.h"

#include <algorithm>
#include <cctype>

namespace dfopt::rules::pkg {

using shell::Command;
using shell::npos;
using shell::Origin;
using shell::Word;

std::vector<const Command*> hadolint_commands(const shell::Script& script, std::string_view name) {
  std::vector<const Command*> out;
  const auto& cmds = script.commands;
  // ShellCheck does not parse the strings given to `sh -c` or the heredocs fed to a shell, so
  // neither those scripts nor anything nested in them (a `$(...)` inside `sh -c "..."`) is seen.
  const bool nested_scripts = std::any_of(cmds.begin(), cmds.end(), [](const Command& c) {
    return c.origin == Origin::shell_c || c.origin == Origin::shell_stdin;
  });
  std::vector<bool> seen;
  if (nested_scripts) seen.resize(cmds.size());
  for (size_t i = 0; i < cmds.size(); ++i) {
    const Command& c = cmds[i];
    if (nested_scripts) {
      bool visible = c.origin != Origin::shell_c && c.origin != Origin::shell_stdin;
      // A command's substitutions and inner scripts follow it, so its parent is decided.
      if (visible && c.parent != npos && c.parent < i) visible = seen[c.parent];
      seen[i] = visible;
      if (!visible) continue;
    }
    if (c.is(name)) out.push_back(&c);
  }
  return out;
}

std::string oversimplify(const Word& word) {
  const std::string_view t = word.text;
  if (word.is_literal()) return std::string(t);
  std::string out;
  out.reserve(t.size());
  // Skips from `open` at `i` to just past its matching `close`, counting nesting.
  auto skip_balanced = [&](size_t i, char open, char close) {
    int depth = 0;
    for (; i < t.size(); ++i) {
      if (t[i] == open) ++depth;
      if (t[i] == close && --depth == 0) return i + 1;
    }
    return t.size();
  };
  size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (c == '$' && i + 1 < t.size()) {
      const char d = t[i + 1];
      const auto u = static_cast<unsigned char>(d);
      if (d == '{' || d == '(') {
        i = skip_balanced(i + 1, d, d == '{' ? '}' : ')');
        out += "${VAR}";
        continue;
      }
      if (std::isalpha(u) || d == '_') {
        i += 2;
        while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '_')) {
          ++i;
        }
        out += "${VAR}";
        continue;
      }
      if (std::isdigit(u) || std::string_view("@*#?$!-").find(d) != std::string_view::npos) {
        i += 2;
        out += "${VAR}";
        continue;
      }
    }
    if (c == '`') {
      const size_t close = t.find('`', i + 1);
      i = close == std::string_view::npos ? t.size() : close + 1;
      out += "${VAR}";
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

HadolintArgs::HadolintArgs(const Command& cmd) {
  texts_.reserve(cmd.argv.size());
  for (const Word& w : cmd.argv) texts_.push_back(oversimplify(w));
  for (uint32_t i = 1; i < texts_.size(); ++i) {
    const std::string_view a = texts_[i];
    if (a == "-" || a == "--" || a.empty() || a[0] != '-') continue;
    if (a[1] == '-') {
      const size_t eq = std::min(a.find('='), a.size());
      flags_.push_back({i, 2, static_cast<uint32_t>(eq - 2)});
      continue;
    }
    for (uint32_t k = 1; k < a.size(); ++k) flags_.push_back({i, k, 1});
  }
}

uint32_t HadolintArgs::find_arg(std::string_view arg) const {
  for (uint32_t i = 1; i < texts_.size(); ++i) {
    if (texts_[i] == arg) return i;
  }
  return npos;
}

bool HadolintArgs::has_flag(std::string_view flag) const { return count_flag(flag) > 0; }

bool HadolintArgs::has_any_flag(std::initializer_list<std::string_view> flags) const {
  return std::any_of(flags.begin(), flags.end(), [&](std::string_view f) { return has_flag(f); });
}

size_t HadolintArgs::count_flag(std::string_view flag) const {
  return static_cast<size_t>(std::count_if(flags_.begin(), flags_.end(),
                                           [&](const FlagRef& f) { return name(f) == flag; }));
}

std::vector<uint32_t> HadolintArgs::args_without_flags(
    std::span<const std::string_view> value_flags) const {
  std::vector<bool> skip(texts_.size(), false);
  for (const FlagRef& f : flags_) {
    skip[f.word] = true;
    if (f.word + 1 < texts_.size() && texts_[f.word].find('=') == std::string::npos &&
        std::find(value_flags.begin(), value_flags.end(), name(f)) != value_flags.end()) {
      skip[f.word + 1] = true;
    }
  }
  std::vector<uint32_t> out;
  for (uint32_t i = 1; i < texts_.size(); ++i) {
    if (!skip[i]) out.push_back(i);
  }
  return out;
}

bool is_apt_tool(std::string_view name) {
  return name == "apt-get" || name == "apt" || name == "aptitude";
}

uint32_t program_word(const Command& cmd) {
  const auto n = static_cast<uint32_t>(cmd.argv.size());
  auto text = [&](uint32_t i) { return cmd.argv[i].text; };
  auto is_option = [&](uint32_t i) { return text(i).size() > 1 && text(i)[0] == '-'; };
  uint32_t i = 0;
  while (i < n) {
    const std::string_view name = text(i);
    if (name == "sudo" || name == "doas") {
      ++i;
      while (i < n && is_option(i) && text(i) != "--") {
        // sudo's options that take the next word as their value.
        const bool takes_value =
            text(i).size() == 2 &&
            std::string_view("ugCDhprtUT").find(text(i)[1]) != std::string_view::npos;
        i += takes_value ? 2 : 1;
      }
      if (i < n && text(i) == "--") ++i;
    } else if (name == "env") {
      ++i;
      while (i < n && (is_option(i) || text(i).find('=') != std::string_view::npos)) {
        i += (text(i) == "-u" || text(i) == "-C" || text(i) == "-S") ? 2 : 1;
      }
    } else if (name == "nice") {
      ++i;
      while (i < n && is_option(i)) i += text(i) == "-n" ? 2 : 1;
    } else if (name == "eatmydata" || name == "nohup" || name == "time") {
      ++i;
      while (i < n && is_option(i)) ++i;
    } else {
      return i;
    }
  }
  return npos;
}

namespace {

constexpr std::string_view kAptValueOptions[] = {"o",
                                                 "c",
                                                 "t",
                                                 "a",
                                                 "P",
                                                 "option",
                                                 "config-file",
                                                 "target-release",
                                                 "default-release",
                                                 "host-architecture",
                                                 "build-profiles"};
constexpr std::string_view kApkValueOptions[] = {"X",          "p",           "t",
                                                 "repository", "root",        "arch",
                                                 "cache-dir",  "keys-dir",    "repositories-file",
                                                 "wait",       "progress-fd", "cache-max-age",
                                                 "timeout",    "virtual"};

}  // namespace

const shell::OptionSpec kAptOptions{.with_value = kAptValueOptions};
const shell::OptionSpec kApkOptions{.with_value = kApkValueOptions};

uint32_t subcommand_word(const Command& cmd, uint32_t tool, const shell::OptionSpec& spec) {
  shell::OptionSpec s = spec;
  s.first = tool + 1;
  s.stop_at_operand = true;
  const shell::Options o = shell::parse_options(cmd, s);
  return o.operands.empty() ? npos : o.operands.front();
}

std::optional<Edit> insert_option_after(const SourceFile& source, const Command& cmd,
                                        const Word& word, std::string_view option) {
  const TextRange at{word.range.end, word.range.end};
  if (cmd.origin == Origin::exec_form) {
    const std::string_view raw = source.slice(word.range);
    if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"') return std::nullopt;
    return Edit{at, std::string(", \"").append(option).append("\"")};
  }
  return Edit{at, std::string(" ").append(option)};
}

std::string shorten(std::string_view text, size_t max) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    if (out.size() >= max) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out + "...";
    }
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

TextRange command_through(const Command& cmd, const Word& word) {
  return {cmd.argv.front().range.begin, word.range.end};
}

}  // namespace dfopt::rules::pkg
