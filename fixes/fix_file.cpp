// fix_file: the fix loop (ruff's `lint_fix`) with the checks that make its result safe to write:
// every round must parse, and the end result must not carry a finding the original did not.
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "dfopt/fixes.h"
#include "fixes/internal.h"

namespace dfopt {
namespace {

/// Restarts after a new finding (each one withholds at least one more fix).
constexpr unsigned kMaxRestarts = 3;

/// One edit of a round: original-side [old_begin, old_end) became [new_begin, new_end).
struct Shift {
  uint32_t old_begin, old_end, new_begin, new_end;
};

/// Maps offsets in the text after some rounds back to the original text, through the edits of
/// each round in reverse. An offset inside replaced text maps into the replaced range.
class OffsetMap {
 public:
  void add_round(std::vector<Shift> shifts) { rounds_.push_back(std::move(shifts)); }

  uint32_t to_original(uint32_t offset) const {
    for (auto it = rounds_.rbegin(); it != rounds_.rend(); ++it) offset = back(*it, offset);
    return offset;
  }
  TextRange to_original(TextRange r) const {
    const uint32_t b = to_original(r.begin);
    return {b, std::max(b, to_original(r.end))};
  }

 private:
  static uint32_t back(const std::vector<Shift>& shifts, uint32_t offset) {
    auto it = std::upper_bound(shifts.begin(), shifts.end(), offset,
                               [](uint32_t o, const Shift& s) { return o < s.new_begin; });
    if (it == shifts.begin()) return offset;
    const Shift& s = *std::prev(it);
    if (offset < s.new_end) {
      return s.old_begin + std::min(offset - s.new_begin, s.old_end - s.old_begin);
    }
    return offset - s.new_end + s.old_end;
  }

  std::vector<std::vector<Shift>> rounds_;
};

/// Where a finding is, for comparing findings before and after fixing: 2i+1 for "inside the
/// original's instruction i", 2i for "between instruction i-1 and i" (comments, directives).
class InstructionKeys {
 public:
  explicit InstructionKeys(const ast::Dockerfile& ast) {
    ranges_.reserve(ast.instructions.size());
    for (const ast::Instruction& ins : ast.instructions) ranges_.push_back(ins.range);
  }
  explicit InstructionKeys(std::vector<TextRange> ranges) : ranges_(std::move(ranges)) {}
  uint32_t key(uint32_t offset) const {
    // Suppressions treat an instruction's end as inside it; so do we.
    auto it = std::lower_bound(ranges_.begin(), ranges_.end(), offset,
                               [](TextRange r, uint32_t o) { return r.end < o; });
    const auto i = static_cast<uint32_t>(it - ranges_.begin());
    return it != ranges_.end() && it->begin <= offset ? 2 * i + 1 : 2 * i;
  }

 private:
  std::vector<TextRange> ranges_;
};

using FindingKey = std::pair<std::string, uint32_t>;  // code, InstructionKeys::key

/// Places (InstructionKeys::key) that one applied fix edited together, as union-find classes: a
/// fix that moves text between instructions (merging two RUNs, moving a COPY after a RUN) moves
/// their findings with it, so findings are compared per class, not per place.
class KeyClasses {
 public:
  void join(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }
  uint32_t find(uint32_t k) const {
    for (auto it = parent_.find(k); it != parent_.end() && it->second != k;
         it = parent_.find(k)) {
      k = it->second;
    }
    return k;
  }

 private:
  std::map<uint32_t, uint32_t> parent_;
};

bool has_syntax_error(const FileReport& r) {
  return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                     [](const Diagnostic& d) { return d.code == kSyntaxErrorId; });
}

const Diagnostic* first_syntax_error(const FileReport& r) {
  for (const Diagnostic& d : r.diagnostics) {
    if (d.code == kSyntaxErrorId) return &d;
  }
  return nullptr;
}

/// A fix whose edits all replace text with itself changes nothing; applying it would only keep
/// other fixes out of the round.
bool is_identity(const Fix& fix, std::string_view text) {
  return std::all_of(fix.edits.begin(), fix.edits.end(), [&](const Edit& e) {
    return e.range.end <= text.size() &&
           text.substr(e.range.begin, e.range.size()) == e.replacement;
  });
}

std::string describe_code(std::string_view code) {
  if (const Rule* r = find_rule(code)) return fmt::format("{} ({})", r->info().id, r->info().name);
  return std::string(code);
}

/// The state of one attempt: the rounds applied so far on top of the original.
struct Attempt {
  FileReport report;  ///< the current text and its findings
  std::vector<AppliedFix> applied;
  std::vector<uint32_t> applied_keys;  ///< InstructionKeys::key of each applied fix's finding
  KeyClasses classes;  ///< places each applied fix edited together
  OffsetMap map;
  bool converged = true;
  unsigned passes = 0;
};

class Fixer {
 public:
  Fixer(const SourceFile& original, const FileReport& first, const LintFunction& lint,
        const InstructionKeys& keys, const FixOptions& options)
      : original_(original), first_(first), lint_(lint), keys_(keys), options_(options) {
  }

