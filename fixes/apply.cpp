// One pass of fixes: choose non-overlapping fixes in start order and splice their edits into the
// original bytes (ruff's apply_fixes).
#include <algorithm>
#include <map>

#include "dfopt/fixes.h"
#include "fixes/internal.h"

namespace dfopt {
namespace {

uint32_t first_offset(const Fix& f) {
  uint32_t b = UINT32_MAX;
  for (const Edit& e : f.edits) b = std::min(b, e.range.begin);
  return b;
}

/// Whether the edits of `fix` are in bounds and pairwise disjoint (two insertions at one offset
/// count as overlapping: their order would be arbitrary).
bool well_formed(const Fix& fix, size_t text_size) {
  std::vector<TextRange> ranges;
  ranges.reserve(fix.edits.size());
  for (const Edit& e : fix.edits) {
    if (e.range.end < e.range.begin || e.range.end > text_size) return false;
    ranges.push_back(e.range);
  }
  std::sort(ranges.begin(), ranges.end(), [](TextRange a, TextRange b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  for (size_t i = 1; i < ranges.size(); ++i) {
    const TextRange a = ranges[i - 1], b = ranges[i];
    if (b.begin < a.end) return false;
    if (b.begin == a.begin && (a.empty() || b.empty())) return false;
  }
  return true;
}

/// The edit ranges taken so far, keyed by begin. Begins are unique: two ranges with the same
/// begin always conflict.
class TakenRanges {
 public:
  bool conflicts(TextRange r) const {
    auto next = taken_.lower_bound(r.begin);
    if (next != taken_.end()) {
      if (next->first == r.begin) return true;  // same start: overlap or ambiguous order
      if (!r.empty() && next->first < r.end) return true;
    }
    if (next != taken_.begin()) {
      const auto prev = std::prev(next);  // starts before r
      if (prev->second > r.begin) return true;
    }
    return false;
  }
  void insert(TextRange r) { taken_.emplace(r.begin, r.end); }

 private:
  std::map<uint32_t, uint32_t> taken_;
};

}  // namespace

bool is_applicable(const Fix& fix, bool unsafe) {
  if (fix.edits.empty()) return false;
  switch (fix.applicability) {
    case Applicability::safe:
      return true;
    case Applicability::unsafe:
      return unsafe;
    case Applicability::display_only:
      return false;
  }
  return false;
}

namespace detail {

std::vector<size_t> select_fix_indexes(std::span<const Diagnostic* const> diagnostics, bool unsafe,
                                       size_t text_size) {
  std::vector<size_t> order;
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = *diagnostics[i];
    if (d.fix && is_applicable(*d.fix, unsafe)) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return first_offset(*diagnostics[a]->fix) < first_offset(*diagnostics[b]->fix);
  });
  std::vector<size_t> chosen;
  TakenRanges taken;
  for (size_t i : order) {
    const Fix& f = *diagnostics[i]->fix;
    if (!well_formed(f, text_size)) continue;
    if (std::any_of(f.edits.begin(), f.edits.end(),
                    [&](const Edit& e) { return taken.conflicts(e.range); })) {
      continue;
    }
    for (const Edit& e : f.edits) taken.insert(e.range);
    chosen.push_back(i);
  }
  return chosen;
}

std::string splice(std::string_view text, std::vector<const Edit*> edits) {
  std::stable_sort(edits.begin(), edits.end(), [](const Edit* a, const Edit* b) {
    return a->range.begin != b->range.begin ? a->range.begin < b->range.begin
                                            : a->range.end < b->range.end;
  });
  size_t size = text.size();
  for (const Edit* e : edits) size = size - e->range.size() + e->replacement.size();
  std::string out;
  out.reserve(size);
  uint32_t at = 0;
  for (const Edit* e : edits) {
    out.append(text.substr(at, e->range.begin - at));
    out.append(e->replacement);
    at = e->range.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace detail

std::vector<size_t> select_fixes(std::span<const Diagnostic> diagnostics, bool unsafe,
                                 size_t text_size) {
  std::vector<const Diagnostic*> ptrs;
  ptrs.reserve(diagnostics.size());
  for (const Diagnostic& d : diagnostics) ptrs.push_back(&d);
  return detail::select_fix_indexes(ptrs, unsafe, text_size);
}

std::string apply_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics,
                        bool unsafe) {
  std::vector<const Edit*> edits;
  for (size_t i : select_fixes(diagnostics, unsafe, text.size())) {
    for (const Edit& e : diagnostics[i].fix->edits) edits.push_back(&e);
  }
  return detail::splice(text, std::move(edits));
}

size_t count_applicable_fixes(const std::vector<Diagnostic>& diagnostics, bool unsafe) {
  size_t max_end = 0;
  for (const Diagnostic& d : diagnostics) {
    if (!d.fix) continue;
    for (const Edit& e : d.fix->edits) max_end = std::max<size_t>(max_end, e.range.end);
  }
  return select_fixes(diagnostics, unsafe, max_end).size();
}

}  // namespace dfopt
