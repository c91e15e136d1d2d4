// Command helpers: names, option parsing the way hadolint reads flags, command search.
#include <algorithm>
#include <memory>

#include "dfopt/shell.h"

namespace dfopt::shell {

std::string_view Command::name() const {
  return argv.empty() ? std::string_view() : argv.front().text;
}

std::string_view Script::keep(std::string_view bytes) {
  auto block = std::make_unique<char[]>(bytes.size() + 1);
  std::copy(bytes.begin(), bytes.end(), block.get());
  const std::string_view copy(block.get(), bytes.size());
  storage.push_back(std::move(block));
  return copy;
}

std::span<const Word> Command::args() const {
  return argv.empty() ? std::span<const Word>() : std::span<const Word>(argv).subspan(1);
}

bool Command::has_arg(std::string_view text) const {
  for (const Word& w : args()) {
    if (w.text == text) return true;
  }
  return false;
}

bool Options::has(std::string_view name) const { return find(name) != nullptr; }

bool Options::has_any(std::initializer_list<std::string_view> names) const {
  for (std::string_view n : names) {
    if (has(n)) return true;
  }
  return false;
}

size_t Options::count(std::string_view name) const {
  return static_cast<size_t>(std::count_if(options.begin(), options.end(),
                                           [&](const Option& o) { return o.name == name; }));
}

const Option* Options::find(std::string_view name) const {
  for (auto it = options.rbegin(); it != options.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

namespace {

bool takes_value(const OptionSpec& spec, std::string_view name) {
  return std::find(spec.with_value.begin(), spec.with_value.end(), name) != spec.with_value.end();
}

}  // namespace

Options parse_options(const Command& cmd, const OptionSpec& spec) {
  Options out;
  const auto n = static_cast<uint32_t>(cmd.argv.size());
  bool options_done = false;
  for (uint32_t i = spec.first; i < n; ++i) {
    const std::string_view a = cmd.argv[i].text;
    if (options_done || a.size() < 2 || a[0] != '-') {
      out.operands.push_back(i);
      if (spec.stop_at_operand) options_done = true;
      continue;
    }
    if (a == "--") {
      out.saw_end_of_options = true;
      options_done = true;
      continue;
    }
    if (a[1] == '-') {
      // --name, --name=value, or --name value when the spec says it takes one.
      Option o;
      o.is_long = true;
      o.word = i;
      const std::string_view body = a.substr(2);
      const size_t eq = body.find('=');
      o.name = body.substr(0, eq);
      if (eq != std::string_view::npos) {
        o.value = body.substr(eq + 1);
        o.has_value = true;
        o.value_word = i;
      } else if (takes_value(spec, o.name) && i + 1 < n) {
        o.value = cmd.argv[i + 1].text;
        o.has_value = true;
        o.value_word = ++i;
      }
      out.options.push_back(o);
      continue;
    }
    // A cluster of one-letter options: -qy is q and y; -tvalue and -t value give t a value.
    for (size_t k = 1; k < a.size(); ++k) {
      Option o;
      o.word = i;
      o.name = a.substr(k, 1);
      if (takes_value(spec, o.name)) {
        if (k + 1 < a.size()) {
          o.value = a.substr(k + 1);
          o.has_value = true;
          o.value_word = i;
        } else if (i + 1 < n) {
          o.value = cmd.argv[i + 1].text;
          o.has_value = true;
          o.value_word = i + 1;
        }
        out.options.push_back(o);
        if (o.value_word == i + 1) ++i;
        break;
      }
      out.options.push_back(o);
    }
  }
  return out;
}

bool has_option(const Command& cmd, std::string_view name, const OptionSpec& spec) {
  return parse_options(cmd, spec).has(name);
}

std::vector<const Word*> args_without_options(const Command& cmd, const OptionSpec& spec) {
  const Options o = parse_options(cmd, spec);
  std::vector<const Word*> out;
  out.reserve(o.operands.size());
  for (uint32_t i : o.operands) out.push_back(&cmd.argv[i]);
  return out;
}

std::string_view subcommand(const Command& cmd, const OptionSpec& spec) {
  OptionSpec first = spec;
  first.stop_at_operand = true;  // only the options before the subcommand matter
  const Options o = parse_options(cmd, first);
  return o.operands.empty() ? std::string_view() : cmd.argv[o.operands[0]].text;
}

std::vector<const Command*> find_commands(const Script& script, std::string_view name) {
  std::vector<const Command*> out;
  for (const Command& c : script.commands) {
    if (c.is(name)) out.push_back(&c);
  }
  return out;
}

std::vector<const Command*> find_commands(const Script& script, std::string_view name,
                                          std::string_view sub, const OptionSpec& spec) {
  std::vector<const Command*> out;
  for (const Command& c : script.commands) {
    if (c.is(name) && subcommand(c, spec) == sub) out.push_back(&c);
  }
  return out;
}

}  // namespace dfopt::shell
