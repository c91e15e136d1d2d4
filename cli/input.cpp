#include "input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace dfopt::cli {
namespace {

Error io_error(const std::string& path, int err) {
  return Error{ErrorKind::io, "cannot read '" + path + "': " + std::strerror(err), path, {}};
}

Error too_large(const std::string& path, uint64_t size, uint32_t max_bytes) {
  const std::string what = size > max_bytes ? std::to_string(size) + " bytes" : "more bytes";
  return Error{ErrorKind::too_large,
               "cannot read '" + path + "': file is too large (" + what + ", the limit is " +
                   std::to_string(max_bytes) + ")",
               path,
               {}};
}

/// Reads `fd` to EOF, failing once more than `max_bytes` arrive (pipes have no size up front).
Expected<std::string> read_all(int fd, const std::string& path, uint32_t max_bytes,
                               uint64_t size_hint) {
  std::string text;
  if (size_hint > 0) text.reserve(size_hint);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(path, errno);
    }
    if (text.size() + static_cast<size_t>(n) > max_bytes) return too_large(path, 0, max_bytes);
    text.append(buffer, static_cast<size_t>(n));
  }
  return text;
}

/// Closes a descriptor on every return path.
struct FdGuard {
  int fd;
  ~FdGuard() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Expected<SourceFile> read_input(const std::string& path, uint32_t max_bytes) {
  if (path == "-") {
    Expected<std::string> text = read_all(STDIN_FILENO, stdin_name, max_bytes, 0);
    if (!text) return text.error();
    return SourceFile(stdin_name, std::move(*text));
  }
  // O_NONBLOCK keeps a FIFO without a writer from hanging the open; it has no effect on reads
  // of regular files, the only kind we go on to read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return io_error(path, errno);
  FdGuard guard{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return io_error(path, errno);
  if (S_ISDIR(st.st_mode)) return io_error(path, EISDIR);
  if (!S_ISREG(st.st_mode)) {
    return Error{ErrorKind::io, "cannot read '" + path + "': not a regular file", path, {}};
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    return too_large(path, static_cast<uint64_t>(st.st_size), max_bytes);
  }
  Expected<std::string> text = read_all(fd, path, max_bytes, static_cast<uint64_t>(st.st_size));
  if (!text) return text.error();
  return SourceFile(path, std::move(*text));
}

std::string format_cli_error(const Error& error) { return "dfopt: error: " + error.message; }

}  // namespace dfopt::cli
