// `dfopt generate man` and `dfopt generate completions bash|zsh|fish`: the manual page and the
// shell completion scripts, generated from the CLI11 definition itself so that they cannot drift
// from the options the binary accepts. The build runs these to produce the installed files; the
// command is hidden from --help.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"
#include "version.h"

namespace dfopt::cli {
namespace {

// ---------------------------------------------------------------------------------------------
// A plain description of the command line, read once from the CLI11 apps.

struct OptionSpec {
  std::vector<std::string> shorts;  ///< without the dash: "o"
  std::vector<std::string> longs;   ///< without the dashes: "output"
  std::string description;
  std::string value_name;            ///< "FILE"; empty for a flag
  std::vector<std::string> choices;  ///< from an IsMember validator, in its order
  bool repeatable = false;
  bool files = false;  ///< the value is a path: complete file names
};

struct CommandSpec {
  std::vector<std::string> path;  ///< {"audit", "trend"}; empty for the program itself
  std::string description;
  std::string footer;
  std::vector<OptionSpec> options;
  std::string positional;  ///< value name of the positional arguments ("PATH"), if any
  bool positional_many = false;
  std::vector<CommandSpec> subcommands;
};

/// "{a,b,c}" (CLI11's IsMember description) into its members.
std::vector<std::string> parse_choices(std::string_view type_name) {
  std::vector<std::string> out;
  for (size_t colon = type_name.find(':'); colon != std::string_view::npos;
       colon = type_name.find(':', colon + 1)) {
    std::string_view rest = type_name.substr(colon + 1);
    if (rest.empty() || rest.front() != '{') continue;
    const size_t close = rest.find('}');
    if (close == std::string_view::npos) continue;
    std::string_view items = rest.substr(1, close - 1);
    while (!items.empty()) {
      const size_t comma = items.find(',');
      out.emplace_back(items.substr(0, comma));
      if (comma == std::string_view::npos) break;
      items.remove_prefix(comma + 1);
    }
    break;
  }
  return out;
}

bool hidden(const CLI::Option* o) { return o->get_group().empty(); }

CommandSpec describe(const CLI::App& app, std::vector<std::string> path) {
  CommandSpec spec;
  spec.path = std::move(path);
  spec.description = app.get_description();
  spec.footer = app.get_footer();
  for (const CLI::Option* o : app.get_options()) {
    if (hidden(o)) continue;
    const std::string type_name = o->get_type_name();
    const std::string value_name = type_name.substr(0, type_name.find(':'));
    const bool many = o->get_items_expected_max() > 1 || o->get_expected_max() > 1;
    if (o->get_positional()) {
      spec.positional = value_name.empty() ? o->get_name(true) : value_name;
      spec.positional_many = many;
      continue;
    }
    OptionSpec opt;
    opt.shorts = o->get_snames();
    opt.longs = o->get_lnames();
    opt.description = o->get_description();
    // CLI11's help prints a value name exactly when an option takes a value; flags have none.
    if (o->get_type_size() != 0 && !value_name.empty()) {
      opt.value_name = value_name;
      opt.choices = parse_choices(type_name);
      opt.files = value_name.find("FILE") != std::string::npos ||
                  value_name.find("PATH") != std::string::npos ||
                  value_name.find("DIR") != std::string::npos;
    }
    opt.repeatable = many || o->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    spec.options.push_back(std::move(opt));
  }
  for (const CLI::App* sub : app.get_subcommands(
           [](const CLI::App* a) { return !a->get_group().empty() && !a->get_name().empty(); })) {
    std::vector<std::string> sub_path = spec.path;
    sub_path.push_back(sub->get_name());
    spec.subcommands.push_back(describe(*sub, std::move(sub_path)));
  }
  return spec;
}

std::string joined(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

/// The first line of a description (the summary shown next to a subcommand's name).
std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

template <typename F>
void for_each_command(const CommandSpec& c, const F& f) {
  f(c);
  for (const CommandSpec& sub : c.subcommands) for_each_command(sub, f);
}

// ---------------------------------------------------------------------------------------------
// roff (man(7))

/// Text escaped for roff: backslashes, hyphens (so they are not hyphenation points) and a
/// leading control character.
std::string roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

/// `text` with its line breaks kept (.br), so that CLI11's layout survives filling.
std::string roff_lines(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  std::string out;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    out += roff(text.substr(0, nl)) + "\n";
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
    out += ".br\n";
  }
  return out;
}

std::string man_option_head(const OptionSpec& o) {
  std::vector<std::string> names;
  for (const std::string& s : o.shorts) names.push_back("\\fB\\-" + roff(s) + "\\fR");
  for (const std::string& l : o.longs) names.push_back("\\fB\\-\\-" + roff(l) + "\\fR");
  std::string head = joined(names, ", ");
  if (!o.value_name.empty()) head += " \\fI" + roff(o.value_name) + "\\fR";
  return head;
}

std::string man_synopsis(const CommandSpec& c) {
  std::string s = "\\fBdfopt";
  for (const std::string& p : c.path) s += " " + roff(p);
  s += "\\fR";
  if (!c.options.empty()) s += " [\\fIOPTIONS\\fR]";
  if (!c.subcommands.empty()) s += c.positional.empty() ? " \\fICOMMAND\\fR" : " [\\fICOMMAND\\fR]";
  if (!c.positional.empty()) {
    s += " [\\fI" + roff(c.positional) + "\\fR" + (c.positional_many ? "...]" : "]");
  }
  return s;
}

void man_options(std::string& out, const CommandSpec& c) {
  for (const OptionSpec& o : c.options) {
    out += ".TP\n" + man_option_head(o) + "\n" + roff(o.description);
    if (!o.choices.empty()) out += " (one of: " + roff(joined(o.choices, ", ")) + ")";
    out += "\n";
  }
}

std::string render_man(const CommandSpec& root) {
  std::string out;
  out += ".\\\" Generated by `dfopt generate man` from the command-line definition; do not edit.\n";
  out += fmt::format(".TH DFOPT 1 \"\" \"dfopt {}\" \"User Commands\"\n", version_string());
  out += ".SH NAME\ndfopt \\- Dockerfile static analyzer and optimizer\n";
  out += ".SH SYNOPSIS\n" + man_synopsis(root) +
         "\n.br\n\\fBdfopt\\fR [\\fIOPTIONS\\fR] "
         "\\fIPATH\\fR...\n";
  out += ".SH DESCRIPTION\n" + roff(root.description) +
         ".\n.PP\nWith no command, the arguments are those of \\fBdfopt check\\fR: "
         "\\fBdfopt Dockerfile\\fR checks Dockerfile.\n";
  out += ".SH OPTIONS\n";
  man_options(out, root);
  out += ".SH COMMANDS\n";
  for (const CommandSpec& top : root.subcommands) {
    for_each_command(top, [&](const CommandSpec& c) {
      out += ".SS \"" + roff("dfopt " + joined(c.path, " ")) + "\"\n";
      out += man_synopsis(c) + "\n.PP\n";
      out += roff_lines(c.description);
      if (!c.subcommands.empty()) {
        out += ".PP\nCommands:\n";
        for (const CommandSpec& sub : c.subcommands) {
          out += ".TP\n\\fB" + roff(sub.path.back()) + "\\fR\n" +
                 roff(first_line(sub.description)) + "\n";
        }
      }
      if (!c.options.empty()) {
        out += ".PP\nOptions:\n";
        man_options(out, c);
      }
      if (!c.footer.empty()) out += ".PP\n" + roff_lines(c.footer);
    });
  }
  out +=
      ".SH \"EXIT STATUS\"\n.TP\n0\nNothing at or above the fail level was found.\n"
      ".TP\n1\nA finding at or above the fail level was reported.\n"
      ".TP\n2\nA usage, configuration, I/O or internal error occurred.\n";
  out +=
      ".SH ENVIRONMENT\n.TP\n\\fBNO_COLOR\\fR\nWhen set, no ANSI colours are written.\n"
      ".TP\n\\fBDFOPT_SHELLCHECK\\fR\nThe ShellCheck program run by \\fB\\-\\-shellcheck\\fR "
      "(default: \\fBshellcheck\\fR).\n";
  out +=
      ".SH FILES\n.TP\n\\fI.dfopt.yaml\\fR\nConfiguration, looked up from each checked file "
      "towards the root; \\fI.hadolint.yaml\\fR is read when there is none.\n";
  out +=
      ".SH \"SEE ALSO\"\n\\fBdfopt explain\\fR \\fIRULE\\fR prints the documentation of a "
      "rule; \\fBdfopt rules\\fR lists them all.\n";
  return out;
}

// ---------------------------------------------------------------------------------------------
// bash: tables of subcommands and options per command path, and one function that finds the
// command path in COMP_WORDS and completes from them.

/// A word safe inside single quotes.
std::string single_quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> option_words(const OptionSpec& o) {
  std::vector<std::string> words;
  for (const std::string& s : o.shorts) words.push_back("-" + s);
  for (const std::string& l : o.longs) words.push_back("--" + l);
  return words;
}

std::string render_bash(const CommandSpec& root) {
  std::string subcommands, options, value_options, file_values, choices, positional;
  for_each_command(root, [&](const CommandSpec& c) {
    const std::string key = single_quoted(joined(c.path, " "));
    if (!c.subcommands.empty()) {
      std::vector<std::string> names;
      for (const CommandSpec& sub : c.subcommands) names.push_back(sub.path.back());
      subcommands += fmt::format("    {}) words={} ;;\n", key, single_quoted(joined(names, " ")));
    }
    std::vector<std::string> all, with_value, file_options;
    for (const OptionSpec& o : c.options) {
      const std::vector<std::string> words = option_words(o);
      all.insert(all.end(), words.begin(), words.end());
      if (o.value_name.empty()) continue;
      with_value.insert(with_value.end(), words.begin(), words.end());
      if (o.files) file_options.insert(file_options.end(), words.begin(), words.end());
      if (o.choices.empty()) continue;
      for (const std::string& w : words) {
        choices +=
            fmt::format("    {}) words={} ;;\n", single_quoted(joined(c.path, " ") + "\t" + w),
                        single_quoted(joined(o.choices, " ")));
      }
    }
    if (!all.empty())
      options += fmt::format("    {}) words={} ;;\n", key, single_quoted(joined(all, " ")));
    if (!with_value.empty()) {
      value_options +=
          fmt::format("    {}) words={} ;;\n", key, single_quoted(joined(with_value, " ")));
    }
    if (!file_options.empty()) {
      file_values +=
          fmt::format("    {}) words={} ;;\n", key, single_quoted(joined(file_options, " ")));
    }
    if (!c.positional.empty()) positional += (positional.empty() ? "    " : " | ") + key;
  });

  std::string out;
  out += "# bash completion for dfopt\n";
  out +=
      "# Generated by `dfopt generate completions bash` from the command-line definition; do "
      "not edit.\n\n";
  out +=
      "# __dfopt_table TABLE KEY: the words of TABLE (subcommands, options, value_options, "
      "file_values, choices) for KEY.\n";
  out += "__dfopt_table() {\n  local words=''\n  case $1 in\n";
  out += "  subcommands)\n    case $2 in\n" + subcommands + "    esac ;;\n";
  out += "  options)\n    case $2 in\n" + options + "    esac ;;\n";
  out += "  value_options)\n    case $2 in\n" + value_options + "    esac ;;\n";
  out += "  file_values)\n    case $2 in\n" + file_values + "    esac ;;\n";
  out += "  choices)\n    case $2 in\n" + choices + "    esac ;;\n";
  out += "  esac\n  printf '%s' \"$words\"\n}\n\n";
  out += "# __dfopt_positional PATH: whether the command PATH takes file arguments.\n";
  out += "__dfopt_positional() {\n  case $1 in\n";
  if (!positional.empty()) out += positional + ") return 0 ;;\n";
  out += "  esac\n  return 1\n}\n\n";
  out += R"bash(_dfopt() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev='' path='' word i skip=0
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # The command path: the subcommand names before the cursor, skipping option values.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if ((skip)); then
      skip=0
      continue
    fi
    case $word in
    --*=*) ;;
    -*)
      [[ " $(__dfopt_table value_options "$path") " == *" $word "* ]] && skip=1
      ;;
    *)
      if [[ " $(__dfopt_table subcommands "$path") " == *" $word "* ]]; then
        path=${path:+$path }$word
      fi
      ;;
    esac
  done

  COMPREPLY=()
  local value_of='' value_cur=$cur
  if [[ $cur == --*=* ]]; then
    value_of=${cur%%=*}
    value_cur=${cur#*=}
  elif ((COMP_CWORD > 1)) && [[ $prev == -* && " $(__dfopt_table value_options "$path") " == *" $prev "* ]]; then
    value_of=$prev
  fi
  if [[ -n $value_of ]]; then
    local choices
    choices=$(__dfopt_table choices "$path"$'\t'"$value_of")
    if [[ -n $choices ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$value_cur")
    elif [[ " $(__dfopt_table file_values "$path") " == *" $value_of "* ]]; then
      mapfile -t COMPREPLY < <(compgen -f -- "$value_cur")
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(__dfopt_table options "$path")" -- "$cur")
    return 0
  fi
  mapfile -t COMPREPLY < <(compgen -W "$(__dfopt_table subcommands "$path")" -- "$cur")
  if __dfopt_positional "$path"; then
    local files
    mapfile -t files < <(compgen -f -- "$cur")
    COMPREPLY+=("${files[@]}")
  fi
  return 0
}
complete -o filenames -o bashdefault -F _dfopt dfopt
)bash";
  return out;
}

