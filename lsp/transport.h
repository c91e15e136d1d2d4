#pragma once
// JSON-RPC framing for the language server: `Content-Length: N\r\n\r\n` headers, then N bytes
// of JSON (LSP's base protocol). The reader resynchronises after garbage instead of giving up,
// since an editor restarts a server that exits but loses what it was showing.

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace dfopt::lsp {

/// Reads up to `size` bytes into `buffer`; returns the count, 0 at end of input, or -1 on a read
/// error.
using ReadFunction = std::function<std::ptrdiff_t(char* buffer, std::size_t size)>;

/// The largest message body accepted. Bigger ones are skipped unread (their bytes discarded)
/// and reported, so a hostile or broken client cannot make the server allocate without bound.
inline constexpr std::size_t kMaxMessageBytes = 64u << 20;
/// The longest header line kept; longer lines are an error (their rest is discarded).
inline constexpr std::size_t kMaxHeaderLine = 8u << 10;

/// Splits a byte stream into message bodies. Headers other than Content-Length (such as
/// Content-Type) are ignored, lines may end with "\r\n" or "\n", and header names are matched
/// without regard to case.
class MessageReader {
 public:
  explicit MessageReader(ReadFunction read) : read_(std::move(read)) {}

  enum class Status { message, error, eof };
  struct Result {
    Status status = Status::eof;
    std::string body;   ///< the JSON text, for Status::message
    std::string error;  ///< what was wrong with the framing, for Status::error
  };

  /// The next message. After an error the reader has consumed the faulty header block (and the
  /// body, when its length was known), so the next call continues with the following message.
  Result next();

 private:
  /// One header line without its line ending; false at end of input. Sets `too_long` when the
  /// line was cut.
  bool read_line(std::string& line, bool& too_long);
  bool fill();
  /// Copies or discards `n` body bytes; false when the input ends first.
  bool read_body(std::size_t n, std::string* out);

  ReadFunction read_;
  std::string buffer_;
  std::size_t pos_ = 0;
};

/// Frames `body` as one message.
std::string frame_message(std::string_view body);

/// Writes framed messages to a file descriptor; safe to call from several threads (each message
/// is written whole).
class MessageWriter {
 public:
  explicit MessageWriter(int fd) : fd_(fd) {}
  /// False when the output is closed or failing (the client went away).
  bool write(std::string_view body);

 private:
  int fd_;
  std::mutex mutex_;
};

}  // namespace dfopt::lsp