  /// Runs attempts until one introduces no finding, withholding the fixes that did.
  Attempt run(std::vector<WithheldFix>& withheld) {
    for (unsigned restart = 0;; ++restart) {
      Attempt a = attempt(withheld);
      std::vector<std::pair<const Diagnostic*, uint32_t>> fresh = new_findings(a);
      if (fresh.empty()) {
        demote_withheld(a);
        return a;
      }
      // Withhold the fixes applied to the instruction the new finding is on; when none was
      // (a fix elsewhere changed what this instruction means), withhold them all.
      std::set<size_t> culprits;
      for (const auto& [d, key] : fresh) {
        for (size_t i = 0; i < a.applied.size(); ++i) {
          if (a.classes.find(a.applied_keys[i]) == a.classes.find(key)) culprits.insert(i);
        }
      }
      const bool all = culprits.empty() || restart + 1 >= kMaxRestarts;
      if (all) {
        for (size_t i = 0; i < a.applied.size(); ++i) culprits.insert(i);
      }
      for (size_t i : culprits) {
        const AppliedFix& f = a.applied[i];
        if (!blocked_.insert({f.code, a.applied_keys[i]}).second) continue;
        // Name the new finding on this fix's instruction, else the first one.
        const Diagnostic* example = fresh.front().first;
        for (const auto& [d, key] : fresh) {
          if (a.classes.find(key) == a.classes.find(a.applied_keys[i])) {
            example = d;
            break;
          }
        }
        const uint32_t line = original_.position(a.map.to_original(example->range.begin)).line;
        withheld.push_back(
            {f.code, f.title, f.range,
             fmt::format("it would introduce {} on line {}", describe_code(example->code), line),
             false});
      }
      if (all) {
        // Nothing left to try: keep the original.
        Attempt none;
        none.report = first_;
        demote_withheld(none);
        return none;
      }
    }
  }

 private:
  Attempt attempt(std::vector<WithheldFix>& withheld) {
    Attempt a;
    a.report = first_;
    bool one_only = false;  // retry a round that did not parse one fix at a time
    unsigned failures = 0;
    for (;;) {
      const std::string_view text = a.report.source.text();
      std::vector<const Diagnostic*> candidates;
      std::vector<uint32_t> keys;
      for (const Diagnostic& d : a.report.diagnostics) {
        if (!d.fix || !is_applicable(*d.fix, options_.unsafe) || is_identity(*d.fix, text)) {
          continue;
        }
        const uint32_t key = keys_.key(a.map.to_original(d.range.begin));
        if (blocked_.contains({d.code, key})) continue;
        candidates.push_back(&d);
        keys.push_back(key);
      }
      std::vector<size_t> chosen =
          detail::select_fix_indexes(candidates, options_.unsafe, text.size());
      if (chosen.empty()) break;
      if (a.passes >= options_.max_passes || failures > options_.max_passes) {
        a.converged = false;
        break;
      }
      if (one_only) chosen.erase(chosen.begin() + 1, chosen.end());

      std::vector<const Edit*> edits;
      for (size_t i : chosen) {
        for (const Edit& e : candidates[i]->fix->edits) edits.push_back(&e);
      }
      std::sort(edits.begin(), edits.end(),
                [](const Edit* x, const Edit* y) { return x->range.begin < y->range.begin; });
      std::string next = detail::splice(text, edits);
      FileReport linted = lint_(SourceFile(a.report.source.path(), std::move(next)));
      if (has_syntax_error(linted)) {
        ++failures;
        if (chosen.size() > 1) {
          one_only = true;
          continue;
        }
        const Diagnostic& d = *candidates[chosen[0]];
        blocked_.insert({d.code, keys[chosen[0]]});
        const Diagnostic* err = first_syntax_error(linted);
        withheld.push_back({d.code, d.fix->title, a.map.to_original(d.range),
                            fmt::format("the result would not parse ({})", err->message), true});
        continue;
      }
      one_only = false;

      for (size_t i : chosen) {
        const Diagnostic& d = *candidates[i];
        a.applied.push_back(
            {d.code, d.fix->title, d.fix->applicability, a.map.to_original(d.range)});
        a.applied_keys.push_back(keys[i]);
        for (const Edit& e : d.fix->edits) {
          a.classes.join(keys[i], keys_.key(a.map.to_original(e.range.begin)));
          a.classes.join(keys[i], keys_.key(a.map.to_original(e.range.end)));
        }
      }
      std::vector<Shift> shifts;
      shifts.reserve(edits.size());
      int64_t delta = 0;
      for (const Edit* e : edits) {
        const auto nb = static_cast<uint32_t>(e->range.begin + delta);
        shifts.push_back(
            {e->range.begin, e->range.end, nb, nb + static_cast<uint32_t>(e->replacement.size())});
        delta += static_cast<int64_t>(e->replacement.size()) - e->range.size();
      }
      a.map.add_round(std::move(shifts));
      a.report = std::move(linted);
      ++a.passes;
    }
    return a;
  }

