#include <algorithm>
#include <cctype>
#include <vector>

#include "dfopt/rule.h"

namespace dfopt {
namespace rules {
#define DFOPT_RULE(id, function, category) const Rule& function();
#include "rules/rules.def"
#undef DFOPT_RULE
}  // namespace rules

namespace {

const std::vector<const Rule*>& table() {
  // Built once, then immutable: safe to share between threads.
  static const std::vector<const Rule*> rules = [] {
    std::vector<const Rule*> v = {
#define DFOPT_RULE(id, function, category) &rules::function(),
#include "rules/rules.def"
#undef DFOPT_RULE
    };
    std::sort(v.begin(), v.end(),
              [](const Rule* a, const Rule* b) { return a->info().id < b->info().id; });
    return v;
  }();
  return rules;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::span<const Rule* const> all_rules() { return table(); }

const Rule* find_rule(std::string_view key) {
  for (const Rule* r : table()) {
    const RuleInfo& i = r->info();
    if (iequals(i.id, key) || i.name == key) return r;
    for (std::string_view a : i.aliases) {
      if (iequals(a, key)) return r;
    }
  }
  return nullptr;
}

std::string_view to_string(Category c) {
  switch (c) {
    case Category::layers: return "layers";
    case Category::stages: return "stages";
    case Category::security: return "security";
    case Category::runtime: return "runtime";
    case Category::base: return "base";
    case Category::packages: return "packages";
    case Category::style: return "style";
    case Category::variables: return "variables";
    case Category::syntax: return "syntax";
  }
  return "style";
}

std::optional<std::string_view> OptionValues::get(std::string_view rule,
                                                  std::string_view option) const {
  for (const auto& [key, value] : values) {
    if (key.size() == rule.size() + 1 + option.size() && key.compare(0, rule.size(), rule) == 0 &&
        key[rule.size()] == '.' && key.compare(rule.size() + 1, option.size(), option) == 0) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

const shell::Script& FileContext::script(uint32_t instr_index) const {
  if (!shell) {
    if (!own_shell_) own_shell_ = std::make_unique<shell::ShellModel>(ast, model, source);
    return own_shell_->script(instr_index);
  }
  return shell->script(instr_index);
}

std::string_view FileContext::option(const RuleInfo& rule, std::string_view name) const {
  if (auto v = options.get(rule.name, name)) return *v;
  for (const RuleOption& o : rule.options) {
    if (o.name == name) return o.default_value;
  }
  return {};
}

}  // namespace dfopt
