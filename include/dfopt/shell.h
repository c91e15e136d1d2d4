#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/diagnostic.h"
#include "dfopt/source.h"

namespace dfopt::model {
class Model;
}

/// The shell model: the commands that RUN (and shell-form CMD, ENTRYPOINT, HEALTHCHECK CMD)
/// execute, each with its argv, assignments and redirections, every word located by its exact
/// source bytes, and how the commands are joined. Rules read it through `ShellModel`, built once
/// per file and on demand; no ANTLR type appears here.
///
/// Commands are what ShellCheck (hadolint's parser) calls simple commands: those after `&&`,
/// `||`, `;`, `&`, in pipelines, subshells, `{ }` groups, if/while/until/for/case bodies,
/// function bodies, inside `$(...)`, backticks and `<(...)`, plus the scripts of `sh -c "..."`,
/// `bash -c '...'` and `su -c` strings and of heredocs fed to a shell (`bash <<EOF`), each linked
/// to the command that runs it.
namespace dfopt::shell {

/// "No index".
inline constexpr uint32_t npos = UINT32_MAX;

/// One shell word. `text` and `raw` view bytes owned by the Script the word belongs to (see
/// Script::storage): a Word, or a copy of it, is valid as long as that Script lives.
struct Word {
  /// The value after quote removal: quotes dropped, backslash escapes resolved, line
  /// continuations removed; parameter expansions and substitutions kept as written, so
  /// `"pkg=$VER"` gives `pkg=$VER` and `$(nproc)` stays `$(nproc)` (hadolint keeps variables the
  /// same way). Inside `$'...'` escapes are kept as written.
  std::string_view text;
  /// The word as written in the script text (quotes and escapes kept; for a shell-form RUN that
  /// text is BuildKit's joined line, so Dockerfile line continuations are not in it).
  std::string_view raw;
  /// The word's source bytes. A word may span Dockerfile line continuations (and comment lines
  /// inside them); `range` then covers those too.
  TextRange range;
  bool quoted = false;            ///< contains quotes or backslash escapes
  bool has_expansion = false;     ///< $name, ${...} or $((...))
  bool has_substitution = false;  ///< $(...), `...`, <(...) or >(...)

  /// Nothing is expanded at run time: `text` is exactly the value the command receives (glob
  /// characters aside).
  bool is_literal() const { return !has_expansion && !has_substitution; }
};

/// A redirection operator.
enum class RedirKind : uint8_t {
  input,          ///< `<`
  output,         ///< `>`
  append,         ///< `>>`
  clobber,        ///< `>|`
  dup_input,      ///< `<&`
  dup_output,     ///< `>&`
  read_write,     ///< `<>`
  heredoc,        ///< `<<`
  heredoc_strip,  ///< `<<-`
  herestring,     ///< `<<<` (bash)
  output_both,    ///< `&>` (bash)
  append_both,    ///< `&>>` (bash)
};

/// A redirection of a simple command.
struct Redirection {
  RedirKind kind = RedirKind::output;
  int32_t fd = -1;  ///< the explicit descriptor (`2>`), -1 when absent
  Word target;      ///< file, descriptor (`1` in `2>&1`) or heredoc delimiter
  TextRange range;  ///< operator through target
  /// Heredocs only: the body, and its source range (empty when the body is missing). For a RUN
  /// heredoc (`RUN python3 <<EOF`) this is the Dockerfile heredoc BuildKit feeds to stdin.
  std::string heredoc_body;
  TextRange heredoc_range;
  bool heredoc_expands = true;  ///< the delimiter is unquoted: the body undergoes expansion

