#pragma once

#include <vector>

#include "dfopt/ast.h"
#include "dfopt/diagnostic.h"
#include "dfopt/engine.h"
#include "dfopt/source.h"

namespace dfopt::detail {

/// What a file's pragmas and `# check=` directive ask of the engine.
struct Suppressions {
  RuleSet global;  ///< `# dfopt global ignore=`, `# hadolint global ignore=`, `# check=skip=`
  /// ShellCheck codes (0: every code) the global pragmas name.
  std::vector<uint32_t> global_shellcheck;
  struct Ranged {
    TextRange range;  ///< inclusive of `end`, so that an empty range at the end still matches
    RuleSet rules;
    std::vector<uint32_t> shellcheck;  ///< ShellCheck codes (0: every code)
  };
  std::vector<Ranged> ranged;  ///< `# dfopt ignore=` (next instruction), `stage ignore=`
  /// `# check=error=true`: findings of rules that mirror a BuildKit check become errors.
  bool buildkit_error = false;
  /// Rules mirroring experimental BuildKit checks that `# check=experimental=` turns on for the
  /// file, whatever the selection (BuildKit's `skip=` does not apply to them either).
  std::vector<const Rule*> experimental;
  /// Warnings about the pragmas themselves (unknown rules, malformed pragmas).
  std::vector<Diagnostic> warnings;

  bool suppressed(const Rule& rule, uint32_t offset) const;
  /// Appends the ShellCheck codes suppressed at `offset` to `out`.
  void shellcheck_ignored(uint32_t offset, std::vector<uint32_t>& out) const;
};

/// Reads the pragmas of one file. `# dfopt`/`# hadolint` pragmas are skipped (and produce no
/// warnings) when `settings.honour_pragmas` is false; `# check=` is always read.
Suppressions collect_suppressions(const SourceFile& source, const ast::Dockerfile& ast,
                                  const Settings& settings);

/// Whether `name` is one of BuildKit's build check names (`MaintainerDeprecated`...).
bool is_buildkit_check(std::string_view name);
/// Whether `rule` has a BuildKit check name among its aliases.
bool mirrors_buildkit_check(const Rule& rule);
/// Whether `rule` mirrors one of BuildKit's experimental checks (InvalidDefinitionDescription).
bool mirrors_experimental_buildkit_check(const Rule& rule);

}  // namespace dfopt::detail
