// Line diffs: Myers' O((N+M)D) algorithm, linear-space variant (divide and conquer on the
// "middle snake"), then unified-diff hunks or line edits.
#include "dfopt/diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>

namespace dfopt {
namespace {

/// A text cut into lines, each with its line ending; a last line without '\n' is a line too.
struct Lines {
  std::vector<std::string_view> text;
  std::vector<uint32_t> begin;  ///< byte offset of each line, plus one past the end

  explicit Lines(std::string_view s) {
    size_t at = 0;
    while (at < s.size()) {
      size_t eol = s.find('\n', at);
      eol = eol == std::string_view::npos ? s.size() : eol + 1;
      begin.push_back(static_cast<uint32_t>(at));
      text.push_back(s.substr(at, eol - at));
      at = eol;
    }
    begin.push_back(static_cast<uint32_t>(s.size()));
  }
  size_t size() const { return text.size(); }
};

/// Which lines of `a` are deleted and which of `b` inserted by a shortest edit script.
class Myers {
 public:
  Myers(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b)
      : a_(a), b_(b), removed_(a.size(), false), added_(b.size(), false) {
    const size_t max_d = (a.size() + b.size() + 1) / 2;
    forward_.resize(2 * max_d + 1);
    backward_.resize(2 * max_d + 1);
    // An explicit stack: the recursion is as deep as the number of splits.
    std::vector<Box> todo{{0, static_cast<int64_t>(a.size()), 0, static_cast<int64_t>(b.size())}};
    while (!todo.empty()) {
      Box box = todo.back();
      todo.pop_back();
      solve(box, todo);
    }
  }
  const std::vector<bool>& removed() const { return removed_; }
  const std::vector<bool>& added() const { return added_; }

 private:
  struct Box {
    int64_t a0, a1, b0, b1;
  };

  void solve(Box box, std::vector<Box>& todo) {
    auto& [a0, a1, b0, b1] = box;
    while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) ++a0, ++b0;
    while (a0 < a1 && b0 < b1 && a_[a1 - 1] == b_[b1 - 1]) --a1, --b1;
    if (a0 == a1) {
      for (int64_t j = b0; j < b1; ++j) added_[j] = true;
      return;
    }
    if (b0 == b1) {
      for (int64_t i = a0; i < a1; ++i) removed_[i] = true;
      return;
    }
    const std::optional<std::pair<int64_t, int64_t>> split = middle_snake(box);
    if (!split) {
      // Not reached for a box whose first and last lines differ; still a correct script.
      for (int64_t i = a0; i < a1; ++i) removed_[i] = true;
      for (int64_t j = b0; j < b1; ++j) added_[j] = true;
      return;
    }
    const auto [x, y] = *split;
    todo.push_back({x, a1, y, b1});
    todo.push_back({a0, x, b0, y});
  }

