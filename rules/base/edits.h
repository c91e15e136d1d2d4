#pragma once
// Small text edits shared by the rules of category `base`.

#include <string>

#include "dfopt/ast.h"
#include "dfopt/fix.h"
#include "dfopt/source.h"

namespace dfopt::rules::detail {

/// Deletes `flag` and the blanks after it on its line (`FROM --platform=x  alpine` becomes
/// `FROM alpine`). A line continuation after the flag stays.
inline Fix remove_flag(const SourceFile& source, const ast::Flag& flag, std::string title,
                       Applicability applicability) {
  const std::string_view text = source.text();
  uint32_t end = flag.range.end;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  Fix fix;
  fix.title = std::move(title);
  fix.edits.push_back({{flag.range.begin, end}, std::string()});
  fix.applicability = applicability;
  return fix;
}

}  // namespace dfopt::rules::detail
