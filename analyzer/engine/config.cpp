// Configuration files: dfopt's .dfopt.yaml and hadolint's .hadolint.yaml, read with yaml-cpp.
// Unknown keys and rule names become warnings with a location; only unreadable files, YAML
// syntax errors and values of the wrong type are errors.
#include "dfopt/config.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <system_error>

namespace dfopt {
namespace fs = std::filesystem;

std::optional<FailLevel> parse_fail_level(std::string_view text) {
  if (auto s = parse_severity(text)) return static_cast<FailLevel>(*s);
  if (text == "none" || text == "ignore") return FailLevel::none;
  return std::nullopt;
}

std::string_view to_string(FailLevel level) {
  switch (level) {
    case FailLevel::error:
      return "error";
    case FailLevel::warning:
      return "warning";
    case FailLevel::info:
      return "info";
    case FailLevel::style:
      return "style";
    case FailLevel::none:
      return "none";
  }
  return "none";
}

bool reaches(Severity severity, FailLevel level) {
  return level != FailLevel::none && static_cast<int>(severity) <= static_cast<int>(level);
}

namespace {

constexpr std::string_view kDfoptKeys[] = {
    "select",     "extend-select",      "ignore",          "per-file-ignores", "severity",
    "fail-level", "trusted-registries", "required-labels", "strict-labels",    "rule-options",
    "shellcheck"};
constexpr std::string_view kHadolintKeys[] = {"ignored",
                                              "override",
                                              "trustedRegistries",
                                              "label-schema",
                                              "strict-labels",
                                              "failure-threshold",
                                              "disable-ignore-pragma",
                                              "no-fail",
                                              "no-color",
                                              "format",
                                              "verbose",
                                              "output-file"};
constexpr std::string_view kLabelTypes[] = {"text",    "url",  "semver", "hash",
                                            "rfc3339", "spdx", "email"};

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

/// Reads one YAML document, collecting warnings; throws ConfigError for fatal problems.
struct ConfigError {
  Error error;
};

class Reader {
 public:
  Reader(Config& config) : c_(config) {}

  Position where(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    if (m.line < 0) return {};
    return {static_cast<uint32_t>(m.line + 1), static_cast<uint32_t>(m.column + 1)};
  }

  void warn(const YAML::Node& n, std::string message) {
    c_.warnings.push_back(Error{ErrorKind::config, std::move(message), c_.path, where(n)});
  }

  [[noreturn]] void fail(const YAML::Node& n, std::string message) {
    throw ConfigError{Error{ErrorKind::config, std::move(message), c_.path, where(n)}};
  }

  std::string scalar(const YAML::Node& n, std::string_view key) {
    if (!n.IsScalar()) fail(n, fmt::format("'{}' must be a string", key));
    return n.Scalar();
  }

  bool boolean(const YAML::Node& n, std::string_view key) {
    bool v = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) {
      fail(n, fmt::format("'{}' must be true or false", key));
    }
    return v;
  }

  /// A list of strings; a single string counts as a list of one.
  std::vector<std::pair<std::string, YAML::Node>> strings(const YAML::Node& n,
                                                          std::string_view key) {
    std::vector<std::pair<std::string, YAML::Node>> out;
    if (n.IsNull()) return out;
    if (n.IsScalar()) {
      out.emplace_back(n.Scalar(), n);
      return out;
    }
    if (!n.IsSequence()) fail(n, fmt::format("'{}' must be a list of strings", key));
    for (const YAML::Node& item : n) out.emplace_back(scalar(item, key), item);
    return out;
  }

  /// Resolves a rule key; unknown keys warn and give nullopt. ShellCheck keys (`SC2086`,
  /// `shellcheck`) are valid and name no rule.
  std::optional<std::vector<const Rule*>> rules(const std::string& key, const YAML::Node& n,
                                                std::string_view where_) {
    Expected<std::vector<const Rule*>> r = resolve_rule_key(key);
    if (!r && c_.format == ConfigFormat::hadolint && key.size() == 6 && key.starts_with("DL")) {
      warn(n, fmt::format("no dfopt rule mirrors hadolint's {} (in '{}'); ignored", key, where_));
      return std::nullopt;
    }
    if (!r) {
      warn(n, fmt::format("{} in '{}'; ignored", r.error().message, where_));
      return std::nullopt;
    }
    return std::move(*r);
  }