// ---------------------------------------------------------------------------------------------
// zsh: one _arguments function per command.

/// Text for an _arguments description in brackets.
std::string zsh_bracket(std::string_view s) {
  std::string out;
  for (char c : first_line(std::string(s))) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    if (c == '\'') {
      out += "'\\''";
      continue;
    }
    out += c;
  }
  return out;
}

std::string zsh_message(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ':' || c == '\\') out += '\\';
    if (c == '\'') {
      out += "'\\''";
      continue;
    }
    out += c;
  }
  return out;
}

std::string zsh_function(const CommandSpec& c) {
  std::string name = "_dfopt";
  for (const std::string& p : c.path) name += "_" + p;
  for (char& ch : name) {
    if (ch == '-') ch = '_';
  }
  return name;
}

/// The _arguments specs of one option: one per name, each a complete quoted word.
void zsh_option_specs(const OptionSpec& o, std::vector<std::string>& specs) {
  std::vector<std::string> words = option_words(o);
  std::string exclusion = o.repeatable ? "*" : "(" + joined(words, " ") + ")";
  std::string action;
  if (!o.value_name.empty()) {
    action = ":" + zsh_message(o.value_name) + ":";
    if (!o.choices.empty()) {
      action += "(" + joined(o.choices, " ") + ")";
    } else if (o.files) {
      action += "_files";
    }
  }
  for (const std::string& w : words) {
    const bool is_long = w.size() > 2 && w[1] == '-';
    specs.push_back("'" + exclusion + w +
                    (o.value_name.empty() ? ""
                     : is_long            ? "="
                                          : "+") +
                    "[" + zsh_bracket(o.description) + "]" + action + "'");
  }
}

