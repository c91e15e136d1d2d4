#pragma once
// npm command helpers of the stage rules that follow what a production-only install leaves out.

#include <string_view>

#include "dfopt/shell.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules::npm {

/// npm options that take a value as the next word (`--only production`).
inline constexpr std::string_view kValueOptions[] = {"only", "omit", "include", "prefix",
                                                     "registry", "cache", "userconfig"};
inline constexpr shell::OptionSpec kSpec{.with_value = kValueOptions};

/// `npm ci`, `npm install` and their aliases (`i`, `clean-install`, `ic`...): argv index of the
/// subcommand, or 0 when `cmd` is no install.
inline uint32_t install_word(const shell::Command& cmd) {
  if (!cmd.is("npm")) return 0;
  const shell::Options opts = shell::parse_options(cmd, kSpec);
  if (opts.operands.empty()) return 0;
  const uint32_t sub = opts.operands.front();
  const std::string_view s = cmd.argv[sub].text;
  return sh::one_of(s, {"ci", "install", "i", "in", "ins", "inst", "insta", "instal", "isnt",
                        "isnta", "isntal", "isntall", "add", "clean-install", "ic",
                        "install-clean", "isntall-clean"})
             ? sub
             : 0;
}

/// The option that restricts an install to production dependencies (`--only=production`,
/// `--only=prod`, `--production`, `--omit=dev`), or nullptr.
inline const shell::Option* production_option(const shell::Options& opts) {
  for (const shell::Option& o : opts.options) {
    if (!o.is_long) continue;
    if (o.name == "only" && (o.value == "prod" || o.value == "production")) return &o;
    if (o.name == "production" && (!o.has_value || o.value == "true")) return &o;
    if (o.name == "omit" && o.value == "dev") return &o;
  }
  return nullptr;
}

}  // namespace dfopt::rules::npm
