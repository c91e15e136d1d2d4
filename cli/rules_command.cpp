// `dfopt rules [--format text|json]` lists the rule catalog, `dfopt rules --format markdown
// --output-dir DIR` writes the rule reference pages; `dfopt explain RULE` prints a rule's
// documentation.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.h"
#include "dfopt/engine.h"
#include "dfopt/report.h"
#include "dfopt/rule.h"
#include "rules_docs.h"

namespace dfopt::cli {
namespace {

std::string_view fix_name(FixAvailability f) {
  switch (f) {
    case FixAvailability::none:
      return "none";
    case FixAvailability::sometimes:
      return "sometimes";
    case FixAvailability::always:
      return "always";
  }
  return "none";
}

void write_out(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

nlohmann::json rule_json(const RuleInfo& i) {
  nlohmann::json aliases = nlohmann::json::array();
  for (std::string_view a : i.aliases) aliases.push_back(std::string(a));
  nlohmann::json options = nlohmann::json::array();
  for (const RuleOption& o : i.options) {
    options.push_back({{"name", std::string(o.name)},
                       {"default", std::string(o.default_value)},
                       {"description", std::string(o.description)}});
  }
  return {{"id", std::string(i.id)},
          {"name", std::string(i.name)},
          {"category", std::string(to_string(i.category))},
          {"severity", std::string(to_string(i.severity))},
          {"aliases", std::move(aliases)},
          {"fixable", i.fix != FixAvailability::none},
          {"fix", std::string(fix_name(i.fix))},
          {"enabled_by_default", i.enabled_by_default},
          {"status", i.status == RuleStatus::preview ? "preview" : "stable"},
          {"summary", std::string(i.summary)},
          {"options", std::move(options)},
          {"url", rule_docs_url(i)}};
}

int run_rules_list(const std::string& format) {
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const Rule* r : all_rules()) out.push_back(rule_json(r->info()));
    write_out(out.dump(2) + "\n");
    return exit_ok;
  }
  // The fix column: [*] always, [~] sometimes. A '-' marks rules off by default.
  std::string out;
  for (const Rule* r : all_rules()) {
    const RuleInfo& i = r->info();
    out += fmt::format("{:<6} {:<36} {:<10} {:<8} {:<3} {}{}\n", i.id, i.name,
                       to_string(i.category), to_string(i.severity),
                       i.fix == FixAvailability::always      ? "[*]"
                       : i.fix == FixAvailability::sometimes ? "[~]"
                                                             : "",
                       i.enabled_by_default ? "" : "(off by default) ", i.summary);
  }
  write_out(out);
  return exit_ok;
}

int run_explain(const std::string& key, const std::string& format) {
  const Rule* rule = find_rule(key);
  if (!rule) {
    auto r = resolve_rule_key(key);  // for the "did you mean" message
    std::string message = r ? fmt::format("'{}' is a category, not a rule; see `dfopt rules`", key)
                            : r.error().message;
    std::fprintf(stderr, "dfopt: error: %s\n", message.c_str());
    return exit_error;
  }
  const RuleInfo& i = rule->info();
  if (format == "json") {
    nlohmann::json j = rule_json(i);
    j["docs"] = std::string(i.docs);
    write_out(j.dump(2) + "\n");
    return exit_ok;
  }
  std::string aliases;
  for (std::string_view a : i.aliases) aliases += (aliases.empty() ? "" : ", ") + std::string(a);
  std::string out = fmt::format("# {} ({})\n\n{}\n\n", i.name, i.id, i.summary);
  out += fmt::format("Category: {}. Default severity: {}. Fix: {}.{}{}\n", to_string(i.category),
                     to_string(i.severity), fix_name(i.fix),
                     i.enabled_by_default ? "" : " Off by default.",
                     i.status == RuleStatus::preview ? " Preview." : "");
  if (!aliases.empty()) out += fmt::format("Aliases: {}.\n", aliases);
  for (const RuleOption& o : i.options) {
    out += fmt::format("Option `{}` (default `{}`): {}\n", o.name, o.default_value, o.description);
  }
  out += "\n";
  out += i.docs;
  if (out.back() != '\n') out += "\n";
  write_out(out);
  return exit_ok;
}

}  // namespace

Command add_rules_command(CLI::App& parent) {
  auto format = std::make_shared<std::string>("text");
  auto output_dir = std::make_shared<std::string>();
  CLI::App* app = parent.add_subcommand("rules",
                                        "List every rule: ID, name, category, severity, "
                                        "fix availability and summary");
  app->add_option("--format", *format,
                  "text, json (an array of rule objects) or markdown (one page per rule and an "
                  "index, written to --output-dir)")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  app->add_option("--output-dir", *output_dir,
                  "with --format markdown: the directory to write the pages to (docs/rules)")
      ->type_name("DIR");
  return Command{
      app, [format, output_dir] {
        if (*format == "markdown") {
          if (output_dir->empty()) {
            std::fprintf(stderr, "dfopt: error: --format markdown needs --output-dir DIR\n");
            return static_cast<int>(exit_error);
          }
          return write_rule_docs(*output_dir);
        }
        if (!output_dir->empty()) {
          std::fprintf(stderr, "dfopt: error: --output-dir is only used with --format markdown\n");
          return static_cast<int>(exit_error);
        }
        return run_rules_list(*format);
      }};
}

Command add_explain_command(CLI::App& parent) {
  auto rule = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  CLI::App* app = parent.add_subcommand("explain", "Print a rule's documentation");
  app->add_option("rule", *rule, "Rule ID, name or alias")->required()->type_name("RULE");
  app->add_option("--format", *format, "text (Markdown) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  return Command{app, [rule, format] { return run_explain(*rule, *format); }};
}

}  // namespace dfopt::cli
