#pragma once
// Helpers of the pip, npm, yarn, gem and go rules, which mirror hadolint's DL3013, DL3016,
// DL3028, DL3042, DL3060 and DL3062: which commands hadolint sees, and its reading of their
// arguments (on top of pkg::HadolintArgs).

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "dfopt/shell.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules::lang_pm {

/// Every command of `script` that hadolint sees, in order: the simple commands ShellCheck finds
/// in the RUN text or in the body of a `RUN <<EOF` heredoc, and the command of an exec-form RUN;
/// not the scripts of `sh -c "..."` strings or of heredocs fed to a shell (`bash <<EOF`), nor
/// anything nested in them, which ShellCheck reads as plain strings.
std::vector<const shell::Command*> visible_commands(const shell::Script& script);

/// argv indices of the arguments hadolint keeps after `dropFlagArg value_flags` and
/// `getArgsNoFlags`: the arguments that hold no flag, less the one right after each argument
/// holding a flag of `value_flags` unless that argument carries its value after `=`
/// (`--index-url=URL`). Unlike hadolint, `--` is left out too: it is never a package.
std::vector<uint32_t> args_without_flags(const pkg::HadolintArgs& args,
                                         std::span<const std::string_view> value_flags);

/// hadolint's `stripInstallPrefix`: drops the indices before the first whose text is `install`,
/// then every `install` that follows it directly.
std::span<const uint32_t> after_install(const pkg::HadolintArgs& args,
                                        std::span<const uint32_t> indices);

/// hadolint's `isPipInstall`: the command's name starts with `pip` but not `pipenv` and one of
/// its arguments is `install`, or its name starts with `python` and its arguments contain
/// `-m pip install`. Returns the argv index of that `install`, or shell::npos.
uint32_t pip_install_word(const shell::Command& cmd, const pkg::HadolintArgs& args);

/// hadolint's cache-mount exemption: the RUN (top-level or inside ONBUILD) has a
/// `--mount=type=cache` or `type=tmpfs` whose target contains `fragment`.
bool has_cache_mount(const FileContext& file, const InstrRef& ref, std::string_view fragment);

/// One of the values hadolint counts as setting PIP_NO_CACHE_DIR: 1, true, on or yes, in lower,
/// capitalised or upper case.
bool is_truthy(std::string_view value);
/// `text` starts with one of those values (`1`, `true ...`, `yes_please`).
bool starts_truthy(std::string_view text);

}  // namespace dfopt::rules::lang_pm
