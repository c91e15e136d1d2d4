// ShellModel: which text of an instruction is a shell script, which interpreter runs it, and how
// its offsets map to the source (BuildKit's dispatchRun and withShell decide the first two).
#include <fmt/format.h>

#include "dfopt/model.h"
#include "dfopt/shell.h"
#include "shell/internal.h"

namespace dfopt::shell {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string join(std::span<const std::string> argv) {
  std::string out;
  for (const std::string& a : argv) {
    if (!out.empty()) out += ' ';
    out += a;
  }
  return out;
}

// BuildKit's ParseHeredoc on the whole command: `^(\d*)<<(-?)([^<]*)$` where the rest is one
// word. Then the heredoc's content is the script (dispatchRun's "simple heredoc").
bool is_single_heredoc(std::string_view cmd) {
  size_t i = 0;
  while (i < cmd.size() && cmd[i] >= '0' && cmd[i] <= '9') ++i;
  if (cmd.substr(i, 2) != "<<") return false;
  i += 2;
  if (i < cmd.size() && cmd[i] == '-') ++i;
  std::string_view rest = cmd.substr(i);
  if (rest.find('<') != std::string_view::npos) return false;
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!rest.empty() && blank(rest.front())) rest.remove_prefix(1);
  while (!rest.empty() && blank(rest.back())) rest.remove_suffix(1);
  if (rest.empty()) return false;
  // One word: no blank outside quotes.
  char quote = 0;
  for (char c : rest) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (blank(c)) {
      return false;
    }
  }
  return true;
}

// The logical spans of the strings of a JSON array in `text` (BuildKit's exec form has only
// strings), in order.
std::vector<std::pair<uint32_t, uint32_t>> json_string_spans(std::string_view text) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '"') {
      ++i;
      continue;
    }
    const size_t b = i++;
    while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
    i = std::min(i + 1, text.size());
    out.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(i));
  }
  return out;
}

// The part of `map` for the logical range [offset, offset + size), re-based to 0.
ast::SourceMap sub_map(const ast::SourceMap& map, uint32_t offset, uint32_t size) {
  const ast::SourceMap::Piece piece{0, offset, size};
  return detail::compose(map, std::span(&piece, 1));
}

// A Windows container has no /bin/sh: without a SHELL instruction its RUNs go to cmd, or to the
// SHELL its base image set (often powershell). Windows base images say so in their names
// (mcr.microsoft.com/windows/servercore, *-windowsservercore-ltsc2022, nanoserver, the .NET
// Framework images); when the base is not known (an ARG or a template), `# escape=`` ` is the
// Windows convention (backslash is its path separator) and decides. Returns the evidence, or "".
std::string windows_evidence(const model::Model& model, uint32_t stage, char escape) {
  for (int hops = 0; stage != model::npos && hops < 64; ++hops) {
    const model::Stage& st = model.stage(stage);
    if (st.base_kind != model::BaseKind::stage) break;
    stage = st.parent;
  }
  if (stage == model::npos) return {};
  const model::Stage& root = model.stage(stage);
  if (root.base_kind == model::BaseKind::scratch) return {};
  for (const std::string* ref : {&root.base.expanded, &root.base.raw}) {
    const std::string r = lower(*ref);
    if (r.find("windows") != std::string::npos || r.find("nanoserver") != std::string::npos ||
        r.find("servercore") != std::string::npos ||
        r.find("dotnet-framework") != std::string::npos ||
        r.find("dotnet/framework") != std::string::npos || r.ends_with("-nano") ||
        r.ends_with(":nano")) {
      return fmt::format("the base image '{}' is a Windows image", *ref);
    }
  }
  const bool unknown = root.base.unresolved || root.base.raw.find('$') != std::string::npos ||
                       root.base.raw.find("{{") != std::string::npos || !root.base.valid;
  if (unknown && escape == '`') {
    return fmt::format(
        "the base image '{}' is not known and the file uses the Windows escape "
        "character '`'",
        root.base.raw);
  }
  return {};
}

}  // namespace

