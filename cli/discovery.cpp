#include "discovery.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "dfopt/glob.h"

namespace dfopt::cli {
namespace {

bool is_separator(char c) { return c == '.' || c == '-' || c == '_'; }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string join(std::string_view dir, std::string_view name) {
  if (dir.empty() || dir == ".") return std::string(name);
  std::string out(dir);
  if (out.back() != '/') out.push_back('/');
  out.append(name);
  return out;
}

struct Entry {
  std::string name;
  bool is_dir;
};

/// The entries of the open directory `d` (not "." and ".."), sorted by name; symlinks count as
/// files when they point to one and are never descended into. Names are resolved relative to
/// the directory's descriptor, which spares the kernel a walk of the whole path per entry.
std::vector<Entry> list_dir(DIR* d) {
  std::vector<Entry> out;
  const int fd = ::dirfd(d);
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    bool is_dir = false;
    bool is_file = false;
    const unsigned char type = e->d_type;
    if (type == DT_UNKNOWN || type == DT_LNK) {
      struct stat st {};
      if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      if (S_ISLNK(st.st_mode)) {
        if (::fstatat(fd, e->d_name, &st, 0) != 0) continue;
        is_file = S_ISREG(st.st_mode);
      } else {
        is_dir = S_ISDIR(st.st_mode);
        is_file = S_ISREG(st.st_mode);
      }
    } else {
      is_dir = type == DT_DIR;
      is_file = type == DT_REG;
    }
    if (is_dir || is_file) out.push_back({std::string(name), is_dir});
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return out;
}

/// Reads `name` in the directory `dirfd` whole ("" when it cannot be read).
std::string read_at(int dirfd, const char* name) {
  std::string text;
  const int fd = ::openat(dirfd, name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buffer[1 << 14];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

/// Whether `rel` (relative to the walk root) is ignored by the stack of .gitignore files.
bool ignored(const std::vector<GitIgnore>& stack, std::string_view rel, bool is_dir) {
  bool result = false;
  for (const GitIgnore& g : stack) {
    switch (g.match(rel, is_dir)) {
      case GitIgnore::Match::ignored:
        result = true;
        break;
      case GitIgnore::Match::included:
        result = false;
        break;
      case GitIgnore::Match::none:
        break;
    }
  }
  return result;
}

bool is_config_name(std::string_view n) {
  return n == ".dfopt.yaml" || n == "dfopt.yaml" || n == ".hadolint.yaml" || n == ".hadolint.yml";
}

struct Walk {
  std::vector<std::string>& out;
  std::vector<Error>& errors;
  std::string abs_root;  ///< absolute path of the walk's root, for config files
  std::vector<std::string> config_files;
};

Error dir_error(const std::string& dir) {
  return Error{
      ErrorKind::io, "cannot read directory '" + dir + "': " + std::strerror(errno), dir, {}};
}

/// Walks the directory open as `fd` (taken over and closed), shown as `dir`.
void walk(int fd, const std::string& dir, const std::string& rel, std::vector<GitIgnore>& stack,
          Walk& w) {
  DIR* d = ::fdopendir(fd);
  if (!d) {
    w.errors.push_back(dir_error(dir));
    ::close(fd);
    return;
  }
  const std::vector<Entry> entries = list_dir(d);
  bool pushed = false;
  for (const Entry& e : entries) {
    if (e.is_dir) continue;
    if (is_config_name(e.name)) {
      w.config_files.push_back((w.abs_root == "/" ? std::string() : w.abs_root) +
                               (rel.empty() ? "" : "/" + rel) + "/" + e.name);
    } else if (e.name == ".gitignore" && !pushed) {
      stack.emplace_back(rel, read_at(::dirfd(d), ".gitignore"));
      pushed = true;
    }
  }
  for (const Entry& e : entries) {
    const std::string child_rel = rel.empty() ? e.name : rel + "/" + e.name;
    if (e.is_dir) {
      if (e.name == ".git" || e.name == "node_modules") continue;
      if (ignored(stack, child_rel, true)) continue;
      const int child =
          ::openat(::dirfd(d), e.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (child < 0) {
        w.errors.push_back(dir_error(join(dir, e.name)));
        continue;
      }
      walk(child, join(dir, e.name), child_rel, stack, w);
    } else if (is_dockerfile_name(e.name) && !ignored(stack, child_rel, false)) {
      w.out.push_back(join(dir, e.name));
    }
  }
  if (pushed) stack.pop_back();
  ::closedir(d);
}

}  // namespace

bool is_dockerfile_name(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view ext :
       {".template", ".tmpl", ".j2", ".erb", ".in", ".m4", ".dockerignore"}) {
    if (ends_with(lower, ext)) return false;
  }
  for (std::string_view word :
       {std::string_view("dockerfile"), std::string_view("containerfile")}) {
    for (size_t pos = lower.find(word); pos != std::string::npos; pos = lower.find(word, pos + 1)) {
      const size_t end = pos + word.size();
      const bool prefix_ok = pos == 0 || (pos >= 2 && is_separator(lower[pos - 1]));
      const bool suffix_ok =
          end == lower.size() || (end + 1 < lower.size() && is_separator(lower[end]));
      if (prefix_ok && suffix_ok) return true;
    }
  }
  return false;
}

GitIgnore::GitIgnore(std::string base, std::string_view text) : base_(std::move(base)) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string line(text.substr(pos, eol - pos));
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Trailing spaces are dropped unless escaped with a backslash.
    while (!line.empty() && line.back() == ' ' &&
           !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
      line.pop_back();
    }
    if (line.empty() || line[0] == '#') continue;
    Pattern p;
    if (line[0] == '!') {
      p.negate = true;
      line.erase(0, 1);
    } else if (line[0] == '\\' && line.size() > 1 && (line[1] == '!' || line[1] == '#')) {
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      p.dir_only = true;
      line.pop_back();
    }
    if (line.empty()) continue;
    p.anchored = line.find('/') != std::string::npos;
    if (line[0] == '/') line.erase(0, 1);
    p.glob = std::move(line);
    patterns_.push_back(std::move(p));
  }
}

GitIgnore::Match GitIgnore::match(std::string_view path, bool is_dir) const {
  // Only paths below this .gitignore's directory concern it.
  std::string_view rel = path;
  if (!base_.empty()) {
    if (path.size() <= base_.size() || path.substr(0, base_.size()) != base_ ||
        path[base_.size()] != '/') {
      return Match::none;
    }
    rel = path.substr(base_.size() + 1);
  }
  const size_t slash = rel.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? rel : rel.substr(slash + 1);
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    if (it->dir_only && !is_dir) continue;
    const bool hit = it->anchored ? glob_match(it->glob, rel) : glob_match(it->glob, name);
    if (hit) return it->negate ? Match::included : Match::ignored;
  }
  return Match::none;
}

std::vector<std::string> discover(const std::vector<std::string>& paths, std::vector<Error>& errors,
                                  std::vector<Listing>* listings) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& path : paths) {
    std::vector<std::string> found;
    struct stat st {};
    if (path == "-") {
      found.push_back(path);
    } else if (::stat(path.c_str(), &st) != 0) {
      errors.push_back(
          Error{ErrorKind::io, "cannot read '" + path + "': " + std::strerror(errno), path, {}});
    } else if (S_ISDIR(st.st_mode)) {
      std::vector<GitIgnore> stack;
      std::error_code ec;
      std::string abs = std::filesystem::absolute(path, ec).lexically_normal().string();
      while (abs.size() > 1 && abs.back() == '/') abs.pop_back();
      Walk w{found, errors, abs, {}};
      const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0) {
        errors.push_back(dir_error(path));
      } else {
        walk(fd, path, "", stack, w);
      }
      if (listings) listings->push_back({abs, std::move(w.config_files)});
    } else {
      found.push_back(path);  // named explicitly: checked whatever its name
    }
    for (std::string& f : found) {
      if (seen.insert(f).second) out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace dfopt::cli
