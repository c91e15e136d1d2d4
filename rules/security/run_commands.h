#pragma once
// Helpers for the security rules that read the commands of RUN (DF310-DF316): the program a
// command runs once wrappers such as `sudo` are looked through, environment variables set by RUN,
// ENV and ARG, secret mounts, and small word utilities.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "dfopt/shell.h"

namespace dfopt::rules::security {

/// The program a simple command runs. Wrappers that run their operand as a command, with the
/// same standard input, are looked through: `sudo`, `doas`, `env`, `exec`, `nohup`, `time`,
/// `nice`, `gosu USER`, `su-exec USER` (with their options), so `sudo -E bash -` runs `bash`.
struct Invocation {
  const shell::Command* cmd = nullptr;
  uint32_t name = shell::npos;  ///< argv index of the program word; npos when there is none
  std::string_view program;     ///< that word's base name: `/usr/bin/curl` gives `curl`

  explicit operator bool() const { return name != shell::npos; }
  const shell::Word& word() const { return cmd->argv[name]; }
  /// The program's arguments.
  std::span<const shell::Word> args() const;
  /// The program's options and operands, read with `with_value` (see shell::OptionSpec),
  /// starting after the program word, plus `skip` more words (a subcommand).
  shell::Options options(std::span<const std::string_view> with_value = {}, uint32_t skip = 0,
                         bool stop_at_operand = false) const;
};

// Options that take a value, per program (one-letter names, then long names), so that a value is
// not read as an option or an operand.
// clang-format off
inline constexpr std::string_view kCurlValues[] = {
    "A", "b", "c", "C", "d", "D", "e", "E", "F", "H", "K", "m", "o", "P", "Q", "r", "t", "T",
    "u", "U", "w", "x", "X", "y", "Y", "z", "abstract-unix-socket", "cacert", "capath", "cert",
    "ciphers", "config", "connect-timeout", "connect-to", "continue-at", "cookie", "cookie-jar",
    "data", "data-binary", "data-raw", "data-urlencode", "dns-servers", "dump-header",
    "expect100-timeout", "form", "header", "interface", "key", "limit-rate", "local-port",
    "max-filesize", "max-redirs", "max-time", "noproxy", "oauth2-bearer", "output", "output-dir",
    "pass", "preproxy", "proto", "proto-default", "proto-redir", "proxy", "proxy-header",
    "proxy-user", "range", "referer", "request", "resolve", "retry", "retry-delay",
    "retry-max-time", "socks5", "socks5-hostname", "speed-limit", "speed-time", "time-cond",
    "tls-max", "unix-socket", "upload-file", "url", "user", "user-agent", "write-out"};
inline constexpr std::string_view kWgetValues[] = {
    "O", "o", "a", "e", "t", "T", "w", "Q", "P", "U", "l", "A", "R", "D", "I", "X", "i", "B",
    "append-output", "base", "ca-certificate", "ca-directory", "certificate", "directory-prefix",
    "execute", "ftp-password", "ftp-user", "header", "http-password", "http-user", "input-file",
    "output-document", "output-file", "password", "private-key", "proxy-password", "proxy-user",
    "tries", "timeout", "user", "user-agent", "wait"};
inline constexpr std::string_view kPipValues[] = {
    "i", "r", "c", "e", "t", "f", "C", "abi", "cache-dir", "cert", "client-cert",
    "config-settings", "constraint", "editable", "exists-action", "extra-index-url",
    "find-links", "global-option", "implementation", "index-url", "keyring-provider", "log",
    "no-binary", "only-binary", "platform", "prefix", "progress-bar", "proxy", "python",
    "python-version", "report", "requirement", "retries", "root", "root-user-action", "src",
    "target", "timeout", "trusted-host", "upgrade-strategy"};
// clang-format on
inline constexpr std::string_view kYumValues[] = {
    "c",         "d",           "e",           "x",          "config",       "debuglevel",
    "destdir",   "disablerepo", "downloaddir", "enablerepo", "errorlevel",   "exclude",
    "forcearch", "installroot", "releasever",  "repo",       "repofrompath", "repoid",
    "setopt"};
inline constexpr std::string_view kAptValues[] = {
    "o", "c", "t", "a", "option", "config-file", "target-release", "host-architecture"};
inline constexpr std::string_view kNpmValues[] = {"w",        "cache",      "location", "prefix",
                                                  "registry", "userconfig", "workspace"};

/// An option as written: `--name` or `-n`.
std::string option_text(const shell::Option& o);
/// The source range of option `o` of `cmd`; for a letter of a cluster (`-fsSLk`), that letter.
TextRange option_range(const shell::Command& cmd, const shell::Option& o);

/// Resolves the program `cmd` runs. The result has name == npos for an empty command, a wrapper
/// without a command (`sudo -v`, `env`) or a word whose value is not literal.
Invocation invocation(const shell::Command& cmd);

/// The command name is literally `name`, or `name` followed by version digits: `pip3`, `pip3.12`
/// for `pip`; `python3.11` for `python`.
bool is_versioned(std::string_view program, std::string_view name);

/// The argv index just after `-m pip` when `inv` is `python -m pip ...`, after the program word
/// when it is `pip`/`pip3`/`pip3.12`; npos otherwise.
uint32_t pip_options_start(const Invocation& inv);

/// An environment variable a Dockerfile sets for later programs.
struct EnvSetting {
  enum class Via : uint8_t {
    env,         ///< an ENV pair
    arg,         ///< an ARG pair with a value (its default, or the global value it imports)
    run_prefix,  ///< `NAME=value cmd` in RUN
    run_export,  ///< `export NAME=value` (also `declare -x`, `typeset -x`) in RUN
    run_env,     ///< `env NAME=value cmd` in RUN
  };
  std::string_view name;
  std::string_view value;  ///< after quote removal (and, for ENV/ARG, variable expansion)
  bool literal = true;     ///< the value has no run-time expansion or substitution
  TextRange range;         ///< the assignment word, or the whole ENV/ARG pair
  Via via = Via::env;
};

/// Calls `fn` for each variable the RUN script sets in the environment of other programs: the
/// prefix assignments of a command, `export NAME=value` and `env NAME=value cmd`. A bare
/// `NAME=value` sets a shell variable only and is not reported.
void for_each_run_setting(const shell::Script& script,
                          const std::function<void(const EnvSetting&)>& fn);

/// Calls `fn` for each pair of an ENV or ARG instruction (`ref`) that gives a value: values come
/// from the model (expanded) for top-level instructions, and as written (when literal) inside
/// ONBUILD. ARGs before the first FROM are skipped: they only reach a stage through `ARG NAME`.
void for_each_declared_setting(const FileContext& file, const InstrRef& ref,
                               const std::function<void(const EnvSetting&)>& fn);

/// "ENV", "ARG" or "RUN" for a message.
std::string_view setting_source(EnvSetting::Via via);

/// The RUN has a `--mount=type=secret` (with `env=<env>` when `env` is not empty).
bool has_secret_mount(const FileContext& file, const InstrRef& ref, std::string_view env = {});

/// The stages whose file system ends up in the image the build produces: the target stage, then
/// the stages it is built FROM (directly or through other stages).
std::vector<uint32_t> target_chain(const model::Model& model);

/// Lower-cases ASCII letters.
std::string ascii_lower(std::string_view s);

/// `value` is a false boolean in the usual config spellings: `0`, `false`, `no`, `off` (any case).
bool is_false_word(std::string_view value);
/// `value` is a true boolean: `1`, `true`, `yes`, `on` (any case).
bool is_true_word(std::string_view value);

/// The source range of bytes [pos, pos + len) of `w.text` when the word is written plainly
/// (unquoted, on one line), else the whole word.
TextRange word_subrange(const shell::Word& w, size_t pos, size_t len);

}  // namespace dfopt::rules::security
