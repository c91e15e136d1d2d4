// Rule selection with ruff's semantics: a default set, then layers of select / extend-select /
// ignore, where more specific keys win over less specific ones inside a layer.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <cctype>
#include <string>

#include "dfopt/engine.h"

namespace dfopt {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

constexpr Category kCategories[] = {Category::layers,  Category::stages,    Category::security,
                                    Category::runtime, Category::base,      Category::packages,
                                    Category::style,   Category::variables, Category::syntax};

/// How specific a key is: ALL < category < rule (ruff's RuleSelector specificity).
int specificity(std::string_view key) {
  if (iequals(key, "ALL")) return 0;
  for (Category c : kCategories) {
    if (iequals(key, to_string(c))) return 1;
  }
  return 2;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  // Two rows of the table; rule keys are short, so they usually fit on the stack.
  constexpr size_t kInline = 64;
  std::array<size_t, kInline> prev_inline, cur_inline;
  std::vector<size_t> prev_heap, cur_heap;
  std::span<size_t> prev(prev_inline.data(), b.size() + 1), cur(cur_inline.data(), b.size() + 1);
  if (b.size() + 1 > kInline) {
    prev_heap.resize(b.size() + 1);
    cur_heap.resize(b.size() + 1);
    prev = prev_heap;
    cur = cur_heap;
  }
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// RuleSet

RuleSet::RuleSet() : bits_(all_rules().size(), false) {}

RuleSet RuleSet::all() {
  RuleSet s;
  s.bits_.assign(all_rules().size(), true);
  return s;
}

RuleSet RuleSet::defaults() {
  RuleSet s;
  for (const Rule* r : all_rules()) {
    if (r->info().enabled_by_default) s.insert(*r);
  }
  return s;
}

size_t rule_index(const Rule& rule) {
  const auto rules = all_rules();
  auto it = std::lower_bound(rules.begin(), rules.end(), rule.info().id,
                             [](const Rule* r, std::string_view id) { return r->info().id < id; });
  if (it != rules.end() && *it == &rule) return static_cast<size_t>(it - rules.begin());
  // Not sorted the way we assume (or duplicate IDs): fall back to a scan.
  return static_cast<size_t>(std::find(rules.begin(), rules.end(), &rule) - rules.begin());
}

bool RuleSet::contains(const Rule& rule) const { return bits_[rule_index(rule)]; }
void RuleSet::insert(const Rule& rule) { bits_[rule_index(rule)] = true; }
void RuleSet::erase(const Rule& rule) { bits_[rule_index(rule)] = false; }
size_t RuleSet::size() const {
  return static_cast<size_t>(std::count(bits_.begin(), bits_.end(), true));
}

std::vector<const Rule*> RuleSet::rules() const {
  std::vector<const Rule*> out;
  const auto rules = all_rules();
  for (size_t i = 0; i < rules.size(); ++i) {
    if (bits_[i]) out.push_back(rules[i]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Keys

std::string suggest_rule_key(std::string_view key) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, key.size() / 3) + 1;
  auto consider = [&](std::string_view candidate) {
    size_t d = 0;
    if (key.size() >= 4 && candidate.size() > key.size() &&
        iequals(key, candidate.substr(0, key.size()))) {
      d = 1;  // a truncated name ("maintainer-instr") is as good as a typo
    } else {
      // The distance is at least the difference in length: skip hopeless candidates.
      const size_t longer = std::max(key.size(), candidate.size());
      const size_t shorter = std::min(key.size(), candidate.size());
      if (longer - shorter >= best_distance) return;
      d = edit_distance(key, candidate);
    }
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  };
  for (const Rule* r : all_rules()) {
    consider(r->info().id);
    consider(r->info().name);
    for (std::string_view a : r->info().aliases) consider(a);
  }
  for (Category c : kCategories) consider(to_string(c));
  consider("ALL");
  consider("shellcheck");
  return best;
}

Expected<std::vector<const Rule*>> resolve_rule_key(std::string_view key) {
  if (auto found = find_rules(key)) return std::move(*found);
  std::string message = fmt::format("unknown rule or category '{}'", key);
  if (std::string hint = suggest_rule_key(key); !hint.empty()) {
    message += fmt::format("; did you mean '{}'?", hint);
  }
  return Error{ErrorKind::usage, std::move(message), {}, {}};
}

std::optional<std::vector<const Rule*>> find_rules(std::string_view key) {
  std::vector<const Rule*> out;
  if (iequals(key, "ALL")) {
    const auto rules = all_rules();
    return std::vector<const Rule*>(rules.begin(), rules.end());
  }
  for (Category c : kCategories) {
    if (iequals(key, to_string(c))) {
      for (const Rule* r : all_rules()) {
        if (r->info().category == c) out.push_back(r);
      }
      return out;
    }
  }
  if (const Rule* r = find_rule(key)) return std::vector<const Rule*>{r};
  // ShellCheck codes are no rules; select_shellcheck reads them from the same lists.
  if (parse_shellcheck_key(key)) return out;
  // Names are kebab-case; accept any case for them too, as users type `Maintainer-Instruction`.
  if (const Rule* r = find_rule(lower(key))) return std::vector<const Rule*>{r};
  return std::nullopt;
}

Expected<RuleSet> select_rules(std::span<const RuleSelection> layers,
                               std::vector<Error>* warnings) {
  RuleSet set = RuleSet::defaults();
  for (const RuleSelection& layer : layers) {
    if (layer.select) set = RuleSet();
    // Keys of this layer with their action, applied in order of specificity.
    struct Step {
      int spec;
      int order;  // select/extend-select before ignore at the same specificity
      const std::string* key;
    };
    std::vector<Step> steps;
    if (layer.select) {
      for (const std::string& k : *layer.select) steps.push_back({specificity(k), 0, &k});
    }
    for (const std::string& k : layer.extend_select) steps.push_back({specificity(k), 0, &k});
    for (const std::string& k : layer.ignore) steps.push_back({specificity(k), 1, &k});
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
      return a.spec != b.spec ? a.spec < b.spec : a.order < b.order;
    });
    for (const Step& step : steps) {
      Expected<std::vector<const Rule*>> rules = resolve_rule_key(*step.key);
      if (!rules) {
        if (!warnings) return rules.error();
        Error w = rules.error();
        w.kind = ErrorKind::config;
        warnings->push_back(std::move(w));
        continue;
      }
      for (const Rule* r : *rules) {
        if (step.order == 0) {
          set.insert(*r);
        } else {
          set.erase(*r);
        }
      }
    }
  }
  return set;
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (iequals(text, "error")) return Severity::error;
  if (iequals(text, "warning")) return Severity::warning;
  if (iequals(text, "info")) return Severity::info;
  if (iequals(text, "style")) return Severity::style;
  return std::nullopt;
}

}  // namespace dfopt
