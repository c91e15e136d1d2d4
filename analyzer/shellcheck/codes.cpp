// ShellCheck codes as selection keys: `SC2086` names one code, `shellcheck` all of them. They
// follow the rules' layering (select / extend-select / ignore, more specific keys last), but
// nothing is selected by default: ShellCheck is an external program and runs only when asked.
// Turning it on (`--shellcheck`, `shellcheck: true`) is a switch, not a key of its layer, so that
// `--shellcheck` keeps the codes a config ignores (`ignored: [SC2086]` in .hadolint.yaml).
#include <algorithm>
#include <cctype>

#include "dfopt/engine.h"
#include "dfopt/shellcheck.h"

namespace dfopt {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<uint32_t> parse_shellcheck_key(std::string_view key) {
  if (iequals(key, "shellcheck")) return 0;
  // ShellCheck's codes have four digits (SC1000-SC3999 so far).
  if (key.size() != 6 || (key[0] != 'S' && key[0] != 's') || (key[1] != 'C' && key[1] != 'c')) {
    return std::nullopt;
  }
  uint32_t code = 0;
  for (char c : key.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    code = code * 10 + static_cast<uint32_t>(c - '0');
  }
  if (code == 0) return std::nullopt;
  return code;
}

ShellcheckCodes ShellcheckCodes::all() {
  ShellcheckCodes s;
  s.all_ = true;
  return s;
}

void ShellcheckCodes::insert(uint32_t code) {
  if (code == 0) {
    *this = all();
    return;
  }
  auto it = std::lower_bound(codes_.begin(), codes_.end(), code);
  const bool listed = it != codes_.end() && *it == code;
  if (all_ && listed) codes_.erase(it);  // no longer excluded
  if (!all_ && !listed) codes_.insert(it, code);
}

void ShellcheckCodes::erase(uint32_t code) {
  if (code == 0) {
    *this = ShellcheckCodes();
    return;
  }
  auto it = std::lower_bound(codes_.begin(), codes_.end(), code);
  const bool listed = it != codes_.end() && *it == code;
  if (all_ && !listed) codes_.insert(it, code);
  if (!all_ && listed) codes_.erase(it);
}

bool ShellcheckCodes::contains(uint32_t code) const {
  const bool listed = std::binary_search(codes_.begin(), codes_.end(), code);
  return all_ ? !listed : listed;
}

bool ShellcheckCodes::empty() const { return !all_ && codes_.empty(); }

ShellcheckCodes select_shellcheck(std::span<const RuleSelection> layers) {
  ShellcheckCodes set;
  if (std::any_of(layers.begin(), layers.end(),
                  [](const RuleSelection& l) { return l.shellcheck; })) {
    set = ShellcheckCodes::all();
  }
  for (const RuleSelection& layer : layers) {
    // A select that names only rules is about rules.
    if (layer.select && std::any_of(layer.select->begin(), layer.select->end(),
                                    [](const std::string& k) { return parse_shellcheck_key(k); })) {
      set = ShellcheckCodes();
    }
    // `shellcheck` (every code) before single codes, and at the same level ignore last, as
    // select_rules orders categories before rules.
    struct Step {
      bool single;
      bool ignore;
      uint32_t code;
    };
    std::vector<Step> steps;
    auto add = [&](const std::vector<std::string>& keys, bool ignore) {
      for (const std::string& k : keys) {
        if (auto code = parse_shellcheck_key(k)) steps.push_back({*code != 0, ignore, *code});
      }
    };
    if (layer.select) add(*layer.select, false);
    add(layer.extend_select, false);
    add(layer.ignore, true);
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
      return a.single != b.single ? b.single : (a.ignore != b.ignore && b.ignore);
    });
    for (const Step& step : steps) {
      if (step.ignore) {
        set.erase(step.code);
      } else {
        set.insert(step.code);
      }
    }
  }
  return set;
}

}  // namespace dfopt
