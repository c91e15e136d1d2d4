#include "rules/packages/rpm_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules::rpm {
namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool is_version_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' ||
         c == '~' || c == '^' || c == '_' || c == ':' || c == '+';
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// The name of the first variable referenced (`$NAME`, `${NAME...}`) at or after `*pos` in
/// `text`, or "" when there is none; `*pos` moves past it.
std::string_view next_variable(std::string_view text, size_t* pos) {
  for (size_t i = text.find('$', *pos); i != std::string_view::npos; i = text.find('$', i + 1)) {
    size_t b = i + 1;
    if (b < text.size() && text[b] == '{') ++b;
    if (b >= text.size() || !is_name_start(text[b])) continue;
    size_t e = b;
    while (e < text.size() && is_name_char(text[e])) ++e;
    *pos = e;
    return text.substr(b, e - b);
  }
  *pos = text.size();
  return {};
}

/// argv index of the first argument of `args` whose text is one of `wanted`; npos for none.
uint32_t find_any(const pkg::HadolintArgs& args, std::span<const std::string_view> wanted) {
  for (uint32_t i = 1; i < args.size(); ++i) {
    if (std::find(wanted.begin(), wanted.end(), args.text(i)) != wanted.end()) return i;
  }
  return shell::npos;
}

}  // namespace

std::string unpinned_message(const shell::Word& word, char separator, bool variables) {
  const std::string_view text = word.text;
  size_t pos = 0;
  if (const std::string_view var = next_variable(text, &pos); variables && !var.empty()) {
    return fmt::format("package '{}' is not pinned to a version: no ARG or ENV above declares '{}'",
                       pkg::shorten(text), var);
  }
  // Suggest a spelling only for what looks like a package name (not a path, a file, an option
  // value such as `tsflags=nodocs`, or a substitution).
  const bool name = word.is_literal() && !text.ends_with(".rpm") && !text.empty() &&
                    std::isalnum(static_cast<unsigned char>(text[0])) &&
                    std::all_of(text.begin(), text.end(), [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
                             c == '+' || c == '-';
                    });
  if (!name) return fmt::format("package '{}' is not pinned to a version", pkg::shorten(text));
  return fmt::format("package '{0}' is not pinned; write '{0}{1}<version>'", text, separator);
}

std::vector<const shell::Command*> commands_named(const shell::Script& script,
                                                  std::span<const std::string_view> names) {
  std::vector<const shell::Command*> out;
  for (std::string_view name : names) {
    const auto found = pkg::hadolint_commands(script, name);
    out.insert(out.end(), found.begin(), found.end());
  }
  // Commands live in one vector, so their addresses give the script order.
  if (names.size() > 1) std::sort(out.begin(), out.end());
  return out;
}

Edit insert_after(const SourceFile& source, const shell::Command& cmd, const shell::Word& word,
                  std::string_view option) {
  const std::string_view written = source.slice(word.range);
  return Edit{word.range, cmd.origin == shell::Origin::exec_form
                              ? fmt::format("{}, \"{}\"", written, option)
                              : fmt::format("{} {}", written, option)};
}

std::optional<TextRange> append_point(const FileContext& file, const InstrRef& ref,
                                      const shell::Script& script) {
  if (script.exec_form || script.heredoc || !script.ok() || script.commands.empty()) return {};
  if (ref.instr.form != ast::ArgForm::shell) return {};
  const shell::Command* last = nullptr;
  int lists = 0;
  for (const shell::Command& c : script.commands) {
    for (const shell::Redirection& r : c.redirections) {
      if (r.is_heredoc()) return {};
    }
    // Commands of substitutions and `sh -c` strings sit inside a word of a top-level command.
    if (c.origin != shell::Origin::script || c.in_substitution) continue;
    if (c.depth != 0) return {};  // in a compound command, whose end is not a command's end
    if (c.background || c.negated) return {};
    switch (c.op) {
      case shell::Joiner::first:
        ++lists;
        break;
      case shell::Joiner::and_if:
      case shell::Joiner::pipe:
        break;
      default:
        return {};
    }
    if (last == nullptr || c.range.end > last->range.end) last = &c;
  }
  if (lists != 1 || last == nullptr) return {};
  std::optional<TextRange> tail;
  for (const shell::Word& w : last->argv) {
    if (w.range.end == last->range.end) tail = w.range;
  }
  for (const shell::Redirection& r : last->redirections) {
    if (r.range.end == last->range.end) tail = r.range;
  }
  const uint32_t stop = ref.instr.args_text.range.end;
  if (!tail || tail->end > stop) return {};
  for (char ch : file.source.slice({tail->end, stop})) {
    if (!is_blank(ch)) return {};
  }
  return tail;
}

void check_assume_yes(const FileContext& file, const shell::Script& script,
                      std::span<const std::string_view> tools, Reporter& out) {
  static constexpr std::string_view kInstall[] = {"install", "groupinstall", "localinstall"};
  for (const shell::Command* c : commands_named(script, tools)) {
    const pkg::HadolintArgs args(*c);
    const uint32_t sub = find_any(args, kInstall);
    if (sub == shell::npos || args.has_any_flag({"y", "assumeyes"})) continue;
    const shell::Word& word = c->argv[sub];
    // yum and dnf ask, and abort on end of input. microdnf asks like dnf since its 2021
    // releases; older ones never ask and reject `-y`, so adding it is unsafe there.
    const bool microdnf = c->is("microdnf");
    Fix fix;
    fix.title = fmt::format("Add `-y` after `{}`", args.text(sub));
    fix.edits.push_back(insert_after(file.source, *c, word, "-y"));
    if (microdnf) fix.applicability = Applicability::unsafe;
    out.report(pkg::command_through(*c, word),
               fmt::format("`{} {}` without `-y` {}", c->name(), args.text(sub),
                           microdnf ? "may ask for a confirmation, depending on its version"
                                    : "asks for a confirmation that the build cannot give"),
               std::move(fix));
  }
}