  /// A point (x, y) on a shortest path through `box` that splits it into two smaller boxes
  /// (Myers 1986, section 4b): a forward search from the top left and a backward one from the
  /// bottom right advance one edit at a time until their furthest points on a diagonal overlap.
  /// Diagonals that run off the grid are dropped from later steps.
  std::optional<std::pair<int64_t, int64_t>> middle_snake(const Box& box) {
    const int64_t n = box.a1 - box.a0, m = box.b1 - box.b0;
    const int64_t delta = n - m;
    // With an odd delta the forward search reaches the overlap first.
    const bool front = (delta & 1) != 0;
    const int64_t max_d = (n + m + 1) / 2;
    const int64_t offset = max_d, length = 2 * max_d;
    std::fill(forward_.begin(), forward_.begin() + length + 1, -1);
    std::fill(backward_.begin(), backward_.begin() + length + 1, -1);
    forward_[offset + 1] = 0;
    backward_[offset + 1] = 0;
    auto same_forward = [&](int64_t x, int64_t y) { return a_[box.a0 + x] == b_[box.b0 + y]; };
    auto same_backward = [&](int64_t x, int64_t y) {
      return a_[box.a1 - 1 - x] == b_[box.b1 - 1 - y];
    };
    int64_t k1start = 0, k1end = 0, k2start = 0, k2end = 0;
    for (int64_t d = 0; d < max_d; ++d) {
      for (int64_t k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        const int64_t i = offset + k1;
        int64_t x = (k1 == -d || (k1 != d && forward_[i - 1] < forward_[i + 1]))
                        ? forward_[i + 1]
                        : forward_[i - 1] + 1;
        int64_t y = x - k1;
        while (x < n && y < m && same_forward(x, y)) ++x, ++y;
        forward_[i] = x;
        if (x > n) {
          k1end += 2;  // off the right edge
        } else if (y > m) {
          k1start += 2;  // off the bottom edge
        } else if (front) {
          const int64_t j = offset + delta - k1;
          if (j >= 0 && j < length && backward_[j] != -1 && x >= n - backward_[j]) {
            return std::make_pair(box.a0 + x, box.b0 + y);
          }
        }
      }
      for (int64_t k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        const int64_t i = offset + k2;
        int64_t x = (k2 == -d || (k2 != d && backward_[i - 1] < backward_[i + 1]))
                        ? backward_[i + 1]
                        : backward_[i - 1] + 1;
        int64_t y = x - k2;
        while (x < n && y < m && same_backward(x, y)) ++x, ++y;
        backward_[i] = x;
        if (x > n) {
          k2end += 2;
        } else if (y > m) {
          k2start += 2;
        } else if (!front) {
          const int64_t j = offset + delta - k2;
          if (j >= 0 && j < length && forward_[j] != -1) {
            const int64_t fx = forward_[j];
            const int64_t fy = offset + fx - j;
            if (fx >= n - x) return std::make_pair(box.a0 + fx, box.b0 + fy);
          }
        }
      }
    }
    return std::nullopt;
  }

  const std::vector<uint32_t>& a_;
  const std::vector<uint32_t>& b_;
  std::vector<bool> removed_, added_;
  std::vector<int64_t> forward_, backward_;  // furthest x per diagonal k, at [max_d + k]
};

enum class Op : uint8_t { equal, remove, insert };

struct Step {
  Op op;
  uint32_t a;  ///< line in `before` (for insert: the line it goes before)
  uint32_t b;  ///< line in `after` (for remove: the line it goes before)
};

/// The edit script from `before` to `after`, line by line; removals come before insertions.
std::vector<Step> script(const Lines& before, const Lines& after) {
  // Lines as small integers: equal lines get equal ids.
  std::unordered_map<std::string_view, uint32_t> ids;
  auto intern = [&](const Lines& l) {
    std::vector<uint32_t> out;
    out.reserve(l.size());
    for (std::string_view s : l.text) out.push_back(ids.emplace(s, ids.size()).first->second);
    return out;
  };
  const std::vector<uint32_t> a = intern(before), b = intern(after);
  const Myers diff(a, b);
  std::vector<Step> steps;
  steps.reserve(a.size() + b.size());
  uint32_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && diff.removed()[i]) {
      steps.push_back({Op::remove, i, j});
      ++i;
    } else if (j < b.size() && diff.added()[j]) {
      steps.push_back({Op::insert, i, j});
      ++j;
    } else {
      steps.push_back({Op::equal, i, j});
      ++i, ++j;
    }
  }
  return steps;
}

std::string label(std::string_view prefix, std::string_view path) {
  while (path.substr(0, 2) == "./") path.remove_prefix(2);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return fmt::format("{}{}", prefix, path);
}

