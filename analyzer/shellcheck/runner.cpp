// Running the ShellCheck program: batches of script files in a private temporary directory,
// several processes at a time, json1 output read back per file.
//
// One process per batch, not per script: ShellCheck (a Haskell program) takes a few
// milliseconds to start, about three times what it needs to check a typical RUN.
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include "dfopt/shellcheck.h"

extern char** environ;

namespace dfopt::shellcheck {
namespace {

// Enough scripts per process that starting it is cheap next to checking them, few enough that
// the processes of a run finish at about the same time.
constexpr size_t kMaxBatch = 200;

std::string errno_text(int e) { return std::strerror(e); }

/// A child process whose standard output and error are read through pipes.
struct Child {
  pid_t pid = -1;
  int out = -1;
  int err = -1;
  std::string out_text;
  std::string err_text;
};

/// Starts `argv[0]` (an absolute path) with standard input from /dev/null.
Expected<Child> spawn(const std::vector<std::string>& argv) {
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    return Error{ErrorKind::io, "cannot create a pipe: " + errno_text(errno), {}, {}};
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    const int e = errno;
    ::close(out[0]);
    ::close(out[1]);
    return Error{ErrorKind::io, "cannot create a pipe: " + errno_text(e), {}, {}};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  Child c;
  const int rc = ::posix_spawn(&c.pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  ::close(err[1]);
  if (rc != 0) {
    ::close(out[0]);
    ::close(err[0]);
    return Error{
        ErrorKind::io, fmt::format("cannot run '{}': {}", argv[0], errno_text(rc)), {}, {}};
  }
  c.out = out[0];
  c.err = err[0];
  return c;
}

/// Reads what is available on `fd` into `into`; closes it and sets it to -1 at end of file.
void drain(int& fd, std::string& into) {
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) {
      into.append(buf, static_cast<size_t>(n));
      return;
    }
    ::close(fd);
    fd = -1;
    return;
  }
}

/// Waits for `c` to exit; a message when it did not exit with 0 or 1 (ShellCheck: 1 means it
/// has comments), "" otherwise.
std::string reap(Child& c, std::string_view what) {
  int status = 0;
  while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
  }
  c.pid = -1;
  if (WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1)) return {};
  std::string detail;
  if (WIFSIGNALED(status)) {
    detail = fmt::format("was killed by signal {}", WTERMSIG(status));
  } else {
    detail = fmt::format("exited with status {}", WEXITSTATUS(status));
  }
  std::string err = c.err_text;
  while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
  if (const size_t nl = err.find('\n'); nl != std::string::npos) err.resize(nl);
  return fmt::format("{} {}{}", what, detail, err.empty() ? "" : ": " + err);
}

/// Runs `argv` to completion, returning its standard output.
Expected<std::string> run_once(const std::vector<std::string>& argv) {
  Expected<Child> child = spawn(argv);
  if (!child) return child.error();
  Child& c = *child;
  while (c.out >= 0 || c.err >= 0) {
    pollfd fds[2];
    nfds_t n = 0;
    if (c.out >= 0) fds[n++] = {c.out, POLLIN, 0};
    if (c.err >= 0) fds[n++] = {c.err, POLLIN, 0};
    if (::poll(fds, n, -1) < 0 && errno != EINTR) break;
    for (nfds_t k = 0; k < n; ++k) {
      if (fds[k].revents == 0) continue;
      if (fds[k].fd == c.out)
        drain(c.out, c.out_text);
      else
        drain(c.err, c.err_text);
    }
  }
  if (c.out >= 0) ::close(c.out);
  if (c.err >= 0) ::close(c.err);
  if (std::string failure = reap(c, "'" + argv[0] + "'"); !failure.empty()) {
    return Error{ErrorKind::io, failure, {}, {}};
  }
  return std::move(c.out_text);
}

bool executable_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

Severity parse_level(std::string_view level) {
  if (level == "error") return Severity::error;
  if (level == "warning") return Severity::warning;
  if (level == "info") return Severity::info;
  return Severity::style;
}

