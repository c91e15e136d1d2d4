// The language server's framing (lsp/transport.h) and position conversions (lsp/document.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "lsp/document.h"
#include "lsp/transport.h"

namespace dfopt::lsp {
namespace {

/// A reader over `input`, handing out at most `chunk` bytes per read.
MessageReader reader_of(const std::string& input, size_t chunk = 7) {
  auto text = std::make_shared<const std::string>(input);
  auto pos = std::make_shared<size_t>(0);
  return MessageReader([text, pos, chunk](char* buffer, size_t size) -> std::ptrdiff_t {
    const size_t n = std::min({size, chunk, text->size() - *pos});
    std::memcpy(buffer, text->data() + *pos, n);
    *pos += n;
    return static_cast<std::ptrdiff_t>(n);
  });
}


std::vector<MessageReader::Result> read_all(const std::string& input, size_t chunk = 7) {
  MessageReader reader = reader_of(input, chunk);
  std::vector<MessageReader::Result> out;
  for (;;) {
    MessageReader::Result r = reader.next();
    if (r.status == MessageReader::Status::eof) break;
    out.push_back(std::move(r));
  }
  return out;
}

TEST(LspTransport, ReadsFramedMessagesAcrossChunks) {
  const std::string input =
      frame_message(R"({"a":1})") +
      "content-length:  11\nContent-Type: application/json\n\n{\"b\":\"xyz\"}" +
      frame_message("{}");
  for (size_t chunk : {1, 3, 7, 4096}) {
    const auto results = read_all(input, chunk);
    ASSERT_EQ(results.size(), 3u) << chunk;
    EXPECT_EQ(results[0].body, R"({"a":1})");
    EXPECT_EQ(results[1].body, R"({"b":"xyz"})");
    EXPECT_EQ(results[2].body, "{}");
  }
}

TEST(LspTransport, RecoversFromGarbage) {
  const std::string input = "garbage line\r\nmore: stuff\r\n\r\n" + frame_message("{\"ok\":1}") +
                            "Content-Length: abc\r\n\r\n" + frame_message("{\"ok\":2}");
  const auto results = read_all(input);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0].status, MessageReader::Status::error);
  EXPECT_EQ(results[0].error, "missing Content-Length header");
  EXPECT_EQ(results[1].body, "{\"ok\":1}");
  EXPECT_EQ(results[2].error, "invalid Content-Length header");
  EXPECT_EQ(results[3].body, "{\"ok\":2}");
}

TEST(LspTransport, SkipsOversizedAndTruncatedMessages) {
  const std::string huge = "Content-Length: " + std::to_string(kMaxMessageBytes + 10) + "\r\n\r\n";
  auto results =
      read_all(huge + std::string(kMaxMessageBytes + 10, 'x') + frame_message("{}"), 1 << 16);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status, MessageReader::Status::error);
  EXPECT_NE(results[0].error.find("exceeds the limit"), std::string::npos);
  EXPECT_EQ(results[1].body, "{}");

  results = read_all("Content-Length: 100\r\n\r\n{\"cut\":");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].error, "input ended inside a message body");
  results = read_all("Content-Length: 100");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status, MessageReader::Status::error);
}

TEST(LspTransport, RejectsOverlongHeaderLines) {
  const std::string input =
      "X: " + std::string(kMaxHeaderLine * 3, 'a') + "\r\n\r\n" + frame_message("{}");
  const auto results = read_all(input, 1000);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].status, MessageReader::Status::error);
  EXPECT_EQ(results[1].body, "{}");
}

// Positions ------------------------------------------------------------------------------------

TEST(LspPositions, CountUtf16CodeUnits) {
  // "é" is 2 bytes and 1 unit, "😀" 4 bytes and 2 units, "中" 3 bytes and 1 unit.
  const std::string text = "LABEL a=\"é😀中\" b=1\nRUN x\n";
  const LineIndex lines(text);
  const uint32_t b = static_cast<uint32_t>(text.find("b=1"));
  EXPECT_EQ(to_lsp(lines, text, b), (LspPosition{0, 15}));
  EXPECT_EQ(to_offset(lines, text, {0, 15}), b);
  const uint32_t run = static_cast<uint32_t>(text.find("RUN"));
  EXPECT_EQ(to_lsp(lines, text, run), (LspPosition{1, 0}));
  EXPECT_EQ(to_offset(lines, text, {1, 0}), run);
  // Inside a multi-byte character: its start.
  const uint32_t smiley = static_cast<uint32_t>(text.find("😀"));
  EXPECT_EQ(to_lsp(lines, text, smiley + 2), to_lsp(lines, text, smiley));
}

TEST(LspPositions, ClampOutOfRange) {
  const std::string text = "FROM a\r\nRUN b\r\n";
  const LineIndex lines(text);
  EXPECT_EQ(to_offset(lines, text, {0, 99}), 6u);  // before the "\r\n"
  EXPECT_EQ(to_offset(lines, text, {1, 5}), 13u);
  EXPECT_EQ(to_offset(lines, text, {7, 0}), text.size());
  EXPECT_EQ(to_lsp(lines, text, 1000), (LspPosition{2, 0}));
}

TEST(LspDocument, AppliesIncrementalEdits) {
  TextDocument doc("FROM alpine\nLABEL x=\"ü\"\n");
  doc.replace({{1, 9}, {1, 10}}, "😀");  // replace "ü" (1 unit)
  EXPECT_EQ(doc.text(), "FROM alpine\nLABEL x=\"😀\"\n");
  doc.replace({{1, 12}, {1, 12}}, " y=2");  // after the smiley (2 units) and the quote
  EXPECT_EQ(doc.text(), "FROM alpine\nLABEL x=\"😀\" y=2\n");
  doc.replace({{2, 0}, {2, 0}}, "RUN a\n");
  EXPECT_EQ(doc.text(), "FROM alpine\nLABEL x=\"😀\" y=2\nRUN a\n");
  doc.replace({{0, 4}, {1, 0}}, " ");  // join the first two lines
  EXPECT_EQ(doc.text(), "FROM LABEL x=\"😀\" y=2\nRUN a\n");
  doc.replace({{9, 0}, {0, 0}}, "");  // reversed range: swapped and clamped
  EXPECT_EQ(doc.text(), "");
  doc.replace_all("FROM b\n");
  EXPECT_EQ(doc.lines().line_count(), 2u);
}

TEST(LspDocument, DecodesFileUris) {
  EXPECT_EQ(uri_to_path("file:///home/me/My%20Project/Dockerfile"),
            "/home/me/My Project/Dockerfile");
  EXPECT_EQ(uri_to_path("file://localhost/tmp/x"), "/tmp/x");
  EXPECT_EQ(uri_to_path("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(uri_to_path("file://"), std::nullopt);
}

}  // namespace
}  // namespace dfopt::lsp