  bool is_heredoc() const { return kind == RedirKind::heredoc || kind == RedirKind::heredoc_strip; }
};

/// The operator that joins a command to the one executed before it at the same level (see
/// Command::op).
enum class Joiner : uint8_t {
  first,       ///< nothing before it in its list
  and_if,      ///< `&&`
  or_if,       ///< `||`
  seq,         ///< `;` or a newline
  pipe,        ///< `|` or `|&`
  background,  ///< after `cmd &`
};

/// Where a command comes from.
enum class Origin : uint8_t {
  script,        ///< the instruction's own script
  substitution,  ///< inside `$(...)`, backticks, `<(...)` or `>(...)` in a word of `parent`
  shell_c,       ///< the script string of `parent`, an `sh -c`/`bash -c`/`su -c` (or the
                 ///< `-c` element of an exec-form command)
  shell_stdin,   ///< a heredoc fed on stdin to `parent`, a shell (`bash <<EOF`, `sh -s <<EOF`)
  exec_form,     ///< an exec-form (JSON) command: argv is the array, nothing is parsed
};

/// One simple command.
struct Command {
  std::vector<Word> argv;         ///< command name, then arguments; empty for `A=b` or `>f` alone
  std::vector<Word> assignments;  ///< `NAME=value` words before the name
  std::vector<Redirection> redirections;
  TextRange range;  ///< first to last word or redirection, in the source

  /// The operator that joins this command to the command executed before it at its level: for
  /// the first command of a `( )`/`{ }` group or of an if/while/until condition, the operator
  /// that joins the compound command; for the first command of any other list (a branch or loop
  /// body, a case item, a function body, a substitution, an `sh -c` script) `first`.
  Joiner op = Joiner::first;
  /// The command runs whenever its instruction runs, if every command before it succeeds.
  /// Precisely: it is reached on the *success path*, where every simple command is assumed to
  /// exit 0 except tests (`[`, `[[`, `test`, `((...))`, whose result is unknown), `false`
  /// (fails) and negated pipelines (`!` inverts); and it is not inside a branch or body whose
  /// execution depends on something else. So it is false:
  ///   * after `||` (a fallback, skipped on the success path), and after `&&` or `||` that
  ///     follows a test (`[ -f x ] && rm x`);
  ///   * in an elif condition, an if/elif/else branch, a case item, a while/until body, a
  ///     function body, or a for body whose word list may be empty (no `in`, or only words
  ///     that are unquoted expansions);
  ///   * inside anything (substitution, `sh -c` script, group) whose command is itself not
  ///     unconditional.
  /// It stays true for the first if condition and while/until conditions (they run at least
  /// once), after `a || b && c` (c runs when a succeeds), in subshells and groups, in every
  /// command of a pipeline and in background jobs.
  bool unconditional = true;
  bool negated = false;         ///< in a pipeline prefixed by `!`
  bool background = false;      ///< in an and-or list run asynchronously (`... &`)
  uint32_t pipeline = 0;        ///< id of its pipeline, unique within the Script
  uint32_t pipeline_index = 0;  ///< 0-based position in the pipeline
  uint32_t pipeline_size = 1;   ///< commands in the pipeline
  uint32_t and_or = 0;          ///< id of its and-or list (`a && b || c`), unique within the Script
  /// Nesting: 0 for the instruction's top-level list, +1 per compound command, substitution,
  /// function body or inner script around the command.
  uint32_t depth = 0;
  bool in_substitution = false;  ///< inside `$(...)`/backticks/`<(...)` at some level
  bool in_function = false;      ///< inside a function definition's body
  Origin origin = Origin::script;
  /// Index in Script::commands of the command whose word holds this substitution, or that runs
  /// this inner script; npos at the top level (and for substitutions in for/case words).
  uint32_t parent = npos;