  /// A list of rule keys, keeping the valid ones as written (select_rules resolves them again).
  std::vector<std::string> rule_keys(const YAML::Node& n, std::string_view key) {
    std::vector<std::string> out;
    for (auto& [k, node] : strings(n, key)) {
      if (rules(k, node, key)) out.push_back(k);
    }
    return out;
  }

  Severity severity(const YAML::Node& n, std::string_view key) {
    const std::string s = scalar(n, key);
    if (auto v = parse_severity(s)) return *v;
    fail(n, fmt::format("invalid severity '{}' in '{}'; expected error, warning, info or style", s,
                        key));
  }

  FailLevel fail_level(const YAML::Node& n, std::string_view key) {
    const std::string s = scalar(n, key);
    if (auto v = parse_fail_level(s)) return *v;
    fail(n, fmt::format("invalid level '{}' in '{}'; expected error, warning, info, style or none",
                        s, key));
  }

  void labels(const YAML::Node& n, std::string_view key) {
    if (n.IsNull()) return;
    if (!n.IsMap()) fail(n, fmt::format("'{}' must map label names to types", key));
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& kv : n) {
      const std::string name = scalar(kv.first, key);
      const std::string type = scalar(kv.second, key);
      if (std::find(std::begin(kLabelTypes), std::end(kLabelTypes), type) ==
          std::end(kLabelTypes)) {
        warn(kv.second, fmt::format("unknown label type '{}' for label '{}'; expected text, url, "
                                    "semver, hash, rfc3339, spdx or email; 'text' is used",
                                    type, name));
        out.emplace_back(name, "text");
        continue;
      }
      out.emplace_back(name, type);
    }
    c_.required_labels = std::move(out);
  }

  void unknown_key(const YAML::Node& n, const std::string& key,
                   std::span<const std::string_view> known) {
    std::string best;
    size_t best_d = std::max<size_t>(2, key.size() / 3) + 1;
    for (std::string_view k : known) {
      if (size_t d = edit_distance(key, k); d < best_d) {
        best_d = d;
        best = std::string(k);
      }
    }
    std::string m = fmt::format("unknown {}config key '{}'",
                                c_.format == ConfigFormat::hadolint ? "hadolint " : "", key);
    if (!best.empty()) m += fmt::format("; did you mean '{}'?", best);
    warn(n, m + "; ignored");
  }

  void read_dfopt(const YAML::Node& root) {
    for (const auto& kv : root) {
      const std::string key = scalar(kv.first, "key");
      const YAML::Node& v = kv.second;
      if (key == "select") {
        c_.selection.select = rule_keys(v, key);
      } else if (key == "extend-select") {
        c_.selection.extend_select = rule_keys(v, key);
      } else if (key == "ignore") {
        c_.selection.ignore = rule_keys(v, key);
      } else if (key == "per-file-ignores") {
        if (v.IsNull()) continue;
        if (!v.IsMap()) fail(v, "'per-file-ignores' must map globs to lists of rules");
        for (const auto& entry : v) {
          PerFileIgnore pfi;
          pfi.pattern = scalar(entry.first, key);
          for (auto& [k, node] : strings(entry.second, key)) {
            if (auto code = parse_shellcheck_key(k)) {
              pfi.shellcheck.push_back(*code);
            } else if (auto r = rules(k, node, key)) {
              pfi.rules.insert(pfi.rules.end(), r->begin(), r->end());
            }
          }
          c_.per_file_ignores.push_back(std::move(pfi));
        }
      } else if (key == "severity") {
        if (v.IsNull()) continue;
        if (!v.IsMap()) fail(v, "'severity' must map rules to error, warning, info or style");
        for (const auto& entry : v) {
          const std::string k = scalar(entry.first, key);
          const Severity s = severity(entry.second, key);
          if (auto code = parse_shellcheck_key(k)) {
            c_.shellcheck_severity.emplace_back(*code, s);
          } else if (auto r = rules(k, entry.first, key)) {
            for (const Rule* rule : *r) c_.severity.emplace_back(rule, s);
          }
        }
      } else if (key == "fail-level") {
        c_.fail_level = fail_level(v, key);
      } else if (key == "trusted-registries") {
        std::vector<std::string> regs;
        for (auto& [s, node] : strings(v, key)) regs.push_back(s);
        c_.trusted_registries = std::move(regs);
      } else if (key == "required-labels") {
        labels(v, key);
      } else if (key == "strict-labels") {
        c_.strict_labels = boolean(v, key);
      } else if (key == "rule-options") {
        rule_options(v);
      } else if (key == "shellcheck") {
        c_.shellcheck = boolean(v, key);
      } else {
        unknown_key(kv.first, key, kDfoptKeys);
      }
    }
  }