/// "start,count" of a hunk side; `count` 1 is left out and an empty side names the line before.
std::string range_text(uint32_t first, uint32_t count) {
  if (count == 1) return fmt::format("{}", first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view path,
                         const DiffOptions& options) {
  if (before == after) return {};
  const Lines a(before), b(after);
  const std::vector<Step> steps = script(a, b);
  const std::string_view bold = options.color ? "\x1b[1m" : "";
  const std::string_view cyan = options.color ? "\x1b[36m" : "";
  const std::string_view red = options.color ? "\x1b[31m" : "";
  const std::string_view green = options.color ? "\x1b[32m" : "";
  const std::string_view reset = options.color ? "\x1b[0m" : "";

  std::string out;
  out += fmt::format("{}--- {}{}\n", bold, label("a/", path), reset);
  out += fmt::format("{}+++ {}{}\n", bold, label("b/", path), reset);

  auto emit = [&](char sign, std::string_view line, std::string_view colour) {
    const bool newline = !line.empty() && line.back() == '\n';
    std::string_view body = line, ending;
    if (newline) {
      const size_t cut = line.size() >= 2 && line[line.size() - 2] == '\r' ? 2 : 1;
      body = line.substr(0, line.size() - cut);
      ending = line.substr(line.size() - cut);
    }
    out += colour;
    out.push_back(sign);
    out += body;
    if (!colour.empty()) out += reset;
    if (newline) {
      out += ending;
    } else {
      out += "\n\\ No newline at end of file\n";
    }
  };

  const size_t ctx = options.context;
  size_t s = 0;
  while (s < steps.size()) {
    // The next change, then a hunk from `ctx` lines before it to `ctx` lines after the last
    // change that is at most 2*ctx unchanged lines from the one before.
    while (s < steps.size() && steps[s].op == Op::equal) ++s;
    if (s == steps.size()) break;
    const size_t start = s >= ctx ? s - ctx : 0;
    size_t end = s;  // one past the last change
    size_t scan = s;
    while (scan < steps.size()) {
      if (steps[scan].op != Op::equal) {
        end = ++scan;
        continue;
      }
      size_t run = scan;
      while (run < steps.size() && steps[run].op == Op::equal) ++run;
      if (run == steps.size() || run - scan > 2 * ctx) break;
      scan = run;
    }
    const size_t stop = std::min(steps.size(), end + ctx);
    uint32_t old_count = 0, new_count = 0;
    for (size_t k = start; k < stop; ++k) {
      if (steps[k].op != Op::insert) ++old_count;
      if (steps[k].op != Op::remove) ++new_count;
    }
    out += fmt::format("{}@@ -{} +{} @@{}\n", cyan, range_text(steps[start].a, old_count),
                       range_text(steps[start].b, new_count), reset);
    for (size_t k = start; k < stop; ++k) {
      const Step& st = steps[k];
      switch (st.op) {
        case Op::equal:
          emit(' ', a.text[st.a], "");
          break;
        case Op::remove:
          emit('-', a.text[st.a], red);
          break;
        case Op::insert:
          emit('+', b.text[st.b], green);
          break;
      }
    }
    s = stop;
  }
  return out;
}

std::vector<Edit> line_edits(std::string_view before, std::string_view after) {
  std::vector<Edit> out;
  if (before == after) return out;
  const Lines a(before), b(after);
  const std::vector<Step> steps = script(a, b);
  for (size_t s = 0; s < steps.size();) {
    if (steps[s].op == Op::equal) {
      ++s;
      continue;
    }
    const uint32_t a0 = steps[s].a, b0 = steps[s].b;
    uint32_t a1 = a0, b1 = b0;
    for (; s < steps.size() && steps[s].op != Op::equal; ++s) {
      if (steps[s].op == Op::remove) a1 = steps[s].a + 1;
      if (steps[s].op == Op::insert) b1 = steps[s].b + 1;
    }
    const uint32_t from = a.begin[a0], to = a.begin[a1];
    out.push_back({{from, to}, std::string(after.substr(b.begin[b0], b.begin[b1] - b.begin[b0]))});
  }
  return out;
}

}  // namespace dfopt
