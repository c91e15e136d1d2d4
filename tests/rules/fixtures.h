#pragma once
// Annotated rule fixtures: tests/rules/<category>/<slug>[-suffix].Dockerfile. Shared by the
// fixture harness (tests/rules/fixture_test.cpp) and the registry test.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"

namespace dfopt::testing {

namespace fs = std::filesystem;

inline fs::path fixture_root() { return fs::path(DFOPT_SOURCE_DIR) / "tests" / "rules"; }

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct FixtureFile {
  fs::path path;
  std::string category;        ///< the folder
  std::string stem;            ///< file name without ".Dockerfile"
  const Rule* rule = nullptr;  ///< the rule its name starts with (longest match)
};

/// For GoogleTest's messages.
inline void PrintTo(const FixtureFile& f, std::ostream* os) { *os << f.path.string(); }

/// The rule a fixture is for: the longest rule name that is the whole stem or is followed by
/// '-' (`root-final-user-2`, `root-final-user-negative`, `root-final-user-onbuild`).
inline const Rule* rule_for_stem(std::string_view stem) {
  const Rule* best = nullptr;
  for (const Rule* r : all_rules()) {
    const std::string_view name = r->info().name;
    if (stem.size() < name.size() || stem.substr(0, name.size()) != name) continue;
    if (stem.size() > name.size() && stem[name.size()] != '-') continue;
    if (!best || name.size() > best->info().name.size()) best = r;
  }
  return best;
}

/// Every fixture, sorted by path.
inline std::vector<FixtureFile> list_fixture_files() {
  std::vector<FixtureFile> out;
  std::error_code ec;
  if (!fs::is_directory(fixture_root(), ec)) return out;
  for (const auto& cat : fs::directory_iterator(fixture_root())) {
    if (!cat.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(cat.path())) {
      const std::string name = entry.path().filename().string();
      constexpr std::string_view ext = ".Dockerfile";
      if (!entry.is_regular_file() || name.size() <= ext.size() ||
          name.compare(name.size() - ext.size(), ext.size(), ext) != 0) {
        continue;
      }
      FixtureFile f;
      f.path = entry.path();
      f.category = cat.path().filename().string();
      f.stem = name.substr(0, name.size() - ext.size());
      f.rule = rule_for_stem(f.stem);
      out.push_back(std::move(f));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const FixtureFile& a, const FixtureFile& b) { return a.path < b.path; });
  return out;
}

/// Rule keys of the `# expect: KEY...` lines of a fixture's text (KEY without @col or ~).
inline std::vector<std::string> expected_keys(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    constexpr std::string_view tag = "# expect:";
    if (line.substr(0, tag.size()) != tag) continue;
    line.remove_prefix(tag.size());
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    size_t end = 0;
    while (end < line.size() && line[end] != ' ' && line[end] != '@' && line[end] != '\r') ++end;
    out.emplace_back(line.substr(0, end));
  }
  return out;
}

}  // namespace dfopt::testing
