// Finding repositories and their Dockerfiles for `dfopt audit`.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <utility>
#include <yaml-cpp/yaml.h>

#include "cli/discovery.h"
#include "dfopt/audit.h"

namespace dfopt::audit {
namespace {

namespace fs = std::filesystem;

bool is_dir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_regular(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string join(const std::string& dir, std::string_view name) {
  if (dir.empty() || dir == ".") return std::string(name);
  std::string out = dir;
  if (out.back() != '/') out.push_back('/');
  out.append(name);
  return out;
}

std::string read_small(const std::string& path, size_t limit = 1u << 20) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (!in) return text;
  text.resize(limit);
  in.read(text.data(), static_cast<std::streamsize>(limit));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' ||
                        s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return std::string(s);
}

/// HEAD's commit of the git checkout at `root`, read from .git without running git: a detached
/// HEAD holds the hash, otherwise it names a ref found loose or in packed-refs.
std::string git_head(const std::string& root) {
  std::string git = join(root, ".git");
  if (!is_dir(git)) {
    // A worktree or submodule: `.git` is a file saying "gitdir: <path>".
    std::string text = trim(read_small(git, 4096));
    if (text.rfind("gitdir:", 0) != 0) return "";
    std::string dir = trim(std::string_view(text).substr(7));
    git = dir.front() == '/' ? dir : join(root, dir);
  }
  std::string head = trim(read_small(join(git, "HEAD"), 4096));
  if (head.rfind("ref:", 0) != 0) return head.size() == 40 || head.size() == 64 ? head : "";
  const std::string ref = trim(std::string_view(head).substr(4));
  std::string loose = trim(read_small(join(git, ref), 4096));
  if (!loose.empty()) return loose;
  std::istringstream packed(read_small(join(git, "packed-refs")));
  for (std::string line; std::getline(packed, line);) {
    const size_t sp = line.find(' ');
    if (sp != std::string::npos && trim(std::string_view(line).substr(sp + 1)) == ref)
      return line.substr(0, sp);
  }
  return "";
}

std::string base_name(const std::string& path) {
  fs::path p = fs::path(path).lexically_normal();
  std::string name = p.filename().string();
  if (name.empty()) name = p.parent_path().filename().string();
  if (name.empty() || name == ".") name = fs::absolute(p).lexically_normal().filename().string();
  if (name.empty()) name = fs::absolute(p).lexically_normal().parent_path().filename().string();
  return name.empty() ? "root" : name;
}

bool is_compose_name(std::string_view name) {
  static constexpr std::string_view names[] = {"docker-compose.yml", "docker-compose.yaml",
                                                "compose.yml", "compose.yaml"};
  if (std::find(std::begin(names), std::end(names), name) != std::end(names)) return true;
  // docker-compose.override.yml, docker-compose.prod.yaml...
  return name.rfind("docker-compose.", 0) == 0 &&
         (name.ends_with(".yml") || name.ends_with(".yaml"));
}

/// Folders of vendored dependencies: their Dockerfiles belong to other projects.
bool is_vendored_name(std::string_view name) {
  return name == "node_modules" || name == "bower_components" || name == "vendor";
}

struct Walker {
  const Repository& repo;
  std::vector<Fault>& faults;
  std::set<std::string> found;
  std::set<std::pair<dev_t, ino_t>> visiting;  // directories on the current path (loops)
  bool include_ignored = false;
  std::vector<cli::GitIgnore> gitignores;  // of the directories on the current path

  /// Whether the .gitignore files on the way to `rel` exclude it (the last match decides).
  bool ignored(std::string_view rel, bool is_dir) const {
    bool result = false;
    for (const cli::GitIgnore& g : gitignores) {
      const cli::GitIgnore::Match m = g.match(rel, is_dir);
      if (m != cli::GitIgnore::Match::none) result = m == cli::GitIgnore::Match::ignored;
    }
    return result;
  }

  void fault(FaultKind kind, const std::string& rel, std::string message) {
    faults.push_back({kind, repo.name, rel, std::move(message)});
  }

  void add_referenced(const std::string& rel_dir, const std::vector<std::string>& refs) {
    for (const std::string& ref : refs) {
      if (ref.empty() || ref.front() == '/' || ref.find("://") != std::string::npos) continue;
      std::string rel = fs::path(join(rel_dir, ref)).lexically_normal().generic_string();
      if (rel.rfind("..", 0) == 0) continue;  // outside the repository
      if (is_regular(join(repo.root, rel))) found.insert(rel);
    }
  }

