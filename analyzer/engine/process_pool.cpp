// Forked worker processes that stream encoded results back through pipes.
#include "dfopt/process_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>

namespace dfopt {
namespace {

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

/// The body of worker `w`: never returns.
[[noreturn]] void worker_main(size_t count, unsigned workers, unsigned w, int fd, pid_t parent,
                              const PoolCallbacks& callbacks) {
  // Die with the caller, even on SIGKILL; it may have died before the prctl.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);
  std::string buffer;
  std::string result;
  for (size_t i = w; i < count; i += workers) {
    result.clear();
    callbacks.work(i, result);
    // A record: the task index, the result's size, the result.
    wire::put_u32(buffer, static_cast<uint32_t>(i));
    wire::put_str(buffer, result);
    if (buffer.size() >= (1u << 16)) {
      if (!write_all(fd, buffer)) ::_exit(3);
      buffer.clear();
    }
  }
  if (!write_all(fd, buffer)) ::_exit(3);
  ::_exit(0);  // skip static destructors and atexit handlers of the caller's state
}

}  // namespace

PoolOutcome run_in_processes(size_t count, unsigned workers, const PoolCallbacks& callbacks) {
  PoolOutcome outcome;
  if (workers < 2 || count == 0) {
    for (size_t i = 0; i < count; ++i) outcome.unstarted.push_back(i);
    return outcome;
  }
  struct Child {
    pid_t pid;
    int fd;
    std::string buffer;
    size_t consumed = 0;
  };
  std::vector<Child> children;
  std::fflush(nullptr);
  const pid_t self = ::getpid();
  for (unsigned w = 0; w < workers; ++w) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) break;
    const pid_t pid = ::fork();
    if (pid < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      break;
    }
    if (pid == 0) {
      ::close(fds[0]);
      for (const Child& c : children) ::close(c.fd);
      worker_main(count, workers, w, fds[1], self, callbacks);
    }
    ::close(fds[1]);
    children.push_back({pid, fds[0], {}, 0});
  }

  std::vector<bool> done(count, false);
  // Drain every pipe as data arrives, so that no worker blocks on a full pipe.
  std::vector<pollfd> polls;
  size_t open = children.size();
  static thread_local char chunk[1 << 16];
  while (open > 0) {
    polls.clear();
    for (const Child& c : children) {
      if (c.fd >= 0) polls.push_back({c.fd, POLLIN, 0});
    }
    const int ready = ::poll(polls.data(), polls.size(), callbacks.tick ? 200 : -1);
    if (ready < 0 && errno != EINTR) break;
    if (callbacks.tick && !callbacks.tick()) {
      outcome.cancelled = true;
      for (const Child& c : children) ::kill(c.pid, SIGKILL);
      break;
    }
    if (ready <= 0) continue;
    for (size_t k = 0; k < polls.size(); ++k) {
      if (polls[k].revents == 0) continue;
      Child& c = *std::find_if(children.begin(), children.end(),
                               [&](const Child& ch) { return ch.fd == polls[k].fd; });
      const ssize_t n = ::read(c.fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ::close(c.fd);
        c.fd = -1;
        --open;
        continue;
      }
      c.buffer.append(chunk, static_cast<size_t>(n));
      for (;;) {
        wire::Decoder d{std::string_view(c.buffer).substr(c.consumed)};
        const uint32_t index = d.u32();
        const uint32_t size = d.u32();
        if (!d.ok || !d.has(size)) break;
        if (index < count && !done[index]) {
          done[index] = true;
          callbacks.receive(index, d.in.substr(d.pos, size));
        }
        c.consumed += d.pos + size;
      }
      if (c.consumed > (1u << 20) || c.consumed == c.buffer.size()) {
        c.buffer.erase(0, c.consumed);
        c.consumed = 0;
      }
    }
  }
  std::vector<bool> crashed(workers, false);
  for (size_t w = 0; w < children.size(); ++w) {
    if (children[w].fd >= 0) ::close(children[w].fd);
    int status = 0;
    while (::waitpid(children[w].pid, &status, 0) < 0 && errno == EINTR) {
    }
    crashed[w] = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  if (outcome.cancelled) return outcome;
  for (size_t i = 0; i < count; ++i) {
    if (done[i]) continue;
    const size_t w = i % workers;
    if (w < children.size() && crashed[w]) {
      outcome.crashed.push_back(i);
    } else {
      outcome.unstarted.push_back(i);
    }
  }
  return outcome;
}

}  // namespace dfopt