  /// A fix that was left out is no longer one `--fix` applies: it stays visible (the report
  /// shows its title) as display-only, so that "fixable with --fix" counts stay true.
  void demote_withheld(Attempt& a) const {
    if (blocked_.empty()) return;
    for (Diagnostic& d : a.report.diagnostics) {
      if (d.fix && blocked_.contains({d.code, keys_.key(a.map.to_original(d.range.begin))})) {
        d.fix->applicability = Applicability::display_only;
      }
    }
  }

  /// Findings of `a` beyond those of the original, by rule and instruction (counted, so that a
  /// second finding of a rule on one instruction is new too; instructions that one fix edited
  /// together count as one), with their instruction keys.
  std::vector<std::pair<const Diagnostic*, uint32_t>> new_findings(const Attempt& a) const {
    std::map<FindingKey, size_t> left;
    for (const Diagnostic& d : first_.diagnostics) {
      ++left[{d.code, a.classes.find(keys_.key(d.range.begin))}];
    }
    std::vector<std::pair<const Diagnostic*, uint32_t>> out;
    for (const Diagnostic& d : a.report.diagnostics) {
      const uint32_t key = keys_.key(a.map.to_original(d.range.begin));
      auto it = left.find({d.code, a.classes.find(key)});
      if (it != left.end() && it->second > 0) {
        --it->second;
      } else {
        out.emplace_back(&d, key);
      }
    }
    return out;
  }

  const SourceFile& original_;
  const FileReport& first_;
  const LintFunction& lint_;
  const InstructionKeys& keys_;
  const FixOptions& options_;
  std::set<FindingKey> blocked_;
};

bool selects(const Settings& settings, std::string_view id) {
  const Rule* r = find_rule(id);
  return r && settings.rules.contains(*r);
}

/// The add-ignore step on the final text of `result`.
void add_ignore_step(FixResult& result, const LintFunction& lint, const Settings& settings,
                     Parser& parser) {
  if (!settings.honour_pragmas) {
    result.skipped = FixSkip::pragmas_disabled;
    return;
  }
  // DF721 (inline-ignore-pragma) flags every inline pragma: adding them would trade each
  // finding for another.
  if (selects(settings, "DF721")) {
    result.skipped = FixSkip::pragmas_flagged;
    return;
  }
  const SourceFile& source = result.report.source;
  const ParseResult parsed = parser.parse(source);
  // DF727 mirrors BuildKit's InvalidDefinitionDescription, which reads the comment above a
  // FROM or ARG as its description: a pragma there must not become one. The rule can also be
  // turned on by the file itself (`# check=experimental=...`), hence the second try.
  bool keep_descriptions = selects(settings, "DF727");
  for (;;) {
    AddIgnoreResult added =
        add_ignores(source, parsed.ast, result.report.diagnostics, keep_descriptions);
    if (added.text == source.text()) {
      result.unsuppressible = added.unsuppressible.size();
      return;
    }
    FileReport linted = lint(SourceFile(source.path(), std::move(added.text)));
    if (has_syntax_error(linted)) {
      result.skipped = FixSkip::pragmas_break;
      return;
    }
    if (linted.diagnostics.size() > added.unsuppressible.size() && !keep_descriptions) {
      keep_descriptions = true;
      continue;
    }
    result.unsuppressible = added.unsuppressible.size();
    result.report = std::move(linted);
    result.ignores_added = added.added;
    result.ignores_merged = added.merged;
    return;
  }
}

}  // namespace