Dialect classify_interpreter(std::span<const std::string> argv, std::string* reason) {
  auto unsupported = [&](std::string_view name) {
    if (reason) *reason = fmt::format("{} is not a POSIX shell", name);
    return Dialect::unsupported;
  };
  size_t i = 0;
  for (;;) {
    if (i >= argv.size()) return unsupported("an empty command");
    if (detail::is_sh_name(detail::base_name(argv[i]))) return Dialect::sh;  // the usual case
    std::string name = lower(detail::base_name(argv[i]));
    if (name.ends_with(".exe")) name.resize(name.size() - 4);
    if (name == "env") {
      // env [-i] [-u NAME] [NAME=value]... interpreter
      ++i;
      while (i < argv.size() &&
             (argv[i].starts_with("-") || argv[i].find('=') != std::string::npos)) {
        if (argv[i] == "-u" || argv[i] == "--unset") ++i;
        ++i;
      }
      continue;
    }
    if (name == "busybox" && i + 1 < argv.size()) {
      ++i;
      continue;
    }
    if (detail::is_sh_name(name)) return Dialect::sh;
    return unsupported(argv[i]);
  }
}

ShellModel::ShellModel(const ast::Dockerfile& file, const model::Model& model,
                       const SourceFile& source, ShellParser* parser)
    : file_(file), model_(model), source_(source), parser_(parser) {}

ShellModel::~ShellModel() = default;