std::string render_zsh_command(const CommandSpec& c) {
  std::string out = zsh_function(c) + "() {\n";
  const bool has_subcommands = !c.subcommands.empty();
  if (has_subcommands) out += "  local curcontext=$curcontext state line\n  typeset -A opt_args\n";
  std::vector<std::string> specs;
  for (const OptionSpec& o : c.options) zsh_option_specs(o, specs);
  if (has_subcommands) {
    specs.push_back("'1: :->command'");
    specs.push_back("'*:: :->argument'");
  } else if (!c.positional.empty()) {
    specs.push_back("'" + std::string(c.positional_many ? "*" : "1") + ":" +
                    zsh_message(c.positional) + ":_files'");
  }
  out += std::string("  _arguments -s -S") + (has_subcommands ? " -C" : "");
  for (const std::string& spec : specs) out += " \\\n    " + spec;
  out += "\n";
  if (has_subcommands) {
    out += "  case $state in\n  command)\n    local -a commands\n    commands=(\n";
    for (const CommandSpec& sub : c.subcommands) {
      out += "      '" + zsh_message(sub.path.back()) + ":" + zsh_bracket(sub.description) + "'\n";
    }
    out += "    )\n    _describe -t commands 'dfopt command' commands";
    out += c.positional.empty() ? "\n" : " || _files\n";
    out += "    ;;\n  argument)\n    case $line[1] in\n";
    for (const CommandSpec& sub : c.subcommands) {
      out += "    " + sub.path.back() + ") " + zsh_function(sub) + " ;;\n";
    }
    if (!c.positional.empty()) out += "    *) _files ;;\n";
    out += "    esac\n    ;;\n  esac\n";
  }
  return out + "}\n\n";
}

