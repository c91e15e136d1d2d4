#include "rules/security/run_commands.h"

#include <algorithm>
#include <cctype>

namespace dfopt::rules::security {
namespace {

std::string_view base_name(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

/// `NAME=value` with a valid NAME: the position of '='; npos otherwise.
size_t assignment_eq(std::string_view word) {
  const size_t eq = word.find('=');
  if (eq == std::string_view::npos || !is_identifier(word.substr(0, eq))) {
    return std::string_view::npos;
  }
  return eq;
}

bool contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Options of the wrappers that take a value (short names, then long names).
constexpr std::string_view kSudoValues[] = {"u",          "g",          "C",     "D",
                                            "h",          "p",          "r",     "t",
                                            "T",          "U",          "R",     "user",
                                            "group",      "close-from", "chdir", "host",
                                            "prompt",     "role",       "type",  "command-timeout",
                                            "other-user", "chroot"};
constexpr std::string_view kDoasValues[] = {"u", "C"};
constexpr std::string_view kEnvValues[] = {"u", "C", "unset", "chdir"};
constexpr std::string_view kExecValues[] = {"a"};
constexpr std::string_view kTimeValues[] = {"f", "o", "format", "output"};
constexpr std::string_view kNiceValues[] = {"n", "adjustment"};
constexpr std::string_view kTimeoutValues[] = {"s", "k", "signal", "kill-after"};

/// Skips the options of a wrapper starting at argv index `i`; returns the index of the first
/// operand. Sets `stop` when an option means the wrapper runs no command as we read it.
uint32_t skip_options(const shell::Command& cmd, uint32_t i,
                      std::span<const std::string_view> with_value,
                      std::span<const std::string_view> no_command, bool& stop) {
  const auto n = static_cast<uint32_t>(cmd.argv.size());
  while (i < n) {
    const std::string_view a = cmd.argv[i].text;
    if (a == "--") return i + 1;
    if (a.size() < 2 || a[0] != '-') return i;
    if (a[1] == '-') {
      const std::string_view body = a.substr(2);
      const size_t eq = body.find('=');
      const std::string_view name = body.substr(0, eq);
      if (contains(no_command, name)) stop = true;
      i += (eq == std::string_view::npos && contains(with_value, name)) ? 2 : 1;
      continue;
    }
    bool consumed_next = false;
    for (size_t k = 1; k < a.size(); ++k) {
      const std::string_view letter = a.substr(k, 1);
      if (contains(no_command, letter)) stop = true;
      if (contains(with_value, letter)) {
        consumed_next = k + 1 == a.size();
        break;
      }
    }
    i += consumed_next ? 2 : 1;
  }
  return i;
}

uint32_t skip_assignments(const shell::Command& cmd, uint32_t i) {
  while (i < cmd.argv.size() && assignment_eq(cmd.argv[i].text) != std::string_view::npos) ++i;
  return i;
}

}  // namespace

std::span<const shell::Word> Invocation::args() const {
  if (!*this) return {};
  return std::span<const shell::Word>(cmd->argv).subspan(name + 1);
}

shell::Options Invocation::options(std::span<const std::string_view> with_value, uint32_t skip,
                                   bool stop_at_operand) const {
  if (!*this) return {};
  shell::OptionSpec spec;
  spec.with_value = with_value;
  spec.first = name + 1 + skip;
  spec.stop_at_operand = stop_at_operand;
  return shell::parse_options(*cmd, spec);
}

Invocation invocation(const shell::Command& cmd) {
  Invocation inv;
  inv.cmd = &cmd;
  uint32_t i = 0;
  const auto n = static_cast<uint32_t>(cmd.argv.size());
  // Wrappers nest (`sudo env X=1 cmd`); each pass moves past one.
  for (int depth = 0; depth < 8 && i < n; ++depth) {
    const std::string_view prog = base_name(cmd.argv[i].text);
    bool stop = false;
    uint32_t next = i;
    if (prog == "sudo") {
      static constexpr std::string_view kNoCommand[] = {"v", "l",        "k",    "K",   "V",
                                                        "e", "validate", "list", "edit"};
      next = skip_assignments(cmd, skip_options(cmd, i + 1, kSudoValues, kNoCommand, stop));
    } else if (prog == "doas") {
      next = skip_options(cmd, i + 1, kDoasValues, {}, stop);
    } else if (prog == "env") {
      static constexpr std::string_view kNoCommand[] = {"S", "split-string"};
      next = skip_assignments(cmd, skip_options(cmd, i + 1, kEnvValues, kNoCommand, stop));
    } else if (prog == "exec") {
      next = skip_options(cmd, i + 1, kExecValues, {}, stop);
    } else if (prog == "nohup") {
      next = skip_options(cmd, i + 1, {}, {}, stop);
    } else if (prog == "time") {
      next = skip_options(cmd, i + 1, kTimeValues, {}, stop);
    } else if (prog == "nice") {
      next = skip_options(cmd, i + 1, kNiceValues, {}, stop);
    } else if (prog == "timeout") {
      next = skip_options(cmd, i + 1, kTimeoutValues, {}, stop) + 1;  // then the duration
    } else if (prog == "command") {
      static constexpr std::string_view kNoCommand[] = {"v", "V"};
      next = skip_options(cmd, i + 1, {}, kNoCommand, stop);
    } else if (prog == "gosu" || prog == "su-exec") {
      next = i + 2;  // gosu USER COMMAND...
    } else {
      inv.name = i;
      inv.program = prog;
      return inv;
    }
    if (stop) break;
    i = next;
  }
  inv.name = shell::npos;
  return inv;
}

std::string option_text(const shell::Option& o) {
  return std::string(o.is_long ? "--" : "-") + std::string(o.name);
}

TextRange option_range(const shell::Command& cmd, const shell::Option& o) {
  const shell::Word& w = cmd.argv[o.word];
  if (o.is_long) return w.range;
  const size_t pos = w.text.find(o.name, 1);
  return pos == std::string_view::npos ? w.range : word_subrange(w, pos, o.name.size());
}

bool is_versioned(std::string_view program, std::string_view name) {
  if (program.substr(0, name.size()) != name) return false;
  const std::string_view rest = program.substr(name.size());
  return std::all_of(rest.begin(), rest.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

uint32_t pip_options_start(const Invocation& inv) {
  if (!inv) return shell::npos;
  if (is_versioned(inv.program, "pip")) return inv.name + 1;
  const auto args = inv.args();
  if (is_versioned(inv.program, "python") && args.size() >= 2 && args[0].text == "-m" &&
      args[1].text == "pip") {
    return inv.name + 3;
  }
  return shell::npos;
}

void for_each_run_setting(const shell::Script& script,
                          const std::function<void(const EnvSetting&)>& fn) {
  auto emit = [&](const shell::Word& w, size_t eq, EnvSetting::Via via) {
    EnvSetting s;
    s.name = w.text.substr(0, eq);
    s.value = w.text.substr(eq + 1);
    s.literal = w.is_literal();
    s.range = w.range;
    s.via = via;
    fn(s);
  };
  for (const shell::Command& cmd : script.commands) {
    if (cmd.argv.empty()) continue;  // `NAME=value` alone sets a shell variable only
    for (const shell::Word& w : cmd.assignments) {
      const size_t eq = assignment_eq(w.text);
      if (eq != std::string_view::npos) emit(w, eq, EnvSetting::Via::run_prefix);
    }
    const std::string_view name = base_name(cmd.argv[0].text);
    if (name == "export" || name == "declare" || name == "typeset") {
      // declare/typeset put a variable in the environment only with -x.
      bool exported = name == "export";
      for (size_t i = 1; i < cmd.argv.size(); ++i) {
        const std::string_view a = cmd.argv[i].text;
        if (a.size() > 1 && a[0] == '-' && a.find('x') != std::string_view::npos) exported = true;
      }
      if (!exported) continue;
      for (size_t i = 1; i < cmd.argv.size(); ++i) {
        const size_t eq = assignment_eq(cmd.argv[i].text);
        if (eq != std::string_view::npos) emit(cmd.argv[i], eq, EnvSetting::Via::run_export);
      }
      continue;
    }
    // `env NAME=value cmd` and `sudo NAME=value cmd` (possibly nested).
    uint32_t i = 0;
    const auto n = static_cast<uint32_t>(cmd.argv.size());
    while (i < n) {
      const std::string_view prog = base_name(cmd.argv[i].text);
      bool stop = false;
      uint32_t j = 0;
      if (prog == "env") {
        j = skip_options(cmd, i + 1, kEnvValues, {}, stop);
      } else if (prog == "sudo") {
        j = skip_options(cmd, i + 1, kSudoValues, {}, stop);
      } else {
        break;
      }
      for (; j < n; ++j) {
        const size_t eq = assignment_eq(cmd.argv[j].text);
        if (eq == std::string_view::npos) break;
        emit(cmd.argv[j], eq, EnvSetting::Via::run_env);
      }
      i = j;
    }
  }
}

void for_each_declared_setting(const FileContext& file, const InstrRef& ref,
                               const std::function<void(const EnvSetting&)>& fn) {
  const ast::Instruction& ins = ref.instr;
  const bool is_env = ins.is(ast::InstrKind::env);
  if (!is_env && !ins.is(ast::InstrKind::arg)) return;
  const EnvSetting::Via via = is_env ? EnvSetting::Via::env : EnvSetting::Via::arg;
  if (!ref.in_onbuild) {
    if (ref.stage == model::npos) return;
    const auto decls = file.model.declarations();
    auto it = std::lower_bound(decls.begin(), decls.end(), ref.index,
                               [](const model::Declaration& d, uint32_t i) { return d.instr < i; });
    for (; it != decls.end() && it->instr == ref.index; ++it) {
      if (!it->has_value || it->pair >= ins.pairs.size()) continue;
      EnvSetting s;
      s.name = it->name;
      s.value = it->value;
      s.literal = !it->unresolved;
      s.range = ins.pairs[it->pair].range;
      s.via = via;
      fn(s);
    }
    return;
  }
  // Inside ONBUILD the instruction runs in another build, whose variables we do not know: only
  // literal values count.
  for (const ast::KeyValue& kv : ins.pairs) {
    if (!kv.value || kv.key.value.find('$') != std::string::npos ||
        kv.value->value.find('$') != std::string::npos) {
      continue;
    }
    const std::string value = file.model.expand(ref.index, kv.value->value).value;
    EnvSetting s;
    s.name = kv.key.value;
    s.value = value;
    s.range = kv.range;
    s.via = via;
    fn(s);
  }
}

std::string_view setting_source(EnvSetting::Via via) {
  switch (via) {
    case EnvSetting::Via::env:
      return "ENV";
    case EnvSetting::Via::arg:
      return "ARG";
    default:
      return "RUN";
  }
}

bool has_secret_mount(const FileContext& file, const InstrRef& ref, std::string_view env) {
  if (!ref.in_onbuild) {
    for (const model::RunMount& m : file.model.mounts(ref.index)) {
      if (m.type == "secret" && (env.empty() || m.env == env)) return true;
    }
    return false;
  }
  // ONBUILD RUN: the model keeps no mounts for it; read the CSV fields of each --mount.
  for (const ast::Flag& f : ref.instr.flags) {
    if (f.name != "mount" || !f.value) continue;
    bool secret = false;
    bool env_ok = env.empty();
    std::string_view rest = *f.value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view field = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      if (ascii_lower(field) == "type=secret") secret = true;
      if (!env.empty() && field.substr(0, 4) == "env=" && field.substr(4) == env) env_ok = true;
    }
    if (secret && env_ok) return true;
  }
  return false;
}

std::vector<uint32_t> target_chain(const model::Model& model) {
  std::vector<uint32_t> chain;
  uint32_t s = model.target_stage();
  // A stage can only build FROM an earlier one, so the walk ends; the bound is a safeguard.
  while (s != model::npos && s < model.stages().size() && chain.size() < model.stages().size()) {
    chain.push_back(s);
    const model::Stage& st = model.stage(s);
    s = st.base_kind == model::BaseKind::stage ? st.parent : model::npos;
  }
  return chain;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_false_word(std::string_view value) {
  const std::string v = ascii_lower(value);
  return v == "0" || v == "false" || v == "no" || v == "off";
}

bool is_true_word(std::string_view value) {
  const std::string v = ascii_lower(value);
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

TextRange word_subrange(const shell::Word& w, size_t pos, size_t len) {
  if (w.quoted || w.raw != w.text || w.range.size() != w.raw.size() || pos + len > w.text.size()) {
    return w.range;
  }
  return TextRange{static_cast<uint32_t>(w.range.begin + pos),
                   static_cast<uint32_t>(w.range.begin + pos + len)};
}

}  // namespace dfopt::rules::security