  /// `rule-options`: `rule.option: value`, or nested `rule: {option: value}`.
  void rule_options(const YAML::Node& v) {
    if (v.IsNull()) return;
    if (!v.IsMap()) fail(v, "'rule-options' must map `rule-name.option` to values");
    auto add = [&](const std::string& rule_key, const std::string& option,
                   const YAML::Node& key_node, const YAML::Node& value) {
      const Rule* rule = find_rule(rule_key);
      if (!rule) {
        std::string m = fmt::format("unknown rule '{}' in 'rule-options'", rule_key);
        if (std::string hint = suggest_rule_key(rule_key); !hint.empty()) {
          m += fmt::format("; did you mean '{}'?", hint);
        }
        warn(key_node, m + "; ignored");
        return;
      }
      const auto& opts = rule->info().options;
      if (std::none_of(opts.begin(), opts.end(),
                       [&](const RuleOption& o) { return o.name == option; })) {
        std::string known;
        for (const RuleOption& o : opts) known += (known.empty() ? "" : ", ") + std::string(o.name);
        warn(key_node,
             fmt::format("rule '{}' has no option '{}'{}; ignored", rule->info().name, option,
                         known.empty() ? " (it has none)" : " (it has " + known + ")"));
        return;
      }
      std::string text;
      if (value.IsSequence()) {
        for (const YAML::Node& item : value) {
          text += (text.empty() ? "" : ",") + scalar(item, "rule-options");
        }
      } else {
        text = value.IsNull() ? "" : scalar(value, "rule-options");
      }
      c_.rule_options.values.emplace_back(std::string(rule->info().name) + "." + option, text);
    };
    for (const auto& entry : v) {
      const std::string key = scalar(entry.first, "rule-options");
      if (entry.second.IsMap()) {
        for (const auto& opt : entry.second) {
          add(key, scalar(opt.first, "rule-options"), opt.first, opt.second);
        }
        continue;
      }
      const size_t dot = key.find('.');
      if (dot == std::string::npos) {
        warn(entry.first,
             fmt::format("'rule-options' key '{}' must be `rule-name.option`; ignored", key));
        continue;
      }
      add(key.substr(0, dot), key.substr(dot + 1), entry.first, entry.second);
    }
  }

