#include "workers.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <thread>

#include "dfopt/parse.h"
#include "input.h"

namespace dfopt::cli {
namespace {

FileReport check_job(Job& job, Parser& parser, uint32_t max_bytes) {
  if (job.preread) return check_file(std::move(*job.preread), *job.settings, parser);
  Expected<SourceFile> file = read_input(job.path, max_bytes);
  if (!file) {
    FileReport r;
    r.path = job.path;
    r.error = file.error();
    return r;
  }
  return check_file(std::move(*file), *job.settings, parser);
}

// ---------------------------------------------------------------------------------------------
// A flat binary encoding of FileReport, for the pipe between a child and the parent. Both ends
// are the same binary, so native integers are fine.

void put_u32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
void put_str(std::string& out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

void encode(std::string& out, uint32_t index, const FileReport& r) {
  put_u32(out, index);
  put_str(out, r.path);
  out.push_back(r.error ? 1 : 0);
  if (r.error) {
    out.push_back(static_cast<char>(r.error->kind));
    put_str(out, r.error->message);
    put_str(out, r.error->path);
    return;
  }
  put_str(out, r.source.path());
  put_str(out, r.source.text());
  put_u32(out, static_cast<uint32_t>(r.diagnostics.size()));
  for (const Diagnostic& d : r.diagnostics) {
    put_str(out, d.code);
    out.push_back(static_cast<char>(d.severity));
    put_str(out, d.message);
    put_u32(out, d.range.begin);
    put_u32(out, d.range.end);
    out.push_back(d.fix ? 1 : 0);
    if (!d.fix) continue;
    put_str(out, d.fix->title);
    out.push_back(static_cast<char>(d.fix->applicability));
    put_u32(out, static_cast<uint32_t>(d.fix->edits.size()));
    for (const Edit& e : d.fix->edits) {
      put_u32(out, e.range.begin);
      put_u32(out, e.range.end);
      put_str(out, e.replacement);
    }
  }
}

struct Decoder {
  std::string_view in;
  size_t pos = 0;
  bool ok = true;

  bool has(size_t n) {
    if (pos + n > in.size()) ok = false;
    return ok;
  }
  uint32_t u32() {
    uint32_t v = 0;
    if (has(4)) std::memcpy(&v, in.data() + pos, 4);
    pos += ok ? 4 : 0;
    return v;
  }
  uint8_t u8() {
    if (!has(1)) return 0;
    return static_cast<uint8_t>(in[pos++]);
  }
  std::string str() {
    const uint32_t n = u32();
    if (!has(n)) return {};
    std::string s(in.substr(pos, n));
    pos += n;
    return s;
  }
};

/// Decodes one report; false when the buffer ends inside it (wait for more bytes).
bool decode(Decoder& d, uint32_t& index, FileReport& r) {
  index = d.u32();
  r.path = d.str();
  if (d.u8()) {
    Error e;
    e.kind = static_cast<ErrorKind>(d.u8());
    e.message = d.str();
    e.path = d.str();
    r.error = std::move(e);
    return d.ok;
  }
  std::string path = d.str();
  std::string text = d.str();
  const uint32_t n = d.u32();
  if (!d.ok) return false;
  r.diagnostics.reserve(n);
  for (uint32_t i = 0; i < n && d.ok; ++i) {
    Diagnostic diag;
    diag.code = d.str();
    diag.severity = static_cast<Severity>(d.u8());
    diag.message = d.str();
    diag.range.begin = d.u32();
    diag.range.end = d.u32();
    if (d.u8()) {
      Fix fix;
      fix.title = d.str();
      fix.applicability = static_cast<Applicability>(d.u8());
      const uint32_t edits = d.u32();
      for (uint32_t k = 0; k < edits && d.ok; ++k) {
        Edit e;
        e.range.begin = d.u32();
        e.range.end = d.u32();
        e.replacement = d.str();
        fix.edits.push_back(std::move(e));
      }
      diag.fix = std::move(fix);
    }
    r.diagnostics.push_back(std::move(diag));
  }
  if (!d.ok) return false;
  r.source = SourceFile(std::move(path), std::move(text));
  return true;
}

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

std::vector<FileReport> run_threads(std::vector<Job>& jobs, unsigned workers, uint32_t max_bytes) {
  std::vector<FileReport> out(jobs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    Parser parser;
    for (size_t i = next++; i < jobs.size(); i = next++)
      out[i] = check_job(jobs[i], parser, max_bytes);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  return out;
}

std::vector<FileReport> run_processes(std::vector<Job>& jobs, unsigned workers,
                                      uint32_t max_bytes) {
  std::vector<FileReport> out(jobs.size());
  std::vector<bool> done(jobs.size(), false);
  struct Child {
    pid_t pid;
    int fd;
    std::string buffer;
    size_t consumed = 0;
  };
  std::vector<Child> children;
  std::fflush(nullptr);  // children must not flush the parent's buffered output again
  for (unsigned w = 0; w < workers; ++w) {
    int fds[2];
    if (::pipe(fds) != 0) break;
    const pid_t pid = ::fork();
    if (pid < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      break;
    }
    if (pid == 0) {
      ::close(fds[0]);
      for (const Child& c : children) ::close(c.fd);
      Parser parser;
      std::string buffer;
      for (size_t i = w; i < jobs.size(); i += workers) {
        encode(buffer, static_cast<uint32_t>(i), check_job(jobs[i], parser, max_bytes));
        if (buffer.size() >= (1u << 16)) {
          if (!write_all(fds[1], buffer)) ::_exit(3);
          buffer.clear();
        }
      }
      if (!write_all(fds[1], buffer)) ::_exit(3);
      ::_exit(0);  // skip static destructors and atexit handlers of the parent's state
    }
    ::close(fds[1]);
    children.push_back({pid, fds[0], {}, 0});
  }
  // Drain every pipe as data arrives, so that no child blocks on a full pipe.
  std::vector<pollfd> polls;
  size_t open = children.size();
  char chunk[1 << 16];
  while (open > 0) {
    polls.clear();
    for (const Child& c : children) {
      if (c.fd >= 0) polls.push_back({c.fd, POLLIN, 0});
    }
    if (::poll(polls.data(), polls.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (Child& c : children) {
      if (c.fd < 0) continue;
      const auto it =
          std::find_if(polls.begin(), polls.end(), [&](const pollfd& p) { return p.fd == c.fd; });
      if (it == polls.end() || it->revents == 0) continue;
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
        Decoder d{std::string_view(c.buffer).substr(c.consumed)};
        uint32_t index = 0;
        FileReport r;
        if (!decode(d, index, r)) break;
        c.consumed += d.pos;
        if (index < out.size()) {
          out[index] = std::move(r);
          done[index] = true;
        }
      }
      if (c.consumed > (1u << 20)) {
        c.buffer.erase(0, c.consumed);
        c.consumed = 0;
      }
    }
  }
  std::vector<bool> crashed(workers, false);
  for (size_t w = 0; w < children.size(); ++w) {
    int status = 0;
    while (::waitpid(children[w].pid, &status, 0) < 0 && errno == EINTR) {
    }
    crashed[w] = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  // Files of a child that was never forked are checked here; those of a child that died are
  // reported (checking them again here could take the whole run down the same way).
  Parser parser;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (done[i]) continue;
    const size_t w = i % workers;
    if (w < children.size() && crashed[w]) {
      out[i].path = jobs[i].path;
      out[i].error = Error{ErrorKind::internal,
                           "internal error: the worker process checking '" + jobs[i].path +
                               "' (or a file before it) crashed; please report this bug",
                           jobs[i].path,
                           {}};
      continue;
    }
    out[i] = check_job(jobs[i], parser, max_bytes);
  }
  return out;
}

}  // namespace

std::vector<FileReport> run_jobs(std::vector<Job>& jobs, unsigned workers, WorkerKind kind,
                                 uint32_t max_bytes) {
  if (workers == 0) workers = 1;
  if (workers > jobs.size()) workers = static_cast<unsigned>(std::max<size_t>(1, jobs.size()));
  if (kind == WorkerKind::automatic) {
    // A fork costs about a millisecond; below a few dozen files threads are as good.
    kind = workers > 1 && jobs.size() >= 64 ? WorkerKind::process : WorkerKind::thread;
  }
  if (workers == 1) kind = WorkerKind::thread;
  if (kind == WorkerKind::process) return run_processes(jobs, workers, max_bytes);
  return run_threads(jobs, workers, max_bytes);
}

}  // namespace dfopt::cli
