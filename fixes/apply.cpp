#include <algorithm>

#include "dfopt/fixes.h"

namespace dfopt {
namespace {

bool applicable(const Fix& fix, bool unsafe) {
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

/// The fixes to apply, in order, with overlapping ones dropped.
std::vector<const Fix*> plan(const std::vector<Diagnostic>& diagnostics, bool unsafe,
                             size_t text_size) {
  std::vector<const Fix*> fixes;
  for (const Diagnostic& d : diagnostics) {
    if (d.fix && applicable(*d.fix, unsafe)) fixes.push_back(&*d.fix);
  }
  auto first = [](const Fix* f) {
    uint32_t b = UINT32_MAX;
    for (const Edit& e : f->edits) b = std::min(b, e.range.begin);
    return b;
  };
  std::stable_sort(fixes.begin(), fixes.end(),
                   [&](const Fix* a, const Fix* b) { return first(a) < first(b); });
  std::vector<const Fix*> chosen;
  std::vector<TextRange> taken;  // applied edit ranges
  for (const Fix* f : fixes) {
    bool ok = true;
    for (const Edit& e : f->edits) {
      if (e.range.end < e.range.begin || e.range.end > text_size) ok = false;
      for (const TextRange& t : taken) {
        // Overlap, or two insertions at the same point (their order would be arbitrary).
        if (e.range.begin < t.end && t.begin < e.range.end) ok = false;
        if (e.range.begin == t.begin && (e.range.empty() || t.empty())) ok = false;
      }
    }
    // Edits within one fix must not overlap either.
    for (size_t i = 0; ok && i < f->edits.size(); ++i) {
      for (size_t j = i + 1; j < f->edits.size(); ++j) {
        const TextRange a = f->edits[i].range, b = f->edits[j].range;
        if (a.begin < b.end && b.begin < a.end) ok = false;
      }
    }
    if (!ok) continue;
    for (const Edit& e : f->edits) taken.push_back(e.range);
    chosen.push_back(f);
  }
  return chosen;
}

}  // namespace

std::string apply_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics,
                        bool unsafe) {
  std::vector<const Edit*> edits;
  for (const Fix* f : plan(diagnostics, unsafe, text.size())) {
    for (const Edit& e : f->edits) edits.push_back(&e);
  }
  std::stable_sort(edits.begin(), edits.end(), [](const Edit* a, const Edit* b) {
    return a->range.begin != b->range.begin ? a->range.begin < b->range.begin
                                            : a->range.end < b->range.end;
  });
  std::string out;
  out.reserve(text.size());
  uint32_t at = 0;
  for (const Edit* e : edits) {
    out.append(text.substr(at, e->range.begin - at));
    out.append(e->replacement);
    at = e->range.end;
  }
  out.append(text.substr(at));
  return out;
}

size_t count_applicable_fixes(const std::vector<Diagnostic>& diagnostics, bool unsafe) {
  size_t max_end = 0;
  for (const Diagnostic& d : diagnostics) {
    if (!d.fix) continue;
    for (const Edit& e : d.fix->edits) max_end = std::max<size_t>(max_end, e.range.end);
  }
  return plan(diagnostics, unsafe, max_end).size();
}

}  // namespace dfopt
