#pragma once
// The label schema (hadolint's `label-schema`) and the value checks of its types, shared by the
// label rules DF711..DF719. The schema comes from the shared settings (`required_labels`,
// `strict_labels`) unless a rule's own `required-labels` option overrides it.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dfopt/rule.h"

namespace dfopt::rules::labels {

/// Option every label rule declares: "name:type[,name:type...]"; empty means the shared settings.
inline constexpr std::string_view kRequiredLabelsOption = "required-labels";

struct Schema : RuleState {
  std::vector<std::pair<std::string, std::string>> labels;  ///< name -> type
  bool strict = false;

  /// The type of `name`, or nullptr when the schema does not list it.
  const std::string* type_of(std::string_view name) const;
};

/// The schema in effect for `rule` in `file`. `strict` reads the rule's `strict-labels` option
/// (when it declares one and it is set) or the shared `strict_labels`.
std::unique_ptr<Schema> schema_for(const FileContext& file, const RuleInfo& rule);

bool valid_url(std::string_view text);       ///< an absolute URI (RFC 3986 `URI`)
bool valid_rfc3339(std::string_view text);   ///< an RFC 3339 date-time
bool valid_spdx(std::string_view text);      ///< one SPDX license identifier
bool valid_git_hash(std::string_view text);  ///< 7 or 40 lowercase hex digits
bool valid_semver(std::string_view text);    ///< semantic versioning 2.0.0
bool valid_email(std::string_view text);     ///< an RFC 5322 addr-spec

/// A rule that checks the value of every schema label of one type (DL3052..DL3058).
class LabelValueRule : public Rule {
 public:
  LabelValueRule(const RuleInfo& info, std::string_view type, bool (*valid)(std::string_view),
                 std::string_view what)
      : info_(info), type_(type), valid_(valid), what_(what) {}

  const RuleInfo& info() const override { return info_; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::label); }
  std::unique_ptr<RuleState> start(const FileContext& file) const override;
  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override;

 private:
  const RuleInfo& info_;
  std::string_view type_;
  bool (*valid_)(std::string_view);
  std::string_view what_;
};

}  // namespace dfopt::rules::labels