  void walk(const std::string& rel) {
    const std::string abs = rel.empty() ? repo.root : join(repo.root, rel);
    struct stat st;
    if (::stat(abs.c_str(), &st) != 0) {
      fault(errno == ELOOP ? FaultKind::symlink_loop : FaultKind::permission, rel,
            std::strerror(errno));
      return;
    }
    const auto key = std::make_pair(st.st_dev, st.st_ino);
    if (!visiting.insert(key).second) {
      fault(FaultKind::symlink_loop, rel, "symbolic link leads back to a parent directory");
      return;
    }
    DIR* dir = ::opendir(abs.c_str());
    if (!dir) {
      fault(errno == EACCES || errno == EPERM ? FaultKind::permission : FaultKind::unreadable,
            rel, std::string("cannot open directory: ") + std::strerror(errno));
      visiting.erase(key);
      return;
    }
    bool pushed = false;
    if (!include_ignored) {
      std::string patterns = read_small(join(abs, ".gitignore"));
      if (!patterns.empty()) {
        gitignores.emplace_back(rel, patterns);
        pushed = true;
      }
    }
    std::vector<std::string> subdirs;
    while (const dirent* e = ::readdir(dir)) {
      const std::string_view name = e->d_name;
      // .git holds git's own data, never a working file.
      if (name == "." || name == ".." || name == ".git") continue;
      if (!include_ignored && is_vendored_name(name)) continue;
      const std::string child_rel = join(rel, name);
      const std::string child_abs = join(abs, name);
      struct stat cst;
      if (::stat(child_abs.c_str(), &cst) != 0) {
        if (errno == ELOOP) {
          fault(FaultKind::symlink_loop, child_rel, "too many levels of symbolic links");
        } else if (errno == EACCES) {
          fault(FaultKind::permission, child_rel, std::strerror(errno));
        }
        continue;  // a dangling link is nothing to check
      }
      if (S_ISDIR(cst.st_mode)) {
        if (include_ignored || !ignored(child_rel, true)) subdirs.push_back(child_rel);
      } else if (S_ISREG(cst.st_mode)) {
        if (cli::is_dockerfile_name(name) && (include_ignored || !ignored(child_rel, false)))
          found.insert(child_rel);
        if (is_compose_name(name)) {
          add_referenced(rel, compose_dockerfiles(read_small(child_abs)));
        } else if (name == "docker-bake.hcl" || name == "docker-bake.json" ||
                   name == "docker-bake.override.hcl" || name == "docker-bake.override.json") {
          add_referenced(rel, bake_dockerfiles(read_small(child_abs), name.ends_with(".json")));
        }
      }
    }
    ::closedir(dir);
    for (const std::string& sub : subdirs) walk(sub);
    if (pushed) gitignores.pop_back();
    visiting.erase(key);
  }
};

}  // namespace

std::string_view to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::unreadable: return "unreadable";
    case FaultKind::binary: return "binary";
    case FaultKind::too_large: return "too-large";
    case FaultKind::symlink_loop: return "symlink-loop";
    case FaultKind::permission: return "permission";
  }
  return "unreadable";
}

std::vector<Repository> find_repositories(const std::vector<std::string>& paths,
                                          std::vector<Error>& errors) {
  std::vector<Repository> repos;
  for (const std::string& path : paths) {
    if (!is_dir(path)) {
      errors.push_back({ErrorKind::io, "not a directory", path, std::nullopt});
      continue;
    }
    if (fs::exists(fs::path(path) / ".git")) {
      repos.push_back({base_name(path), path, git_head(path)});
      continue;
    }
    // A folder of checkouts. Files directly inside form a repository named after the folder.
    DIR* dir = ::opendir(path.c_str());
    if (!dir) {
      errors.push_back({ErrorKind::io, std::strerror(errno), path, std::nullopt});
      continue;
    }
    bool loose_files = false;
    std::vector<std::string> subs;
    while (const dirent* e = ::readdir(dir)) {
      const std::string_view name = e->d_name;
      if (name == "." || name == ".." || name == ".git" || name == "node_modules") continue;
      const std::string child = join(path, name);
      if (is_dir(child)) {
        subs.push_back(child);
      } else if (cli::is_dockerfile_name(name) || is_compose_name(name) ||
                 name.rfind("docker-bake.", 0) == 0) {
        loose_files = true;
      }
    }
    ::closedir(dir);
    std::sort(subs.begin(), subs.end());
    for (const std::string& sub : subs) repos.push_back({base_name(sub), sub, git_head(sub)});
    if (loose_files) {
      // Only the top-level files: the subfolders are repositories of their own.
      repos.push_back({base_name(path), path, "", false});
    }
  }
  std::stable_sort(repos.begin(), repos.end(),
                   [](const Repository& a, const Repository& b) { return a.name < b.name; });
  // Names identify repositories in every output, so they must be unique: later ones with the
  // same folder name get "~2", "~3"...
  std::map<std::string, size_t> seen;
  for (Repository& r : repos) {
    const size_t n = ++seen[r.name];
    if (n > 1) r.name += "~" + std::to_string(n);
  }
  return repos;
}

bool in_shard(std::string_view name, uint32_t index, uint32_t count) {
  if (count <= 1) return true;
  uint64_t h = 14695981039346656037ull;  // FNV-1a: stable across machines and releases
  for (unsigned char c : name) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h % count == index;
}