void check_clean(const FileContext& file, const InstrRef& ref, const shell::Script& script,
                 const CleanSpec& spec, Reporter& out) {
  const shell::Command* use = nullptr;
  uint32_t use_word = shell::npos;
  bool cleaned = false;  // a clean comes after the first use
  for (const shell::Command* c : pkg::hadolint_commands(script, spec.tool)) {
    const pkg::HadolintArgs args(*c);
    if (use == nullptr) {
      use_word = find_any(args, spec.uses);
      if (use_word != shell::npos) use = c;
    } else if (find_any(args, spec.cleans) != shell::npos) {
      cleaned = true;
      break;
    }
  }
  if (use == nullptr || cleaned) return;
  if (!spec.rm_path.empty()) {
    // hadolint's cmdHasArgs "rm" ["-rf", path]: either argument is enough.
    const std::string_view rm_args[] = {"-rf", spec.rm_path};
    for (const shell::Command* c : pkg::hadolint_commands(script, "rm")) {
      if (c > use && find_any(pkg::HadolintArgs(*c), rm_args) != shell::npos) return;
    }
  }
  const shell::Word& word = use->argv[use_word];
  std::optional<Fix> fix;
  if (const auto tail = append_point(file, ref, script)) {
    Fix f;
    f.title = fmt::format("Append `&& {}` to the RUN", spec.clean_command);
    f.applicability = Applicability::unsafe;
    f.edits.push_back(
        {*tail, fmt::format("{} && {}", file.source.slice(*tail), spec.clean_command)});
    fix = std::move(f);
  }
  out.report(pkg::command_through(*use, word),
             fmt::format("`{} {}` without a later `{}` leaves the package cache in the layer",
                         spec.tool, pkg::oversimplify(word), spec.clean_command),
             std::move(fix));
}

bool rpm_version_pinned(std::string_view package) {
  // hadolint: no dash, no version; then a `.rpm` file; then the parts after the first dash.
  const size_t first = package.find('-');
  if (first == std::string_view::npos) return false;
  if (package.ends_with(".rpm")) return true;
  bool digit = false;
  size_t start = first + 1;
  while (true) {
    const size_t dash = package.find('-', start);
    const std::string_view part =
        package.substr(start, dash == std::string_view::npos ? dash : dash - start);
    if (!std::all_of(part.begin(), part.end(), is_version_char)) return false;
    if (!part.empty() && part[0] >= '0' && part[0] <= '9') digit = true;
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return digit;
}

void DeclaredVars::observe(const InstrRef& ref) {
  if (ref.in_onbuild) return;  // runs in another build; declares nothing here
  switch (ref.instr.kind) {
    case ast::InstrKind::from:
      envs_.clear();
      break;
    case ast::InstrKind::arg:
      for (const ast::KeyValue& kv : ref.instr.pairs) args_.insert(kv.key.value);
      break;
    case ast::InstrKind::env:
      for (const ast::KeyValue& kv : ref.instr.pairs) envs_.insert(kv.key.value);
      break;
    default:
      break;
  }
}

bool DeclaredVars::references_declared(std::string_view text) const {
  size_t pos = 0;
  while (pos < text.size()) {
    const std::string name(next_variable(text, &pos));
    if (!name.empty() && (args_.count(name) || envs_.count(name))) return true;
  }
  return false;
}

void check_rpm_pins(const shell::Script& script, std::span<const std::string_view> tools,
                    std::span<const std::string_view> not_packages, const DeclaredVars& vars,
                    Reporter& out) {
  static constexpr std::string_view kInstall[] = {"install"};
  static constexpr std::string_view kModule[] = {"module"};
  for (const shell::Command* c : commands_named(script, tools)) {
    const pkg::HadolintArgs args(*c);
    if (find_any(args, kInstall) == shell::npos) continue;
    const bool module = find_any(args, kModule) != shell::npos;
    if (!module && find_any(args, not_packages) != shell::npos) continue;
    for (uint32_t i : args.args_without_flags({})) {
      const std::string_view a = args.text(i);
      if (a == "install" || a == "module") continue;
      const shell::Word& w = c->argv[i];
      if (module) {
        if (a.find(':') == std::string_view::npos) {
          out.report(w.range,
                     fmt::format("module '{}' has no stream; use '{}:<stream>'", w.text, w.text));
        }
      } else if (!rpm_version_pinned(a) && !vars.references_declared(w.text)) {
        out.report(w.range, unpinned_message(w, '-', /*variables=*/true));
      }
    }
  }
}

namespace {
struct PinState final : RuleState {
  DeclaredVars vars;
};
}  // namespace

std::unique_ptr<RuleState> PinRule::start(const FileContext&) const {
  return std::make_unique<PinState>();
}

void PinRule::check(const FileContext& file, const InstrRef& ref, RuleState* state,
                    Reporter& out) const {
  auto& st = static_cast<PinState&>(*state);
  st.vars.observe(ref);
  if (const shell::Script* script = sh::run_script(file, ref)) {
    check_rpm_pins(*script, tools_, not_packages_, st.vars, out);
  }
}

}  // namespace dfopt::rules::rpm
