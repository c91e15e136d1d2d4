#include "atomic_write.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace dfopt::cli {
namespace {

Error io_error(const std::string& path, std::string message) {
  return Error{ErrorKind::io, std::move(message), path, {}};
}

std::string reason(int err) { return std::strerror(err); }

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

/// Whether the file at `fd` holds exactly `expected`.
bool holds(int fd, std::string_view expected) {
  char buffer[1 << 16];
  size_t at = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return at == expected.size();
    if (expected.substr(at, static_cast<size_t>(n)) !=
        std::string_view(buffer, static_cast<size_t>(n))) {
      return false;
    }
    at += static_cast<size_t>(n);
  }
}

/// Closes a descriptor and removes a temporary file unless released.
struct TempFile {
  int fd = -1;
  std::string name;
  bool keep = false;
  ~TempFile() {
    if (fd >= 0) ::close(fd);
    if (!keep && !name.empty()) ::unlink(name.c_str());
  }
};

}  // namespace

namespace {

/// A new text waiting in its temporary file for the rename over `target`.
struct Prepared {
  TempFile tmp;
  std::string target;
  std::string dir;
};

/// Writes `text` to a temporary file beside `path`'s target with the target's owner and mode;
/// nullptr and `error` set on failure (nothing left behind).
std::unique_ptr<Prepared> prepare(const std::string& path, std::string_view expected,
                                  std::string_view text, std::optional<Error>& error) {
  auto failed = [&](std::string message) {
    error = io_error(path, std::move(message));
    return nullptr;
  };
  auto out = std::make_unique<Prepared>();
  // Follow symbolic links: renaming over the link would replace it with a regular file. A path
  // that is no link is used as it is (its directory may be a link: the rename stays in it).
  struct stat link {};
  if (::lstat(path.c_str(), &link) == 0 && !S_ISLNK(link.st_mode)) {
    out->target = path.find('/') == std::string::npos ? "./" + path : path;
  } else {
    std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr),
                                                     &std::free);
    if (!real) return failed(fmt::format("cannot write '{}': {}", path, reason(errno)));
    out->target = real.get();
  }

  const int in = ::open(out->target.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return failed(fmt::format("cannot write '{}': {}", path, reason(errno)));
  struct stat st {};
  const bool same = ::fstat(in, &st) == 0 && S_ISREG(st.st_mode) && holds(in, expected);
  ::close(in);
  if (!S_ISREG(st.st_mode)) {
    return failed(fmt::format("cannot write '{}': not a regular file", path));
  }
  if (!same) return failed(fmt::format("'{}' changed while dfopt was running; not written", path));

  const size_t slash = out->target.rfind('/');
  out->dir = out->target.substr(0, slash + 1);  // the target always holds a slash
  TempFile& tmp = out->tmp;
  tmp.name = out->dir + "." + out->target.substr(slash + 1) + ".dfopt-XXXXXX";
  std::vector<char> name(tmp.name.begin(), tmp.name.end());
  name.push_back('\0');
  tmp.fd = ::mkstemp(name.data());
  if (tmp.fd < 0) {
    tmp.name.clear();
    return failed(fmt::format("cannot write '{}': cannot create a temporary file in '{}': {}",
                              path, out->dir, reason(errno)));
  }
  tmp.name = name.data();
  auto fail = [&](std::string_view what) {
    return failed(fmt::format("cannot write '{}': {}: {}", path, what, reason(errno)));
  };
  if (!write_all(tmp.fd, text)) return fail("write failed");
  // Owner first: chown clears the set-user-ID and set-group-ID bits that fchmod then restores.
  static const uid_t euid = ::geteuid();
  static const gid_t egid = ::getegid();
  if ((st.st_uid != euid || st.st_gid != egid) &&
      ::fchown(tmp.fd, st.st_uid, st.st_gid) != 0) {
    return fail("cannot keep its owner and group");
  }
  if (::fchmod(tmp.fd, st.st_mode & 07777) != 0) return fail("cannot keep its permissions");
  return out;
}

/// Holds off SIGINT, SIGTERM and SIGHUP in this thread while it lives; one that arrived
/// meanwhile is delivered when it ends.
class DeferSignals {
 public:
  DeferSignals() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
    ::pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~DeferSignals() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  DeferSignals(const DeferSignals&) = delete;
  DeferSignals& operator=(const DeferSignals&) = delete;

 private:
  sigset_t old_;
};

}  // namespace

std::vector<std::optional<Error>> replace_files(std::span<const Replacement> files) {
  std::vector<std::optional<Error>> errors(files.size());
  // Threads created here inherit the deferred signals.
  const DeferSignals defer;
  auto replace = [&](size_t i) {
    std::unique_ptr<Prepared> p = prepare(files[i].path, files[i].expected, files[i].text, errors[i]);
    if (p == nullptr) return;
    const int fd = p->tmp.fd;
    p->tmp.fd = -1;
    if (::close(fd) != 0 || ::rename(p->tmp.name.c_str(), p->target.c_str()) != 0) {
      errors[i] = io_error(files[i].path, fmt::format("cannot write '{}': {}", files[i].path,
                                                      reason(errno)));
      return;
    }
    p->tmp.keep = true;
  };
  // Several at a time: the time goes into waiting for the file system, not the CPU.
  constexpr size_t kWriters = 8;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++) replace(i);
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < std::min(kWriters, files.size()); ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  return errors;
}

std::optional<Error> replace_file(const std::string& path, std::string_view expected,
                                  std::string_view text) {
  const Replacement one{path, expected, text};
  return std::move(replace_files(std::span(&one, 1)).front());
}

}  // namespace dfopt::cli