uint32_t get_u32(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return 0;
  const auto v = it->get<int64_t>();
  return v < 0 ? 0 : static_cast<uint32_t>(std::min<int64_t>(v, UINT32_MAX));
}

/// A private temporary directory, removed (with the files left in it) on destruction.
class TempDir {
 public:
  static Expected<TempDir> create() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        (base && *base ? std::string(base) : std::string("/tmp")) + "/dfopt-shellcheck-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr) {
      return Error{ErrorKind::io,
                   fmt::format("cannot create a temporary directory in '{}': {}",
                               pattern.substr(0, pattern.rfind('/')), errno_text(errno)),
                   {},
                   {}};
    }
    TempDir d;
    d.path_ = buf.data();
    return d;
  }
  TempDir() = default;
  TempDir(TempDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir() {
    if (path_.empty()) return;
    if (DIR* d = ::opendir(path_.c_str())) {
      while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name != "." && name != "..") ::unlink((path_ + "/" + name).c_str());
      }
      ::closedir(d);
    }
    ::rmdir(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool write_file(const std::string& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = true;
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return ::close(fd) == 0 && ok;
}

}  // namespace

Expected<std::string> find_program(std::string_view program) {
  std::string path;
  if (program.find('/') != std::string_view::npos) {
    path = std::string(program);
    if (!executable_file(path)) {
      return Error{ErrorKind::io, fmt::format("'{}' is not an executable file", program), {}, {}};
    }
  } else {
    const char* env = std::getenv("PATH");
    const std::string_view dirs = env ? env : "/usr/local/bin:/usr/bin:/bin";
    size_t pos = 0;
    while (pos <= dirs.size()) {
      size_t colon = dirs.find(':', pos);
      if (colon == std::string_view::npos) colon = dirs.size();
      std::string dir(dirs.substr(pos, colon - pos));
      pos = colon + 1;
      const std::string candidate =
          (dir.empty() ? std::string(".") : dir) + "/" + std::string(program);
      if (executable_file(candidate)) {
        path = candidate;
        break;
      }
    }
    if (path.empty()) {
      return Error{ErrorKind::io, fmt::format("'{}' was not found in PATH", program), {}, {}};
    }
  }
  if (path[0] != '/') {
    char cwd[4096];
    if (::getcwd(cwd, sizeof cwd)) path = std::string(cwd) + "/" + path;
  }
  // `--version` prints "version: 0.9.0"; json1 exists since 0.7.0.
  Expected<std::string> version = run_once({path, "--version"});
  if (!version) return version.error();
  const size_t at = version->find("version:");
  if (at == std::string::npos) {
    return Error{ErrorKind::io, fmt::format("'{}' does not look like ShellCheck", path), {}, {}};
  }
  unsigned major = 0, minor = 0;
  if (std::sscanf(version->c_str() + at + 8, " %u.%u", &major, &minor) == 2 && major == 0 &&
      minor < 7) {
    return Error{ErrorKind::io,
                 fmt::format("'{}' is ShellCheck {}.{}, older than 0.7.0 (needed for its json1 "
                             "output)",
                             path, major, minor),
                 {},
                 {}};
  }
  return path;
}

