#include <algorithm>
#include <array>
#include <strings.h>

#include "dfopt/ast.h"

namespace dfopt::ast {
namespace {

struct KeywordEntry {
  std::string_view name;
  InstrKind kind;
};

// Sorted by InstrKind order.
constexpr std::array<KeywordEntry, 18> kKeywords{{
    {"ADD", InstrKind::add},
    {"ARG", InstrKind::arg},
    {"CMD", InstrKind::cmd},
    {"COPY", InstrKind::copy},
    {"ENTRYPOINT", InstrKind::entrypoint},
    {"ENV", InstrKind::env},
    {"EXPOSE", InstrKind::expose},
    {"FROM", InstrKind::from},
    {"HEALTHCHECK", InstrKind::healthcheck},
    {"LABEL", InstrKind::label},
    {"MAINTAINER", InstrKind::maintainer},
    {"ONBUILD", InstrKind::onbuild},
    {"RUN", InstrKind::run},
    {"SHELL", InstrKind::shell},
    {"STOPSIGNAL", InstrKind::stopsignal},
    {"USER", InstrKind::user},
    {"VOLUME", InstrKind::volume},
    {"WORKDIR", InstrKind::workdir},
}};

}  // namespace

std::string_view keyword_name(InstrKind kind) {
  auto i = static_cast<size_t>(kind);
  return i < kKeywords.size() ? kKeywords[i].name : std::string_view();
}

InstrKind kind_from_keyword(std::string_view keyword) {
  // BuildKit dispatches on strings.ToLower(cmd). Keywords are ASCII, so an ASCII
  // case-insensitive match agrees with it except for exotic letters that Unicode lowers to ASCII
  // (the Kelvin sign U+212A lowers to 'k'), which no real Dockerfile uses as a keyword.
  if (keyword.size() < 3 || keyword.size() > 11) return InstrKind::unknown;
  for (const auto& e : kKeywords) {
    if (e.name.size() == keyword.size() &&
        strncasecmp(e.name.data(), keyword.data(), keyword.size()) == 0) {
      return e.kind;
    }
  }
  return InstrKind::unknown;
}

uint32_t SourceMap::to_source(uint32_t offset) const {
  if (pieces.empty()) return 0;
  auto it = std::upper_bound(pieces.begin(), pieces.end(), offset,
                             [](uint32_t v, const Piece& p) { return v < p.logical; });
  if (it == pieces.begin()) return pieces.front().source;
  --it;
  uint32_t delta = offset - it->logical;
  return delta >= it->size ? it->source + it->size : it->source + delta;
}

TextRange SourceMap::to_source(uint32_t begin, uint32_t end) const {
  if (end <= begin) {
    uint32_t at = to_source(begin);
    return {at, at};
  }
  return {to_source(begin), to_source(end - 1) + 1};
}

const Flag* Instruction::flag(std::string_view name) const {
  const Flag* found = nullptr;
  for (const Flag& f : flags) {
    if (f.name == name) found = &f;
  }
  return found;
}

const Directive* Dockerfile::directive(std::string_view name) const {
  for (const Directive& d : directives) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

}  // namespace dfopt::ast