  /// The literal first word (hadolint's command name): `argv[0].text`, or "" when there is none.
  /// A path stays a path (`/usr/bin/apt-get` is not `apt-get`) and wrappers are not looked
  /// through: in `sudo apt-get install x` the command is `sudo`.
  std::string_view name() const;
  /// name() == `command_name`.
  bool is(std::string_view command_name) const { return name() == command_name; }
  /// argv without the command name.
  std::span<const Word> args() const;
  /// Some argument (anywhere after the name) is literally `text` (hadolint's cmdHasArgs).
  bool has_arg(std::string_view text) const;
};

/// What a Script holds.
enum class Dialect : uint8_t {
  sh,           ///< parsed as POSIX sh with the bash extensions Dockerfiles use
  unsupported,  ///< run by an interpreter that is not sh (a SHELL of powershell or cmd, a
                ///< Windows base image without SHELL, a python shebang): no commands, never a
                ///< guess; `unsupported_reason` says why. Rules that need sh say so.
  none,         ///< the instruction runs no shell command (not RUN/CMD/ENTRYPOINT/HEALTHCHECK
                ///< CMD, or one without a command)
};

/// The commands of one instruction.
struct Script {
  /// Every simple command in source order (a command's substitutions and inner scripts follow
  /// it). For an exec-form instruction: one command with origin exec_form (then its `-c`
  /// script when it runs a shell).
  std::vector<Command> commands;
  Dialect dialect = Dialect::sh;
  std::string unsupported_reason;  ///< set when dialect is unsupported
  /// The program that runs the script: "/bin/sh" (the default SHELL), the SHELL's first word,
  /// a heredoc's shebang interpreter ("/usr/bin/env python3"), "cmd" for a Windows stage
  /// without SHELL, or argv[0] of an exec-form command.
  std::string interpreter;
  bool exec_form = false;  ///< a JSON-array instruction
  bool heredoc = false;    ///< the script is the body of a `RUN <<EOF` heredoc
  /// Problems found while parsing (code "shell-syntax-error", severity warning; "internal-error"
  /// for a bug in dfopt): the commands are then those that parsed, never a guess about the rest.
  std::vector<Diagnostic> diagnostics;
  /// The bytes every Word::text and Word::raw of this script views: a copy of each parsed text
  /// and the quote-removed values. Blocks never move, so moving the Script keeps words valid.
  std::vector<std::unique_ptr<char[]>> storage;

  /// Parsed without a diagnostic (also true for unsupported and none: check is_sh()).
  bool ok() const { return diagnostics.empty(); }
  bool is_sh() const { return dialect == Dialect::sh; }
  /// Copies `bytes` into `storage` and returns the copy.
  std::string_view keep(std::string_view bytes);
};

// ---- Options --------------------------------------------------------------------------------

/// How to read a command's options (hadolint's rules, getopt's syntax).
struct OptionSpec {
  /// Options that take a value: one-letter names ("t") for `-t value`/`-tvalue`, longer names
  /// ("target-release") for `--target-release value`; `--name=value` always carries its value.
  std::span<const std::string_view> with_value = {};
  /// argv index where options start: 1 (after the name), or 2 after a subcommand.
  uint32_t first = 1;
  /// Stop at the first operand, as POSIX getopt does; by default options may follow operands
  /// (GNU getopt, hadolint).
  bool stop_at_operand = false;
};

/// One option occurrence.
struct Option {
  std::string_view name;   ///< "y" (from `-y` or `-qy`) or "assume-yes" (from `--assume-yes`)
  std::string_view value;  ///< the value (`--opt=v`, `-t v`, `-tv`); "" when it has none
  bool has_value = false;
  bool is_long = false;
  uint32_t word = 0;           ///< argv index of the word holding the option
  uint32_t value_word = npos;  ///< argv index of the word holding the value; npos when none
};

/// A command's options and operands, as `parse_options` read them. Views point into the Command.
struct Options {
  std::vector<Option> options;
  std::vector<uint32_t> operands;   ///< argv indices of arguments that are neither options nor
                                    ///< option values
  bool saw_end_of_options = false;  ///< a `--` was read

