#include "lsp/transport.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace dfopt::lsp {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool MessageReader::fill() {
  if (pos_ > 0 && pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  } else if (pos_ > (64u << 10)) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  char chunk[64 << 10];
  for (;;) {
    const std::ptrdiff_t n = read_(chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

bool MessageReader::read_line(std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  for (;;) {
    const std::size_t nl = buffer_.find('\n', pos_);
    const std::size_t end = nl == std::string::npos ? buffer_.size() : nl;
    const std::size_t room = kMaxHeaderLine - std::min(kMaxHeaderLine, line.size());
    const std::size_t take = std::min(room, end - pos_);
    line.append(buffer_, pos_, take);
    if (take < end - pos_) too_long = true;
    if (nl != std::string::npos) {
      pos_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    pos_ = buffer_.size();
    if (!fill()) return !line.empty();  // a last line without '\n' still counts
  }
}

bool MessageReader::read_body(std::size_t n, std::string* out) {
  if (out) out->reserve(n);
  while (n > 0) {
    if (pos_ == buffer_.size() && !fill()) return false;
    const std::size_t take = std::min(n, buffer_.size() - pos_);
    if (out) out->append(buffer_, pos_, take);
    pos_ += take;
    n -= take;
  }
  return true;
}

MessageReader::Result MessageReader::next() {
  Result result;
  std::string line;
  bool too_long = false;
  bool any_header = false;
  bool bad_length = false;
  std::size_t length = 0;
  bool has_length = false;
  for (;;) {
    if (!read_line(line, too_long)) {
      if (any_header) {
        result.status = Status::error;
        result.error = "input ended inside a message header";
        return result;
      }
      result.status = Status::eof;
      return result;
    }
    if (line.empty() && !too_long) {
      if (!any_header) continue;  // blank lines between messages are harmless
      break;
    }
    any_header = true;
    if (too_long) {
      bad_length = bad_length || !has_length;
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;  // garbage before a header: skip it
    if (!iequals(trim(std::string_view(line).substr(0, colon)), "content-length")) continue;
    const std::string_view value = trim(std::string_view(line).substr(colon + 1));
    std::size_t parsed = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || ptr != value.data() + value.size() || value.empty()) {
      bad_length = true;
      has_length = false;
      continue;
    }
    length = parsed;
    has_length = true;
    bad_length = false;
  }
  if (!has_length) {
    result.status = Status::error;
    result.error = bad_length ? "invalid Content-Length header" : "missing Content-Length header";
    return result;
  }
  if (length > kMaxMessageBytes) {
    result.status = Status::error;
    result.error = "message of " + std::to_string(length) + " bytes exceeds the limit of " +
                   std::to_string(kMaxMessageBytes);
    if (!read_body(length, nullptr)) result.error += " (input ended inside it)";
    return result;
  }
  if (!read_body(length, &result.body)) {
    result.status = Status::error;
    result.error = "input ended inside a message body";
    result.body.clear();
    return result;
  }
  result.status = Status::message;
  return result;
}

std::string frame_message(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

bool MessageWriter::write(std::string_view body) {
  const std::string framed = frame_message(body);
  std::lock_guard lock(mutex_);
  std::size_t done = 0;
  while (done < framed.size()) {
    const ssize_t n = ::write(fd_, framed.data() + done, framed.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace dfopt::lsp