std::string_view to_string(FixSkip skip) {
  switch (skip) {
    case FixSkip::none:
      return "";
    case FixSkip::syntax_errors:
      return "the file has syntax errors";
    case FixSkip::pragmas_disabled:
      return "pragmas are not honoured (honour-pragmas is false), so no pragma was added";
    case FixSkip::pragmas_flagged:
      return "inline-ignore-pragma (DF721) is selected and would flag every pragma added";
    case FixSkip::pragmas_break:
      return "the file would not parse with the pragmas added; please report this bug";
  }
  return "";
}

namespace {

/// fix_file_with; `first_ranges`, when set by the time the first lint returns, holds the
/// original's instruction ranges (fix_file gets them from that lint, saving a parse).
FixResult fix(SourceFile source, const LintFunction& lint, const Settings& settings,
              Parser& parser, const FixOptions& options,
              std::optional<std::vector<TextRange>>* first_ranges) {
  FixResult result;
  result.original = std::string(source.text());
  try {
    FileReport first = lint(source);
    if (has_syntax_error(first)) {
      // Like ruff: a file that does not parse is not fixed (its tree may be partial, and the
      // result could not be checked against a clean parse).
      result.report = std::move(first);
      if (options.apply || options.add_ignore) result.skipped = FixSkip::syntax_errors;
      return result;
    }
    const bool any =
        options.apply &&
        std::any_of(first.diagnostics.begin(), first.diagnostics.end(), [&](const Diagnostic& d) {
          return d.fix && is_applicable(*d.fix, options.unsafe);
        });
    if (any) {
      const InstructionKeys keys = first_ranges && *first_ranges
                                       ? InstructionKeys(std::move(**first_ranges))
                                       : InstructionKeys(parser.parse(source).ast);
      Fixer fixer(source, first, lint, keys, options);
      Attempt a = fixer.run(result.withheld);
      result.report = std::move(a.report);
      result.applied = std::move(a.applied);
      result.converged = a.converged;
      result.passes = a.passes;
    } else {
      result.report = std::move(first);
    }
    if (options.add_ignore) add_ignore_step(result, lint, settings, parser);
  } catch (const std::exception& e) {
    // lint and parse do not throw; this is memory exhaustion or a bug here. Keep the original.
    result.report = FileReport{};
    result.report.path = source.path();
    result.report.source = std::move(source);
    result.report.diagnostics.push_back(
        {std::string(kInternalErrorCode),
         Severity::error,
         fmt::format("internal error while fixing the file: {}; please report this bug", e.what()),
         {0, 0},
         {}});
    result.applied.clear();
  }
  return result;
}

}  // namespace

FixResult fix_file_with(SourceFile source, const LintFunction& lint, const Settings& settings,
                        Parser& parser, const FixOptions& options) {
  return fix(std::move(source), lint, settings, parser, options, nullptr);
}

FixResult fix_file(SourceFile source, const Settings& settings, Parser& parser,
                   const FixOptions& options) {
  // The first lint also records the instruction ranges the findings are keyed by, so that the
  // original is parsed once.
  std::optional<std::vector<TextRange>> ranges;
  const FileInspector record = [&](const FileContext& context) {
    if (ranges) return;
    ranges.emplace();
    ranges->reserve(context.ast.instructions.size());
    for (const ast::Instruction& ins : context.ast.instructions) ranges->push_back(ins.range);
  };
  const LintFunction lint = [&](SourceFile s) {
    return ranges ? check_file(std::move(s), settings, parser)
                  : check_file(std::move(s), settings, parser, record);
  };
  return fix(std::move(source), lint, settings, parser, options, &ranges);
}

}  // namespace dfopt
