#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dfopt/engine.h"
#include "dfopt/expected.h"

/// Configuration files: dfopt's own `.dfopt.yaml` / `dfopt.yaml`, and hadolint's
/// `.hadolint.yaml` / `.hadolint.yml` when no dfopt config exists up the tree. See
/// docs/configuration.md for every key.
namespace dfopt {

/// The lowest severity that makes `dfopt check` exit with 1; `none` never does.
enum class FailLevel : uint8_t { error, warning, info, style, none };

std::optional<FailLevel> parse_fail_level(std::string_view text);
std::string_view to_string(FailLevel level);
/// Whether a finding of `severity` reaches `level`.
bool reaches(Severity severity, FailLevel level);

enum class ConfigFormat : uint8_t { dfopt, hadolint };

/// One configuration file, read and validated. Rule keys are already resolved: unknown ones
/// were dropped with a warning, so nothing here can fail later.
struct Config {
  std::string path;  ///< the file read; "" for the built-in defaults
  std::string dir;   ///< its directory, absolute: `per-file-ignores` globs are relative to it
  ConfigFormat format = ConfigFormat::dfopt;

  RuleSelection selection;  ///< select / extend-select / ignore (hadolint: ignored)
  std::vector<PerFileIgnore> per_file_ignores;
  std::vector<std::pair<const Rule*, Severity>> severity;  ///< severity / override.<level>
  std::optional<FailLevel> fail_level;                     ///< fail-level / failure-threshold
  std::optional<std::vector<std::string>> trusted_registries;
  std::optional<std::vector<std::pair<std::string, std::string>>> required_labels;
  std::optional<bool> strict_labels;
  OptionValues rule_options;  ///< "<rule-name>.<option>" -> value
  bool shellcheck = false;  ///< `shellcheck: true`: run ShellCheck (RuleSelection::shellcheck)
  /// Severity overrides of ShellCheck codes (0: every code), from `severity` / `override`.
  std::vector<std::pair<uint32_t, Severity>> shellcheck_severity;
  bool disable_ignore_pragma = false;  ///< hadolint's disable-ignore-pragma

  /// Unknown keys, unknown rule names, ignored values: reported, never fatal. Each names the
  /// file and, where known, the line and column.
  std::vector<Error> warnings;
};

/// Parses a configuration file's text. A YAML syntax error or a value of the wrong type for a
/// known key is an Error (kind config); everything else unexpected is a warning.
Expected<Config> parse_config(std::string_view text, const std::string& path, ConfigFormat format);

/// Reads and parses `path`; the format follows the file name (`.hadolint.y[a]ml` is hadolint's,
/// anything else dfopt's).
Expected<Config> load_config(const std::string& path);

/// The Settings a config gives once the command line's selection is layered on top (ruff: CLI
/// `--select` replaces the config's selection, `--extend-select` and `--ignore` add to it).
/// `cli` keys must have been validated with resolve_rule_key.
Settings make_settings(const Config& config, const RuleSelection& cli);

/// A config with its Settings, as a front end uses them per file.
struct ResolvedConfig {
  Config config;
  Settings settings;
};

/// Finds the configuration of each checked file by walking up from its directory: the nearest
/// `.dfopt.yaml` or `dfopt.yaml` wins; when there is none up to the root, the nearest
/// `.hadolint.yaml` or `.hadolint.yml`; else the built-in defaults. Results are cached per
/// directory and per config file, so a batch reads each config once. Not thread-safe: resolve
/// every file before starting workers.
class ConfigFinder {
 public:
  /// `cli` is layered over every config. With `explicit_config` (`--config FILE`), that file is
  /// used for every checked file and no walk happens.
  explicit ConfigFinder(RuleSelection cli, std::optional<std::string> explicit_config = {});

  /// The configuration governing `file` (a path to a Dockerfile, existing or not). An Error when
  /// the config file found cannot be read or parsed.
  Expected<std::shared_ptr<const ResolvedConfig>> find(const std::string& file);

  /// Tells the finder that every directory below `dir` was listed and that `config_files`
  /// (absolute paths) are all the config files there, so that no stat is needed below it. File
  /// discovery lists those directories anyway; a stat per directory and name is most of the
  /// lookup's cost on a large tree.
  void add_listing(const std::string& dir, std::vector<std::string> config_files);

  /// Every config loaded so far, in load order (for printing their warnings once).
  const std::vector<std::shared_ptr<const ResolvedConfig>>& loaded() const { return loaded_; }

 private:
  /// Config file path for an absolute directory ("" for none).
  const std::string& lookup(const std::string& dir, bool hadolint);
  Expected<std::shared_ptr<const ResolvedConfig>> get(const std::string& path);

  struct Listing {
    std::string root;
    std::set<std::string> files;
  };
  RuleSelection cli_;
  std::vector<Listing> listed_;
  std::optional<std::string> explicit_;
  std::map<std::string, std::string> dfopt_by_dir_, hadolint_by_dir_;
  std::map<std::string, std::shared_ptr<const ResolvedConfig>> by_path_;
  std::map<std::string, Error> errors_;
  std::vector<std::shared_ptr<const ResolvedConfig>> loaded_;
};

}  // namespace dfopt