std::vector<std::string> find_dockerfiles(const Repository& repo, uint32_t,
                                          std::vector<Fault>& faults, bool include_ignored) {
  if (!repo.recursive) {
    // The loose files of a folder of checkouts: its subfolders are repositories of their own.
    const Repository& top = repo;
    Walker w{top, faults, {}, {}, include_ignored, {}};
    std::vector<std::string> out;
    DIR* dir = ::opendir(top.root.c_str());
    if (!dir) return out;
    while (const dirent* e = ::readdir(dir)) {
      const std::string name = e->d_name;
      if (cli::is_dockerfile_name(name) && is_regular(join(top.root, name))) w.found.insert(name);
      else if (is_compose_name(name)) {
        w.add_referenced("", compose_dockerfiles(read_small(join(top.root, name))));
      }
    }
    ::closedir(dir);
    for (const std::string& f : w.found)
      if (f.find('/') == std::string::npos) out.push_back(f);
    return out;
  }
  Walker w{repo, faults, {}, {}, include_ignored, {}};
  w.walk("");
  return {w.found.begin(), w.found.end()};
}

std::vector<std::string> compose_dockerfiles(std::string_view yaml_text) {
  std::vector<std::string> out;
  try {
    const YAML::Node doc = YAML::Load(std::string(yaml_text));
    const YAML::Node services = doc["services"];
    if (!services || !services.IsMap()) return out;
    for (const auto& kv : services) {
      const YAML::Node build = kv.second["build"];
      if (!build) continue;
      if (build.IsScalar()) {
        out.push_back(join(build.as<std::string>(), "Dockerfile"));
      } else if (build.IsMap()) {
        const std::string context = build["context"] ? build["context"].as<std::string>() : ".";
        if (build["dockerfile_inline"]) continue;
        const std::string file =
            build["dockerfile"] ? build["dockerfile"].as<std::string>() : "Dockerfile";
        out.push_back(file.front() == '/' ? file : join(context, file));
      }
    }
  } catch (const std::exception&) {
    // Not YAML, or not a compose file: it names no Dockerfile.
  }
  return out;
}

namespace {

/// The quoted string value of `key = "..."` in an HCL block body, or "".
std::string hcl_string(std::string_view body, std::string_view key) {
  size_t pos = 0;
  while ((pos = body.find(key, pos)) != std::string_view::npos) {
    const bool word_start = pos == 0 || !(std::isalnum(static_cast<unsigned char>(body[pos - 1])) ||
                                          body[pos - 1] == '_' || body[pos - 1] == '-');
    size_t i = pos + key.size();
    pos = i;
    if (!word_start) continue;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
    if (i >= body.size() || body[i] != '=') continue;
    ++i;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
    if (i >= body.size() || body[i] != '"') continue;
    const size_t end = body.find('"', i + 1);
    if (end == std::string_view::npos) return "";
    std::string value(body.substr(i + 1, end - i - 1));
    // Interpolations (`${VAR}`) name no file we can see.
    return value.find("${") == std::string::npos ? value : "";
  }
  return "";
}

}  // namespace

std::vector<std::string> bake_dockerfiles(std::string_view text, bool json) {
  std::vector<std::string> out;
  auto add = [&](std::string context, std::string file) {
    if (context.empty()) context = ".";
    if (file.empty()) file = "Dockerfile";
    out.push_back(file.front() == '/' ? file : join(context, file));
  };
  if (json) {
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_object() || !doc.contains("target") || !doc["target"].is_object()) return out;
    for (const auto& [name, t] : doc["target"].items()) {
      if (!t.is_object() || t.contains("dockerfile-inline")) continue;
      // An init-capture: clang before 16 cannot capture a structured binding itself.
      const auto str = [&t = t](const char* k) {
        return t.contains(k) && t[k].is_string() ? t[k].get<std::string>() : std::string();
      };
      add(str("context"), str("dockerfile"));
    }
    return out;
  }
  // HCL: each `target "name" { ... }` block (bodies are not nested in practice for these keys).
  size_t pos = 0;
  while ((pos = text.find("target", pos)) != std::string_view::npos) {
    const bool line_start = pos == 0 || text[pos - 1] == '\n' || text[pos - 1] == ' ' ||
                            text[pos - 1] == '\t';
    const size_t open = text.find('{', pos);
    pos += 6;
    if (!line_start || open == std::string_view::npos) continue;
    const std::string_view header = text.substr(pos, open - pos);
    if (header.find('\n') != std::string_view::npos || header.find('"') == std::string_view::npos)
      continue;
    int depth = 0;
    size_t close = open;
    for (; close < text.size(); ++close) {
      if (text[close] == '{') ++depth;
      if (text[close] == '}' && --depth == 0) break;
    }
    const std::string_view body = text.substr(open + 1, close - open - 1);
    if (body.find("dockerfile-inline") == std::string_view::npos)
      add(hcl_string(body, "context"), hcl_string(body, "dockerfile"));
    pos = close;
  }
  return out;
}

}  // namespace dfopt::audit
