#pragma once
// Static reference tables for the editor features: what each instruction, flag, mount option
// and directive means, written from the Dockerfile reference (BuildKit's dockerfile frontend).

#include <span>
#include <string_view>

#include "dfopt/ast.h"

namespace dfopt::lsp::detail {

struct KeywordDoc {
  ast::InstrKind kind;
  std::string_view syntax;  ///< e.g. "COPY [--from=<stage>] <src>... <dest>"
  std::string_view doc;     ///< Markdown
};

struct FlagDoc {
  ast::InstrKind kind;
  std::string_view name;    ///< without "--"
  bool takes_value;         ///< `--name=value` rather than a bare `--name`
  std::string_view syntax;  ///< e.g. "--chown=<user>[:<group>]"
  std::string_view doc;
};

struct ValueDoc {
  std::string_view name;
  std::string_view doc;
};

/// One entry per instruction kind but `unknown`, in InstrKind order.
std::span<const KeywordDoc> keyword_docs();
const KeywordDoc* keyword_doc(ast::InstrKind kind);
/// The flags of `kind`, in the order the reference lists them.
std::span<const FlagDoc> flag_docs();
const FlagDoc* flag_doc(ast::InstrKind kind, std::string_view name);

/// `--mount=type=` values.
std::span<const ValueDoc> mount_types();
/// The options a mount of `type` accepts (besides `type`).
struct MountOption {
  std::string_view name;
  std::string_view doc;
  unsigned types;  ///< bit set of mount_bit(...)
};
std::span<const MountOption> mount_options();
unsigned mount_bit(std::string_view type);  ///< 0 for an unknown type

std::span<const ValueDoc> network_values();
std::span<const ValueDoc> security_values();
std::span<const ValueDoc> sharing_values();

struct DirectiveDoc {
  std::string_view name;
  std::string_view insert;  ///< e.g. "syntax=docker/dockerfile:1"
  std::string_view doc;
};
std::span<const DirectiveDoc> directive_docs();

/// Variables BuildKit defines for every build, in the global scope.
std::span<const std::string_view> predefined_platform_args();

}  // namespace dfopt::lsp::detail
