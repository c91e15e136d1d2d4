#pragma once
// Helpers shared by the yum, dnf, microdnf and zypper rules. They read commands the way hadolint
// does (pkg::hadolint_commands, pkg::HadolintArgs): the command name is the literal first word,
// flags and operands are told apart by their leading dashes only, and the scripts of `sh -c`
// strings are not read.

#include <cstdint>
#include <optional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "dfopt/fix.h"
#include "dfopt/rule.h"
#include "dfopt/shell.h"

namespace dfopt::rules::rpm {

/// An edit that adds `option` (`-y`) as a new argument right after `word`, written as a
/// replacement of the word: `install -y` in a shell script, `"install", "-y"` in an exec-form
/// (JSON) command.
Edit insert_after(const SourceFile& source, const shell::Command& cmd, const shell::Word& word,
                  std::string_view option);

/// Where ` && <command>` can be appended to the RUN so that it runs after every other command:
/// the last word (or redirection) of the script's only top-level and-or list, when that list
/// joins plain commands and pipelines with `&&` and nothing but blanks follows it. nullopt for
/// anything less plain (`;`, `||`, `&`, compound commands, heredocs, exec form), where the right
/// place is not obvious.
std::optional<TextRange> append_point(const FileContext& file, const InstrRef& ref,
                                      const shell::Script& script);

/// The commands hadolint sees named one of `names`, in script order (pkg::hadolint_commands).
std::vector<const shell::Command*> commands_named(const shell::Script& script,
                                                  std::span<const std::string_view> names);

/// DL3030, DL3038: reports every command named one of `tools` with an argument `install`,
/// `groupinstall` or `localinstall` and no flag `y` or `assumeyes`, with a fix that adds `-y`
/// after that argument (unsafe for microdnf, whose older releases reject `-y`).
void check_assume_yes(const FileContext& file, const shell::Script& script,
                      std::span<const std::string_view> tools, Reporter& out);

/// What a cache-cleaning rule looks for (DL3032, DL3036, DL3040).
struct CleanSpec {
  std::string_view tool;                     ///< "yum"
  std::span<const std::string_view> uses;    ///< arguments that make a command a use: "install"
  std::span<const std::string_view> cleans;  ///< arguments that make it a clean: "clean", "all"
  std::string_view rm_path;        ///< `rm` with `-rf` or this argument also cleans; "" for none
  std::string_view clean_command;  ///< what the fix appends: "yum clean all"
};

/// Reports the first use of `spec.tool` in the RUN when no clean comes after it, with an unsafe
/// fix that appends `&& <clean_command>` where append_point allows.
void check_clean(const FileContext& file, const InstrRef& ref, const shell::Script& script,
                 const CleanSpec& spec, Reporter& out);

/// RPM version pinning as hadolint reads it (DL3033, DL3041), variables aside: split on `-`,
/// the parts after the first are all made of `[A-Za-z0-9.~^_:+]` and one starts with a digit
/// (`tomcat-9.0.1`, `openssl-1:1.1.1k`, `gcc-c++-1.1.1`); or, with a `-`, the name ends in
/// `.rpm`. A name without `-` is never pinned.
bool rpm_version_pinned(std::string_view package);

/// The variables that hadolint accepts as a pinned version in DL3033 and DL3041: names declared
/// by an ARG anywhere above, or by an ENV above in the current stage. Fed every FROM, ARG and
/// ENV in file order.
class DeclaredVars {
 public:
  void observe(const InstrRef& ref);
  /// `text` references (`$NAME`, `${NAME...}`) a declared variable.
  bool references_declared(std::string_view text) const;

 private:
  std::unordered_set<std::string> args_;
  std::unordered_set<std::string> envs_;
};

/// The message for an unpinned package `word`: with `variables` (a declared variable would pin
/// it) it names the variable that nothing declares; for a plain name it suggests
/// `<name><separator><version>`.
std::string unpinned_message(const shell::Word& word, char separator, bool variables);

/// DL3033, DL3041: in commands named one of `tools` with an `install` argument, reports every
/// operand (arguments without flags, `install` and `module` aside) that is not pinned: with a
/// `module` argument an operand needs `:` (a stream); otherwise, in commands with none of
/// `not_packages`, it needs rpm_version_pinned or a declared variable.
void check_rpm_pins(const shell::Script& script, std::span<const std::string_view> tools,
                    std::span<const std::string_view> not_packages, const DeclaredVars& vars,
                    Reporter& out);

/// Instruction kinds a pinning rule with DeclaredVars subscribes to.
inline constexpr uint32_t kPinKinds = kind_bit(ast::InstrKind::run) |
                                      kind_bit(ast::InstrKind::from) |
                                      kind_bit(ast::InstrKind::arg) | kind_bit(ast::InstrKind::env);

/// The rule behind DL3033 and DL3041: check_rpm_pins for `tools`, with the variables declared
/// so far. One instance per rule; the spans must outlive it (static tables).
class PinRule final : public Rule {
 public:
  PinRule(const RuleInfo& info, std::span<const std::string_view> tools,
          std::span<const std::string_view> not_packages)
      : info_(info), tools_(tools), not_packages_(not_packages) {}
  const RuleInfo& info() const override { return info_; }
  uint32_t subscriptions() const override { return kPinKinds; }
  bool wants_onbuild() const override { return true; }
  std::unique_ptr<RuleState> start(const FileContext&) const override;
  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override;

 private:
  const RuleInfo& info_;
  std::span<const std::string_view> tools_;
  std::span<const std::string_view> not_packages_;
};

}  // namespace dfopt::rules::rpm