  void read_hadolint(const YAML::Node& root) {
    for (const auto& kv : root) {
      const std::string key = scalar(kv.first, "key");
      const YAML::Node& v = kv.second;
      if (key == "ignored") {
        std::vector<std::string> keys = rule_keys(v, key);
        c_.selection.ignore.insert(c_.selection.ignore.end(), keys.begin(), keys.end());
      } else if (key == "override") {
        if (v.IsNull()) continue;
        if (!v.IsMap()) fail(v, "'override' must map error, warning, info or style to rule lists");
        for (const auto& entry : v) {
          const Severity s = severity(entry.first, "override");
          for (auto& [k, node] : strings(entry.second, "override")) {
            if (auto code = parse_shellcheck_key(k)) {
              c_.shellcheck_severity.emplace_back(*code, s);
            } else if (auto r = rules(k, node, "override")) {
              for (const Rule* rule : *r) c_.severity.emplace_back(rule, s);
            }
          }
        }
      } else if (key == "trustedRegistries") {
        std::vector<std::string> regs;
        for (auto& [s, node] : strings(v, key)) regs.push_back(s);
        c_.trusted_registries = std::move(regs);
      } else if (key == "label-schema") {
        labels(v, key);
      } else if (key == "strict-labels") {
        c_.strict_labels = boolean(v, key);
      } else if (key == "failure-threshold") {
        c_.fail_level = fail_level(v, key);
      } else if (key == "disable-ignore-pragma") {
        c_.disable_ignore_pragma = boolean(v, key);
      } else if (key == "no-fail") {
        if (boolean(v, key)) c_.fail_level = FailLevel::none;
      } else if (key == "no-color" || key == "format" || key == "verbose" || key == "output-file") {
        // Output preferences of hadolint's CLI; dfopt takes them from its own command line.
      } else {
        unknown_key(kv.first, key, kHadolintKeys);
      }
    }
  }

 private:
  Config& c_;
};

/// The absolute, normalised directory of `path`. Cheap for the common case (an absolute or
/// simple relative path): fs::absolute and lexically_normal cost more than the rest of a lookup.
std::string absolute_dir(const std::string& path) {
  static const std::string cwd = [] {
    std::error_code ec;
    return fs::current_path(ec).string();
  }();
  std::string abs = !path.empty() && path[0] == '/' ? path : cwd + "/" + path;
  const bool simple = abs.find("//") == std::string::npos && abs.find("/./") == std::string::npos &&
                      abs.find("/../") == std::string::npos && !abs.ends_with("/.") &&
                      !abs.ends_with("/..") && !abs.ends_with("/");
  if (!simple) abs = fs::path(abs).lexically_normal().string();
  if (abs.size() > 1 && abs.back() == '/') abs.pop_back();
  const size_t slash = abs.rfind('/');
  if (slash == std::string::npos) return abs;
  return slash == 0 ? std::string("/") : abs.substr(0, slash);
}

bool is_hadolint_name(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  return name == ".hadolint.yaml" || name == ".hadolint.yml" || name == "hadolint.yaml" ||
         name == "hadolint.yml";
}

}  // namespace

Expected<Config> parse_config(std::string_view text, const std::string& path, ConfigFormat format) {
  Config config;
  config.path = path;
  config.dir = path.empty() ? std::string() : absolute_dir(path);
  config.format = format;
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    Reader reader(config);
    if (root.IsNull()) return config;  // an empty file is a valid, empty config
    if (!root.IsMap()) {
      return Error{ErrorKind::config, "a config file must be a mapping of keys to values", path,
                   reader.where(root)};
    }
    if (format == ConfigFormat::dfopt) {
      reader.read_dfopt(root);
    } else {
      reader.read_hadolint(root);
    }
  } catch (const ConfigError& e) {
    return e.error;
  } catch (const YAML::Exception& e) {
    std::optional<Position> at;
    if (e.mark.line >= 0) {
      at = Position{static_cast<uint32_t>(e.mark.line + 1),
                    static_cast<uint32_t>(e.mark.column + 1)};
    }
    return Error{ErrorKind::config, "invalid YAML: " + e.msg, path, at};
  } catch (const std::exception& e) {
    return Error{ErrorKind::config, std::string("cannot read config: ") + e.what(), path, {}};
  }
  return config;
}

Expected<Config> load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{
        ErrorKind::io,
        fmt::format("cannot read config '{}': {}", path, std::generic_category().message(errno)),
        path,
        {}};
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_config(text, path,
                      is_hadolint_name(path) ? ConfigFormat::hadolint : ConfigFormat::dfopt);
}