  bool has(std::string_view name) const;
  bool has_any(std::initializer_list<std::string_view> names) const;
  /// Occurrences of `name` (`-q -q` and `-qq` count two).
  size_t count(std::string_view name) const;
  /// The last occurrence, or nullptr.
  const Option* find(std::string_view name) const;
};

/// Reads `cmd`'s options. An argument `--name[=value]` is a long option; `-abc` is a cluster of
/// one-letter options `a`, `b`, `c` (when one of them takes a value, the rest of the cluster, or
/// else the next argument, is its value); `-` alone is an operand; `--` ends the options (every
/// later argument is an operand). hadolint reads flags the same way except that it does not
/// stop at `--`.
Options parse_options(const Command& cmd, const OptionSpec& spec = {});
/// parse_options(cmd, spec).has(name).
bool has_option(const Command& cmd, std::string_view name, const OptionSpec& spec = {});
/// The arguments that are not options or option values (hadolint's getArgsNoFlags after
/// dropFlagArg), in order.
std::vector<const Word*> args_without_options(const Command& cmd, const OptionSpec& spec = {});
/// The first operand (`install` in `apt-get -y install x`), or "" when there is none.
std::string_view subcommand(const Command& cmd, const OptionSpec& spec = {});

/// Commands named `name`, in order.
std::vector<const Command*> find_commands(const Script& script, std::string_view name);
/// Commands named `name` whose subcommand (first operand, read with `spec`) is `sub`:
/// find_commands(script, "apt-get", "install").
std::vector<const Command*> find_commands(const Script& script, std::string_view name,
                                          std::string_view sub, const OptionSpec& spec = {});

// ---- Parsing --------------------------------------------------------------------------------

/// A heredoc body supplied from outside the script text: for `RUN cmd <<EOF`, BuildKit appends
/// the Dockerfile heredoc bodies to the command line, so they belong to the line's heredoc
/// redirections in order.
struct ExternalHeredoc {
  std::string_view content;
  TextRange range;  ///< source range of the body
};

struct ShellParserOptions {
  /// Match the tokens whose lexer rules switch no mode (runs of ordinary characters,
  /// operators, `$name`, escapes) in C++ with the rules' own definitions, and only the others
  /// with the generated lexer: the same tokens, several times faster. Off only to test that.
  bool fast_scan = true;
};

/// A reusable shell parser holding the ANTLR lexer and parser objects. Not thread-safe: use one
/// per thread (a ShellModel borrows one, or owns its own).
class ShellParser {
 public:
  explicit ShellParser(ShellParserOptions options = {});
  ~ShellParser();
  ShellParser(ShellParser&&) noexcept;
  ShellParser& operator=(ShellParser&&) noexcept;

  /// Parses `text` as sh. `map` maps offsets of `text` to source offsets (an empty map is the
  /// identity); `heredocs` are bodies for the heredoc redirections left open at the end of the
  /// text. Never throws: problems become `Script::diagnostics`.
  Script parse(std::string_view text, const ast::SourceMap& map = {},
               std::span<const ExternalHeredoc> heredocs = {});

  /// As parse(), appending to `script` commands whose origin, parent and depth come from the
  /// arguments (used for exec-form `sh -c` elements).
  void parse_into(Script& script, std::string_view text, const ast::SourceMap& map,
                  std::span<const ExternalHeredoc> heredocs, Origin origin, uint32_t parent,
                  uint32_t depth, bool unconditional);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Classifies an interpreter (SHELL's argv, or a shebang line's words): Dialect::sh for sh,
/// bash, dash, ash, zsh, ksh, mksh and busybox sh (directly or through `env`), else unsupported
/// with a reason.
Dialect classify_interpreter(std::span<const std::string> argv, std::string* reason = nullptr);

/// The shell scripts of one Dockerfile, parsed lazily: each instruction's Script is built the
/// first time it is asked for and cached. Holds references to the AST, model and source, which
/// must outlive it. Not thread-safe by design: one per file, as rules of one file run on one
/// thread.
class ShellModel {
 public:
  /// `parser` is borrowed when given (a worker's reusable one); otherwise the model makes its
  /// own on first use.
  ShellModel(const ast::Dockerfile& file, const model::Model& model, const SourceFile& source,
             ShellParser* parser = nullptr);
  ~ShellModel();
  ShellModel(const ShellModel&) = delete;
  ShellModel& operator=(const ShellModel&) = delete;

  /// The script of instruction `instr_index` (an index of `ast::Dockerfile::instructions`). For
  /// ONBUILD it is the script of the wrapped instruction. Instructions that run no command give
  /// an empty script with Dialect::none.
  const Script& script(uint32_t instr_index);

 private:
  const ast::Dockerfile& file_;
  const model::Model& model_;
  const SourceFile& source_;
  ShellParser* parser_;
  std::unique_ptr<ShellParser> own_parser_;
  std::vector<std::unique_ptr<Script>> scripts_;
  /// Per stage, computed on first use: why its default shell is not sh (a Windows base image),
  /// or "" when it is.
  std::vector<std::optional<std::string>> windows_;
};

}  // namespace dfopt::shell