std::string render_zsh(const CommandSpec& root) {
  std::string out = "#compdef dfopt\n";
  out += "# zsh completion for dfopt\n";
  out +=
      "# Generated by `dfopt generate completions zsh` from the command-line definition; do not "
      "edit.\n\n";
  for_each_command(root, [&](const CommandSpec& c) { out += render_zsh_command(c); });
  out +=
      "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n  _dfopt \"$@\"\nelse\n"
      "  compdef _dfopt dfopt\nfi\n";
  return out;
}

// ---------------------------------------------------------------------------------------------
// fish: `complete` lines guarded by the subcommands seen so far.

std::string fish_quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

/// The condition under which the words of command `c` (not of its subcommands) apply.
std::string fish_condition(const CommandSpec& c) {
  if (c.path.empty()) return "__fish_use_subcommand";
  std::string cond;
  for (const std::string& p : c.path) {
    cond += (cond.empty() ? "" : "; and ") + std::string("__fish_seen_subcommand_from ") + p;
  }
  if (!c.subcommands.empty()) {
    std::vector<std::string> names;
    for (const CommandSpec& sub : c.subcommands) names.push_back(sub.path.back());
    cond += "; and not __fish_seen_subcommand_from " + joined(names, " ");
  }
  return cond;
}

std::string render_fish(const CommandSpec& root) {
  std::string out = "# fish completion for dfopt\n";
  out +=
      "# Generated by `dfopt generate completions fish` from the command-line definition; do "
      "not edit.\n\n";
  out += "complete -c dfopt -f\n";
  for_each_command(root, [&](const CommandSpec& c) {
    const std::string cond = fish_quoted(fish_condition(c));
    out += "\n# dfopt" + (c.path.empty() ? std::string() : " " + joined(c.path, " ")) + "\n";
    for (const CommandSpec& sub : c.subcommands) {
      out += fmt::format("complete -c dfopt -n {} -a {} -d {}\n", cond,
                         fish_quoted(sub.path.back()), fish_quoted(first_line(sub.description)));
    }
    for (const OptionSpec& o : c.options) {
      std::string line = "complete -c dfopt -n " + cond;
      for (const std::string& s : o.shorts) line += " -s " + fish_quoted(s);
      for (const std::string& l : o.longs) line += " -l " + fish_quoted(l);
      if (!o.value_name.empty()) {
        if (!o.choices.empty()) {
          line += " -x -a " + fish_quoted(joined(o.choices, " "));
        } else if (o.files) {
          line += " -r -F";
        } else {
          line += " -x";
        }
      }
      line += " -d " + fish_quoted(first_line(o.description));
      out += line + "\n";
    }
    if (!c.positional.empty()) out += "complete -c dfopt -n " + cond + " -F\n";
  });
  return out;
}