const Script& ShellModel::script(uint32_t instr_index) {
  static const Script kNone = [] {
    Script s;
    s.dialect = Dialect::none;
    return s;
  }();
  if (instr_index >= file_.instructions.size()) return kNone;
  switch (file_.instructions[instr_index].kind) {
    case ast::InstrKind::run:
    case ast::InstrKind::cmd:
    case ast::InstrKind::entrypoint:
    case ast::InstrKind::healthcheck:
    case ast::InstrKind::onbuild:
      break;
    default:
      return kNone;  // runs no command: nothing to parse or to keep
  }
  if (scripts_.size() < file_.instructions.size()) scripts_.resize(file_.instructions.size());
  std::unique_ptr<Script>& slot = scripts_[instr_index];
  if (slot) return *slot;
  if (!parser_) {
    if (!own_parser_) own_parser_ = std::make_unique<ShellParser>();
    parser_ = own_parser_.get();
  }
  slot = std::make_unique<Script>();
  Script& s = *slot;
  s.interpreter = "/bin/sh";

  const ast::Instruction& outer = file_.instructions[instr_index];
  const ast::Instruction& ins =
      outer.kind == ast::InstrKind::onbuild && outer.inner ? *outer.inner : outer;
  size_t first_arg = 0;
  switch (ins.kind) {
    case ast::InstrKind::run:
    case ast::InstrKind::cmd:
    case ast::InstrKind::entrypoint:
      break;
    case ast::InstrKind::healthcheck:
      // HEALTHCHECK CMD <command>; NONE runs nothing.
      if (!ins.healthcheck_type || lower(ins.healthcheck_type->value) != "cmd") {
        s.dialect = Dialect::none;
        return s;
      }
      first_arg = 1;
      break;
    default:
      s.dialect = Dialect::none;
      return s;
  }
  if (ins.args.size() <= first_arg || ins.form == ast::ArgForm::none) {
    s.dialect = Dialect::none;
    return s;
  }

  if (ins.form == ast::ArgForm::exec) {
    // No shell runs an exec-form command; when it runs one itself (`["sh", "-c", "..."]`) the
    // `-c` element is parsed as sh.
    s.exec_form = true;
    s.interpreter = ins.args[first_arg].value;
    Command c;
    c.origin = Origin::exec_form;
    const auto spans = json_string_spans(ins.args_text.value);
    // HEALTHCHECK's args_text starts with the type word, which has no quotes.
    std::vector<uint32_t> offsets;
    for (size_t k = first_arg; k < ins.args.size(); ++k) {
      Word w;
      w.text = s.keep(ins.args[k].value);
      w.range = ins.args[k].range;
      w.raw = s.keep(source_.slice(w.range));
      c.argv.push_back(std::move(w));
    }
    c.range = {c.argv.front().range.begin, c.argv.back().range.end};
    s.commands.push_back(std::move(c));
    const Command& cmd = s.commands.front();
    const uint32_t arg = detail::shell_script_arg(cmd);
    if (arg != npos && spans.size() == cmd.argv.size()) {
      const auto [b, e] = spans[arg];
      const std::string_view raw = std::string_view(ins.args_text.value).substr(b, e - b);
      const std::string_view value = cmd.argv[arg].text;
      const auto pieces = detail::json_string_pieces(raw, b, value);
      const ast::SourceMap map = detail::compose(ins.args_map, pieces);
      const std::string_view script_text = value;  // in storage: stays put while parsing appends
      parser_->parse_into(s, script_text, map, {}, Origin::shell_c, 0, 1, true);
    }
    return s;
  }

  // Shell form: the stage's SHELL runs the text, unless a heredoc script has a shebang.
  const std::span<const std::string> shell = model_.shell_at(instr_index);
  if (!shell.empty()) s.interpreter = shell.front();
  std::string reason;
  Dialect dialect = classify_interpreter(shell, &reason);
  if (dialect == Dialect::sh && model_.shell_setting_at(instr_index) == nullptr) {
    const uint32_t stage = model_.stage_of(instr_index);
    static const std::string kNotWindows;
    const std::string* windows = &kNotWindows;
    if (stage != model::npos) {
      if (windows_.size() <= stage) windows_.resize(model_.stages().size());
      if (!windows_[stage]) windows_[stage] = windows_evidence(model_, stage, file_.escape);
      windows = &*windows_[stage];
    }
    if (!windows->empty()) {
      s.interpreter = "cmd";
      s.dialect = Dialect::unsupported;
      s.unsupported_reason = fmt::format(
          "{}: without a SHELL instruction its commands run in cmd or in the shell "
          "the image sets, not in sh",
          *windows);
      return s;
    }
  }

  if (ins.kind == ast::InstrKind::run && !ins.heredocs.empty() &&
      is_single_heredoc(ins.args_text.value)) {
    // dispatchRun: `RUN <<EOF` alone runs the heredoc's content, as a file when it starts with
    // a shebang (on Linux), else through the SHELL.
    const ast::Heredoc& h = ins.heredocs.front();
    s.heredoc = true;
    std::string_view content = h.content;
    if (content.starts_with("#!")) {
      std::string_view line = content.substr(2, content.find('\n') - 2);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      std::vector<std::string> words;
      size_t i = 0;
      while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const size_t b = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > b) words.emplace_back(line.substr(b, i - b));
      }
      s.interpreter = std::string(line);
      dialect = classify_interpreter(words, &reason);
      if (dialect != Dialect::sh) {
        s.dialect = Dialect::unsupported;
        s.unsupported_reason =
            fmt::format("the heredoc runs with its shebang '#!{}': {}", line, reason);
        return s;
      }
    } else if (dialect != Dialect::sh) {
      s.dialect = Dialect::unsupported;
      s.unsupported_reason = fmt::format("SHELL [{}] runs the heredoc: {}", join(shell), reason);
      return s;
    }
    parser_->parse_into(s, content,
                        detail::identity_map(h.body.begin, static_cast<uint32_t>(content.size())),
                        {}, Origin::script, npos, 0, true);
    return s;
  }

  if (dialect != Dialect::sh) {
    s.dialect = Dialect::unsupported;
    s.unsupported_reason = fmt::format("SHELL [{}] runs the command: {}", join(shell), reason);
    return s;
  }
  std::vector<ExternalHeredoc> heredocs;
  if (ins.kind == ast::InstrKind::run) {
    for (const ast::Heredoc& h : ins.heredocs) heredocs.push_back({h.content, h.body});
  }
  if (first_arg == 0) {
    parser_->parse_into(s, ins.args_text.value, ins.args_map, heredocs, Origin::script, npos, 0,
                        true);
  } else {
    // HEALTHCHECK CMD: the command is the end of args_text after the type word.
    const std::string& cmd = ins.args[first_arg].value;
    const auto offset = static_cast<uint32_t>(ins.args_text.value.size() - cmd.size());
    parser_->parse_into(s, cmd, sub_map(ins.args_map, offset, static_cast<uint32_t>(cmd.size())),
                        heredocs, Origin::script, npos, 0, true);
  }
  return s;
}

}  // namespace dfopt::shell