Expected<std::vector<std::vector<Comment>>> run(std::span<const std::string_view> scripts,
                                                const std::string& program, unsigned jobs,
                                                size_t batch_size,
                                                std::vector<std::string>* errors) {
  std::vector<std::vector<Comment>> out(scripts.size());
  if (scripts.empty()) return out;
  Expected<TempDir> dir = TempDir::create();
  if (!dir) return dir.error();
  if (jobs == 0) jobs = 1;
  if (batch_size == 0) {
    batch_size = std::clamp<size_t>((scripts.size() + jobs - 1) / jobs, 1, kMaxBatch);
  }
  auto file_name = [&](size_t i) { return fmt::format("{}/{}.sh", dir->path(), i); };
  auto fail = [&](std::string message) {
    if (errors) errors->push_back(std::move(message));
  };

  struct Batch {
    size_t begin = 0, end = 0;
    Child child;
  };
  std::vector<Batch> running;
  size_t next = 0;
  // Starts the next batch: writes its files and spawns ShellCheck on them.
  auto start = [&]() -> bool {
    Batch b;
    b.begin = next;
    b.end = std::min(scripts.size(), next + batch_size);
    next = b.end;
    std::vector<std::string> argv = {program, "--norc", "--format=json1",
                                     "--exclude=SC1090,SC1091,SC2187"};
    for (size_t i = b.begin; i < b.end; ++i) {
      std::string name = file_name(i);
      if (!write_file(name, scripts[i])) {
        fail(fmt::format("cannot write '{}': {}", name, errno_text(errno)));
        continue;
      }
      argv.push_back(std::move(name));
    }
    if (argv.size() == 4) return true;
    Expected<Child> child = spawn(argv);
    if (!child) {
      fail(child.error().message);
      return false;
    }
    b.child = std::move(*child);
    running.push_back(std::move(b));
    return true;
  };
  // Reads a finished batch's output into `out`.
  auto finish = [&](Batch& b) {
    const std::string failure = reap(b.child, "ShellCheck");
    const nlohmann::json j = nlohmann::json::parse(b.child.out_text, nullptr, false);
    const auto comments = j.is_object() ? j.find("comments") : j.end();
    if (j.is_discarded() || !j.is_object() || comments == j.end() || !comments->is_array()) {
      fail(failure.empty() ? std::string("ShellCheck wrote no valid json1 output") : failure);
    } else {
      if (!failure.empty()) fail(failure);
      const std::string prefix = dir->path() + "/";
      for (const nlohmann::json& c : *comments) {
        if (!c.is_object()) continue;
        const auto file = c.find("file");
        if (file == c.end() || !file->is_string()) continue;
        const std::string& name = file->get_ref<const std::string&>();
        if (!name.starts_with(prefix)) continue;
        const size_t index = std::strtoul(name.c_str() + prefix.size(), nullptr, 10);
        if (index < b.begin || index >= b.end) continue;
        Comment comment;
        comment.code = get_u32(c, "code");
        const auto level = c.find("level");
        comment.severity = parse_level(level != c.end() && level->is_string()
                                           ? level->get_ref<const std::string&>()
                                           : std::string());
        const auto message = c.find("message");
        if (message != c.end() && message->is_string()) comment.message = *message;
        comment.begin = {get_u32(c, "line"), get_u32(c, "column")};
        comment.end = {get_u32(c, "endLine"), get_u32(c, "endColumn")};
        out[index].push_back(std::move(comment));
      }
    }
    for (size_t i = b.begin; i < b.end; ++i) ::unlink(file_name(i).c_str());
  };

  std::vector<pollfd> fds;
  while (next < scripts.size() || !running.empty()) {
    while (next < scripts.size() && running.size() < jobs) {
      if (!start()) {
        // Spawning failed (the same would happen again): give up on the rest.
        fail(fmt::format("{} scripts were not checked", scripts.size() - next));
        next = scripts.size();
      }
    }
    if (running.empty()) break;
    fds.clear();
    for (const Batch& b : running) {
      if (b.child.out >= 0) fds.push_back({b.child.out, POLLIN, 0});
      if (b.child.err >= 0) fds.push_back({b.child.err, POLLIN, 0});
    }
    if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) {
      fail("poll failed: " + errno_text(errno));
      break;
    }
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      for (Batch& b : running) {
        if (b.child.out == p.fd) {
          drain(b.child.out, b.child.out_text);
        } else if (b.child.err == p.fd) {
          drain(b.child.err, b.child.err_text);
        }
      }
    }
    for (auto it = running.begin(); it != running.end();) {
      if (it->child.out < 0 && it->child.err < 0) {
        finish(*it);
        it = running.erase(it);
      } else {
        ++it;
      }
    }
  }
  // Only after a poll failure: do not leave children behind.
  for (Batch& b : running) {
    if (b.child.out >= 0) ::close(b.child.out);
    if (b.child.err >= 0) ::close(b.child.err);
    ::kill(b.child.pid, SIGTERM);
    reap(b.child, "ShellCheck");
  }
  return out;
}

}  // namespace dfopt::shellcheck
