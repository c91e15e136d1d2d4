#include "atomic_write.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
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

std::optional<Error> replace_file(const std::string& path, std::string_view expected,
                                  std::string_view text) {
  // Follow symbolic links: renaming over the link would replace it with a regular file.
  std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr), &std::free);
  if (!real) return io_error(path, fmt::format("cannot write '{}': {}", path, reason(errno)));
  const std::string target = real.get();

  const int in = ::open(target.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return io_error(path, fmt::format("cannot write '{}': {}", path, reason(errno)));
  struct stat st {};
  const bool same = ::fstat(in, &st) == 0 && S_ISREG(st.st_mode) && holds(in, expected);
  ::close(in);
  if (!S_ISREG(st.st_mode)) {
    return io_error(path, fmt::format("cannot write '{}': not a regular file", path));
  }
  if (!same) {
    return io_error(path, fmt::format("'{}' changed while dfopt was running; not written", path));
  }

  const size_t slash = target.rfind('/');
  const std::string dir = target.substr(0, slash + 1);  // realpath is absolute
  TempFile tmp;
  tmp.name = dir + "." + target.substr(slash + 1) + ".dfopt-XXXXXX";
  std::vector<char> name(tmp.name.begin(), tmp.name.end());
  name.push_back('\0');
  tmp.fd = ::mkstemp(name.data());
  if (tmp.fd < 0) {
    tmp.name.clear();
    return io_error(path, fmt::format("cannot write '{}': cannot create a temporary file in "
                                      "'{}': {}",
                                      path, dir, reason(errno)));
  }
  tmp.name = name.data();
  auto fail = [&](std::string_view what) {
    return io_error(path, fmt::format("cannot write '{}': {}: {}", path, what, reason(errno)));
  };
  if (!write_all(tmp.fd, text)) return fail("write failed");
  // Owner first: chown clears the set-user-ID and set-group-ID bits that fchmod then restores.
  if ((st.st_uid != ::geteuid() || st.st_gid != ::getegid()) &&
      ::fchown(tmp.fd, st.st_uid, st.st_gid) != 0) {
    return fail("cannot keep its owner and group");
  }
  if (::fchmod(tmp.fd, st.st_mode & 07777) != 0) return fail("cannot keep its permissions");
  if (::fsync(tmp.fd) != 0) return fail("fsync failed");
  const int fd = tmp.fd;
  tmp.fd = -1;
  if (::close(fd) != 0) return fail("close failed");
  if (::rename(tmp.name.c_str(), target.c_str()) != 0) return fail("rename failed");
  tmp.keep = true;
  // Make the rename itself durable; a failure here leaves a correct file, so it is not reported.
  if (const int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
    ::fsync(d);
    ::close(d);
  }
  return std::nullopt;
}

}  // namespace dfopt::cli
