#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/diagnostic.h"
#include "dfopt/fix.h"
#include "dfopt/model.h"
#include "dfopt/shell.h"
#include "dfopt/source.h"

/// The rule framework. A rule is an immutable object (shared by every thread of a batch run)
/// with static metadata, and per-file state that the engine creates, passes to each call and
/// drops at the end of the file (hadolint's fold, as an explicit struct).
namespace dfopt {

/// Rule groups. IDs are grouped the same way: DF1xx layers, DF2xx stages, DF3xx security,
/// DF4xx runtime, DF5xx base images, DF6xx packages, DF7xx style, DF8xx variables, DF9xx syntax.
enum class Category : uint8_t {
  layers,     ///< layer and cache efficiency
  stages,     ///< multi-stage builds, COPY --from
  security,   ///< users, secrets, exposed services, trust
  runtime,    ///< CMD, ENTRYPOINT, HEALTHCHECK, EXPOSE, signals
  base,       ///< base images: tags, digests, platforms, registries
  packages,   ///< package managers inside RUN
  style,      ///< casing, deprecated or legacy forms, labels
  variables,  ///< ARG, ENV, WORKDIR and path resolution
  syntax,     ///< what BuildKit itself rejects
};

std::string_view to_string(Category c);

enum class RuleStatus : uint8_t { stable, preview };

enum class FixAvailability : uint8_t { none, sometimes, always };

/// A rule option with its default, as `--show-config` prints it (clang-tidy's storeOptions).
struct RuleOption {
  std::string_view name;
  std::string_view default_value;
  std::string_view description;
};

/// Everything static about a rule. IDs are stable and never reused.
struct RuleInfo {
  std::string_view id;    ///< "DF301"
  std::string_view name;  ///< kebab-case slug naming the flagged pattern: "root-final-user"
  Category category = Category::style;
  Severity severity = Severity::warning;
  bool enabled_by_default = true;
  RuleStatus status = RuleStatus::stable;
  FixAvailability fix = FixAvailability::none;
  /// Peer rule IDs with *identical* semantics (hadolint DLxxxx, BuildKit check names, Trivy
  /// DS-xxxx, Checkov CKV_DOCKER_x). An alias is a promise; related-but-different peer rules are
  /// named in the docs instead.
  std::span<const std::string_view> aliases;
  std::span<const RuleOption> options;
  std::string_view summary;  ///< one line, no trailing period
  /// Markdown with the sections `## What it does`, `## Why is this bad?`, `## Example`,
  /// `## Use instead`, `## Fix safety` (when it fixes) and `## References`.
  std::string_view docs;
};

/// Settings shared by several rules, from the config file or the command line.
struct SharedSettings {
  std::vector<std::string> trusted_registries;  ///< empty: every registry is trusted
  /// label name -> type (text, url, semver, hash, rfc3339, spdx, email)
  std::vector<std::pair<std::string, std::string>> required_labels;
  bool strict_labels = false;
};

/// Configured rule options: "<rule-name>.<option>" -> value.
struct OptionValues {
  std::vector<std::pair<std::string, std::string>> values;
  std::optional<std::string_view> get(std::string_view rule, std::string_view option) const;
};

/// Per-file facts every rule can read. One parse and one model per file, shared by all rules.
struct FileContext {
  const SourceFile& source;
  const ast::Dockerfile& ast;
  const model::Model& model;
  /// A rule option's value: the configured one, else the declared default.
  std::string_view option(const RuleInfo& rule, std::string_view name) const;
  /// Configured values the rules share (trusted registries, required labels...).
  const SharedSettings& settings;
  const OptionValues& options;
  /// The file's shell model (check_file passes one built on the worker's ShellParser); when
  /// null, script() builds its own on first use.
  shell::ShellModel* shell = nullptr;

  /// The parsed commands of instruction `instr_index` (for ONBUILD, of the instruction it
  /// wraps), parsed on first request and shared by every rule.
  const shell::Script& script(uint32_t instr_index) const;

  mutable std::unique_ptr<shell::ShellModel> own_shell_ = nullptr;  ///< see `shell`
};

/// The instruction a rule is offered: top-level, or the inner instruction of an ONBUILD (offered
/// once, by the engine, for rules that ask for it).
struct InstrRef {
  const ast::Instruction& instr;
  uint32_t index;        ///< index of the top-level instruction in the AST (the ONBUILD itself)
  uint32_t stage;        ///< model::npos before the first FROM
  bool in_onbuild;       ///< `instr` is ONBUILD's inner instruction
};

/// Collects a rule's findings; the engine fills in the rule ID, name and severity.
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void report(TextRange range, std::string message, std::optional<Fix> fix = {}) = 0;
};

/// Base of per-file rule state.
struct RuleState {
  virtual ~RuleState() = default;
};

/// Bit for an instruction kind in Rule::subscriptions().
constexpr uint32_t kind_bit(ast::InstrKind k) { return 1u << static_cast<uint32_t>(k); }
inline constexpr uint32_t kAllKinds = (1u << (static_cast<uint32_t>(ast::InstrKind::unknown) + 1)) - 1;

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  /// Instruction kinds `check` is called for (kind_bit masks); 0 for rules with `finish` only.
  virtual uint32_t subscriptions() const { return 0; }
  /// Whether `check` also sees the instruction inside each ONBUILD (hadolint's "+ONBUILD").
  virtual bool wants_onbuild() const { return false; }
  /// Creates the per-file state; nullptr for stateless rules.
  virtual std::unique_ptr<RuleState> start(const FileContext&) const { return nullptr; }
  virtual void check(const FileContext&, const InstrRef&, RuleState*, Reporter&) const {}
  virtual void finish(const FileContext&, RuleState*, Reporter&) const {}
};

/// Every rule, sorted by ID (rules/rules.def).
std::span<const Rule* const> all_rules();
/// Lookup by ID, name or alias (case-insensitive for IDs and aliases); nullptr if unknown.
const Rule* find_rule(std::string_view key);

}  // namespace dfopt