// ---------------------------------------------------------------------------------------------

struct GenerateOptions {
  std::string shell;
  std::string output;
};

int emit(const std::string& text, const std::string& output) {
  if (output.empty() || output == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return exit_ok;
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  if (!(out << text) || !out.flush()) {
    std::fprintf(stderr, "dfopt: error: cannot write '%s': %s\n", output.c_str(),
                 std::strerror(errno));
    return exit_error;
  }
  return exit_ok;
}

}  // namespace

Command add_generate_command(CLI::App& parent) {
  auto o = std::make_shared<GenerateOptions>();
  CLI::App* app = parent.add_subcommand(
      "generate", "Write the manual page or a shell completion script for this dfopt");
  app->group("");  // hidden: the build runs it to produce the installed files
  app->require_subcommand(1);
  CLI::App* man = app->add_subcommand("man", "Write the manual page dfopt(1) in roff");
  man->add_option("-o,--output", o->output, "Write to FILE instead of standard output")
      ->type_name("FILE");
  CLI::App* completions =
      app->add_subcommand("completions", "Write the completion script for SHELL");
  completions->add_option("shell", o->shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  completions->add_option("-o,--output", o->output, "Write to FILE instead of standard output")
      ->type_name("FILE");

  CLI::App* root = &parent;
  return Command{app, [o, root, man] {
                   const CommandSpec spec = describe(*root, {});
                   if (man->parsed()) return emit(render_man(spec), o->output);
                   if (o->shell == "bash") return emit(render_bash(spec), o->output);
                   if (o->shell == "zsh") return emit(render_zsh(spec), o->output);
                   return emit(render_fish(spec), o->output);
                 }};
}

}  // namespace dfopt::cli
