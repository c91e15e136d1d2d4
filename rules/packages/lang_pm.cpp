#include "rules/packages/lang_pm.h"

#include <algorithm>
#include <iterator>

#include "rules/common/shell_rules.h"

namespace dfopt::rules::lang_pm {

using shell::Command;
using shell::npos;
using shell::Origin;

std::vector<const Command*> visible_commands(const shell::Script& script) {
  const auto& cmds = script.commands;
  std::vector<const Command*> out;
  out.reserve(cmds.size());
  // A command's substitutions and inner scripts follow it, so its parent is decided first.
  std::vector<bool> visible(cmds.size(), true);
  for (size_t i = 0; i < cmds.size(); ++i) {
    const Command& c = cmds[i];
    bool v = c.origin != Origin::shell_c && c.origin != Origin::shell_stdin;
    if (v && c.parent != npos && c.parent < i) v = visible[c.parent];
    visible[i] = v;
    if (v) out.push_back(&c);
  }
  return out;
}

std::vector<uint32_t> args_without_flags(const pkg::HadolintArgs& args,
                                         std::span<const std::string_view> value_flags) {
  std::vector<uint32_t> out = args.args_without_flags(value_flags);
  // hadolint keeps `--` as an argument; it is never a package.
  std::erase_if(out, [&](uint32_t i) { return args.text(i) == "--"; });
  return out;
}

std::span<const uint32_t> after_install(const pkg::HadolintArgs& args,
                                        std::span<const uint32_t> indices) {
  size_t i = 0;
  while (i < indices.size() && args.text(indices[i]) != "install") ++i;
  while (i < indices.size() && args.text(indices[i]) == "install") ++i;
  return indices.subspan(i);
}

uint32_t pip_install_word(const Command& cmd, const pkg::HadolintArgs& args) {
  // hadolint takes the command name only from a literal first word.
  if (cmd.argv.empty() || !cmd.argv[0].is_literal()) return npos;
  const std::string_view name = cmd.name();
  if (name.starts_with("pip") && !name.starts_with("pipenv")) return args.find_arg("install");
  if (!name.starts_with("python")) return npos;
  for (uint32_t i = 1; i + 2 < args.size(); ++i) {
    if (args.text(i) == "-m" && args.text(i + 1) == "pip" && args.text(i + 2) == "install") {
      return i + 2;
    }
  }
  return npos;
}

namespace {

// The `--mount` flags of an instruction inside ONBUILD, which the model does not parse (BuildKit
// parses them only when the trigger runs): CSV fields `key=value`, keys case-insensitive.
bool onbuild_cache_mount(const ast::Instruction& run, std::string_view fragment) {
  auto lower_eq = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == y;
           });
  };
  for (const ast::Flag& f : run.flags) {
    if (f.name != "mount" || !f.value) continue;
    bool cache = false;
    bool target = false;
    std::string_view rest = *f.value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view field = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      const size_t eq = field.find('=');
      if (eq == std::string_view::npos) continue;
      const std::string_view key = field.substr(0, eq);
      const std::string_view value = field.substr(eq + 1);
      if (lower_eq(key, "type")) cache = value == "cache" || value == "tmpfs";
      if (lower_eq(key, "target") || lower_eq(key, "dst") || lower_eq(key, "destination")) {
        target = value.find(fragment) != std::string_view::npos;
      }
    }
    if (cache && target) return true;
  }
  return false;
}

}  // namespace

bool has_cache_mount(const FileContext& file, const InstrRef& ref, std::string_view fragment) {
  if (ref.in_onbuild) return onbuild_cache_mount(ref.instr, fragment);
  return sh::has_cache_mount(file, ref, fragment);
}

namespace {
constexpr std::string_view kTruthy[] = {"1",  "true", "True", "TRUE", "on",
                                        "On", "ON",   "yes",  "Yes",  "YES"};
}  // namespace

bool is_truthy(std::string_view value) {
  return std::find(std::begin(kTruthy), std::end(kTruthy), value) != std::end(kTruthy);
}

bool starts_truthy(std::string_view text) {
  return std::any_of(std::begin(kTruthy), std::end(kTruthy),
                     [&](std::string_view t) { return text.starts_with(t); });
}

}  // namespace dfopt::rules::lang_pm