Settings make_settings(const Config& config, const RuleSelection& cli) {
  Settings s;
  RuleSelection config_layer = config.selection;
  config_layer.shellcheck = config.shellcheck;
  const RuleSelection layers[] = {std::move(config_layer), cli};
  std::vector<Error> unused;  // both layers were validated when read
  Expected<RuleSet> rules = select_rules(layers, &unused);
  if (rules) s.rules = std::move(*rules);
  s.severity = config.severity;
  s.per_file_ignores = config.per_file_ignores;
  s.root = config.dir;
  if (config.trusted_registries) s.shared.trusted_registries = *config.trusted_registries;
  if (config.required_labels) s.shared.required_labels = *config.required_labels;
  if (config.strict_labels) s.shared.strict_labels = *config.strict_labels;
  s.options = config.rule_options;
  s.honour_pragmas = !config.disable_ignore_pragma;
  s.shellcheck = select_shellcheck(layers);
  s.shellcheck_severity = config.shellcheck_severity;
  return s;
}

// ---------------------------------------------------------------------------------------------
// ConfigFinder

ConfigFinder::ConfigFinder(RuleSelection cli, std::optional<std::string> explicit_config)
    : cli_(std::move(cli)), explicit_(std::move(explicit_config)) {}

void ConfigFinder::add_listing(const std::string& dir, std::vector<std::string> config_files) {
  std::string root = absolute_dir(dir + "/x");
  listed_.push_back({std::move(root), {}});
  for (std::string& f : config_files) listed_.back().files.insert(std::move(f));
}

const std::string& ConfigFinder::lookup(const std::string& dir, bool hadolint) {
  auto& cache = hadolint ? hadolint_by_dir_ : dfopt_by_dir_;
  if (auto it = cache.find(dir); it != cache.end()) return it->second;
  static constexpr std::string_view kDfopt[] = {".dfopt.yaml", "dfopt.yaml"};
  static constexpr std::string_view kHadolint[] = {".hadolint.yaml", ".hadolint.yml"};
  // A directory the front end has listed needs no stat.
  const Listing* listing = nullptr;
  for (const Listing& l : listed_) {
    if (dir == l.root || (dir.size() > l.root.size() && dir.starts_with(l.root) &&
                          (l.root == "/" || dir[l.root.size()] == '/'))) {
      listing = &l;
      break;
    }
  }
  std::error_code ec;
  for (std::string_view name : hadolint ? std::span<const std::string_view>(kHadolint)
                                        : std::span<const std::string_view>(kDfopt)) {
    std::string candidate = dir == "/" ? "/" + std::string(name) : dir + "/" + std::string(name);
    const bool exists = listing ? listing->files.count(candidate) > 0
                                : fs::is_regular_file(fs::path(candidate), ec);
    if (exists) return cache[dir] = std::move(candidate);
  }
  std::string found;
  if (dir != "/" && !dir.empty()) {
    const size_t slash = dir.rfind('/');
    const std::string parent = slash == 0 ? std::string("/") : dir.substr(0, slash);
    if (slash != std::string::npos) found = lookup(parent, hadolint);
  }
  return cache[dir] = found;
}

Expected<std::shared_ptr<const ResolvedConfig>> ConfigFinder::get(const std::string& path) {
  if (auto it = by_path_.find(path); it != by_path_.end()) return it->second;
  if (auto it = errors_.find(path); it != errors_.end()) return it->second;
  Config config;
  if (!path.empty()) {
    Expected<Config> loaded = load_config(path);
    if (!loaded) {
      errors_.emplace(path, loaded.error());
      return loaded.error();
    }
    config = std::move(*loaded);
  }
  auto resolved = std::make_shared<ResolvedConfig>();
  resolved->settings = make_settings(config, cli_);
  resolved->config = std::move(config);
  by_path_.emplace(path, resolved);
  loaded_.push_back(resolved);
  return std::shared_ptr<const ResolvedConfig>(resolved);
}

Expected<std::shared_ptr<const ResolvedConfig>> ConfigFinder::find(const std::string& file) {
  if (explicit_) return get(*explicit_);
  const std::string dir = absolute_dir(file);
  std::string path = lookup(dir, false);
  if (path.empty()) path = lookup(dir, true);
  return get(path);
}

}  // namespace dfopt
