#include "rules/style/label_schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "rules/style/style_util.h"

namespace dfopt::rules::labels {
namespace {

constexpr std::string_view kSpdxIds[] = {
#include "rules/style/spdx_ids.inc"
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_unreserved(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
bool is_sub_delim(char c) {
  return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}

/// Consumes RFC 3986 characters of `s` from `i` while they are unreserved, sub-delims, `extra`
/// or a valid percent-encoding. Returns false on a broken `%XX`.
bool eat_chars(std::string_view s, size_t& i, std::string_view extra) {
  while (i < s.size()) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return false;
      if (!is_hex(s[i + 1]) || !is_hex(s[i + 2])) return false;
      i += 3;
    } else if (is_unreserved(c) || is_sub_delim(c) || extra.find(c) != std::string_view::npos) {
      ++i;
    } else {
      break;
    }
  }
  return true;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

const std::string* Schema::type_of(std::string_view name) const {
  for (const auto& [label, type] : labels) {
    if (label == name) return &type;
  }
  return nullptr;
}

std::unique_ptr<Schema> schema_for(const FileContext& file, const RuleInfo& rule) {
  auto schema = std::make_unique<Schema>();
  const std::string_view option = file.option(rule, kRequiredLabelsOption);
  if (!trim(option).empty()) {
    std::string_view rest = option;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view item = trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      if (item.empty()) continue;
      const size_t colon = item.rfind(':');
      if (colon == std::string_view::npos) {
        schema->labels.emplace_back(std::string(item), "text");
      } else {
        schema->labels.emplace_back(std::string(trim(item.substr(0, colon))),
                                    std::string(trim(item.substr(colon + 1))));
      }
    }
  } else {
    schema->labels = file.settings.required_labels;
  }
  schema->strict = file.settings.strict_labels;
  for (const RuleOption& o : rule.options) {
    if (o.name != "strict-labels") continue;
    const std::string_view v = trim(file.option(rule, o.name));
    if (v == "true") schema->strict = true;
    if (v == "false") schema->strict = false;
  }
  return schema;
}

bool valid_url(std::string_view s) {
  // scheme ":" hier-part [ "?" query ] [ "#" fragment ]  (Network.URI.parseURI)
  size_t i = 0;
  if (s.empty() || !is_alpha(s[0])) return false;
  while (i < s.size() &&
         (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) {
    ++i;
  }
  if (i >= s.size() || s[i] != ':') return false;
  ++i;
  if (s.substr(i, 2) == "//") {
    i += 2;
    // authority = [ userinfo "@" ] host [ ":" port ]
    const size_t end = s.find_first_of("/?#", i);
    const std::string_view auth =
        s.substr(i, end == std::string_view::npos ? s.size() - i : end - i);
    std::string_view host = auth;
    if (const size_t at = auth.rfind('@'); at != std::string_view::npos) {
      size_t j = 0;
      const std::string_view user = auth.substr(0, at);
      if (!eat_chars(user, j, ":") || j != user.size()) return false;
      host = auth.substr(at + 1);
    }
    if (!host.empty() && host.front() == '[') {
      const size_t close = host.find(']');
      if (close == std::string_view::npos) return false;
      const std::string_view lit = host.substr(1, close - 1);
      if (lit.empty() || !std::all_of(lit.begin(), lit.end(), [](char c) {
            return is_hex(c) || c == ':' || c == '.' || c == 'v' || c == 'V' || is_unreserved(c) ||
                   is_sub_delim(c);
          })) {
        return false;
      }
      host = host.substr(close + 1);
      if (!host.empty() &&
          (host.front() != ':' || !std::all_of(host.begin() + 1, host.end(), is_digit))) {
        return false;
      }
    } else {
      const size_t colon = host.rfind(':');
      std::string_view name = host.substr(0, colon);
      if (colon != std::string_view::npos) {
        const std::string_view port = host.substr(colon + 1);
        if (!std::all_of(port.begin(), port.end(), is_digit)) return false;
      }
      size_t j = 0;
      if (!eat_chars(name, j, "") || j != name.size()) return false;
    }
    i += auth.size();
  }
  // path, then query and fragment
  if (!eat_chars(s, i, ":@/")) return false;
  if (i < s.size() && s[i] == '?') {
    ++i;
    if (!eat_chars(s, i, ":@/?")) return false;
  }
  if (i < s.size() && s[i] == '#') {
    ++i;
    if (!eat_chars(s, i, ":@/?")) return false;
  }
  return i == s.size();
}

bool valid_rfc3339(std::string_view s) {
  // full-date "T" full-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
  if (s.size() < 20) return false;
  auto digits = [&](size_t pos, size_t n) { return all_digits(s.substr(pos, n)); };
  if (!digits(0, 4) || s[4] != '-' || !digits(5, 2) || s[7] != '-' || !digits(8, 2)) return false;
  if (s[10] != 'T' && s[10] != 't') return false;
  if (!digits(11, 2) || s[13] != ':' || !digits(14, 2) || s[16] != ':' || !digits(17, 2)) {
    return false;
  }
  const int year = number(s.substr(0, 4)), month = number(s.substr(5, 2));
  const int day = number(s.substr(8, 2));
  const int hour = number(s.substr(11, 2)), minute = number(s.substr(14, 2));
  const int second = number(s.substr(17, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    const size_t start = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) return false;
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) return i + 1 == s.size();
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    if (s.size() != i + 6 || !digits(i + 1, 2) || s[i + 3] != ':' || !digits(i + 4, 2)) {
      return false;
    }
    return number(s.substr(i + 1, 2)) <= 23 && number(s.substr(i + 4, 2)) <= 59;
  }
  return false;
}

bool valid_spdx(std::string_view s) {
  return std::binary_search(std::begin(kSpdxIds), std::end(kSpdxIds), s);
}

bool valid_git_hash(std::string_view s) {
  if (s.size() != 7 && s.size() != 40) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); });
}

bool valid_semver(std::string_view s) {
  // <major>.<minor>.<patch>[-<pre-release>][+<build>]
  auto numeric = [](std::string_view n) { return all_digits(n) && (n.size() == 1 || n[0] != '0'); };
  auto identifiers = [&](std::string_view list, bool pre) {
    if (list.empty()) return false;
    size_t start = 0;
    while (true) {
      const size_t dot = list.find('.', start);
      const std::string_view id =
          list.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
      if (id.empty()) return false;
      if (!std::all_of(id.begin(), id.end(),
                       [](char c) { return is_alpha(c) || is_digit(c) || c == '-'; })) {
        return false;
      }
      // Numeric pre-release identifiers must not have leading zeros.
      if (pre && all_digits(id) && !numeric(id)) return false;
      if (dot == std::string_view::npos) return true;
      start = dot + 1;
    }
  };
  std::string_view core = s;
  std::string_view build, pre;
  if (const size_t plus = core.find('+'); plus != std::string_view::npos) {
    build = core.substr(plus + 1);
    if (!identifiers(build, false)) return false;
    core = core.substr(0, plus);
  }
  if (const size_t dash = core.find('-'); dash != std::string_view::npos) {
    pre = core.substr(dash + 1);
    if (!identifiers(pre, true)) return false;
    core = core.substr(0, dash);
  }
  const size_t d1 = core.find('.');
  if (d1 == std::string_view::npos) return false;
  const size_t d2 = core.find('.', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  return numeric(core.substr(0, d1)) && numeric(core.substr(d1 + 1, d2 - d1 - 1)) &&
         numeric(core.substr(d2 + 1));
}

bool valid_email(std::string_view s) {
  // addr-spec = local-part "@" domain (RFC 5322, without comments or folding white space)
  auto is_atext = [](char c) {
    return is_alpha(c) || is_digit(c) ||
           std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  auto dot_atom = [&](std::string_view t) {
    if (t.empty() || t.front() == '.' || t.back() == '.') return false;
    if (t.find("..") != std::string_view::npos) return false;
    return std::all_of(t.begin(), t.end(), [&](char c) { return c == '.' || is_atext(c); });
  };
  const size_t at = s.rfind('@');
  if (at == std::string_view::npos) return false;
  const std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
  bool local_ok = dot_atom(local);
  if (!local_ok && local.size() >= 2 && local.front() == '"' && local.back() == '"') {
    local_ok = true;
    for (size_t i = 1; i + 1 < local.size(); ++i) {
      const char c = local[i];
      if (c == '\\') {
        if (++i + 1 >= local.size()) return false;
      } else if (c == '"' || c == '\r' || c == '\n') {
        return false;
      }
    }
  }
  if (!local_ok) return false;
  if (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']') {
    const std::string_view lit = domain.substr(1, domain.size() - 2);
    return std::none_of(lit.begin(), lit.end(),
                        [](char c) { return c == '[' || c == ']' || c == '\\' || c == ' '; });
  }
  return dot_atom(domain);
}

std::unique_ptr<RuleState> LabelValueRule::start(const FileContext& file) const {
  // Most runs have no schema, or none with this type: decide that without building one per file.
  if (trim(file.option(info_, kRequiredLabelsOption)).empty() &&
      std::none_of(file.settings.required_labels.begin(), file.settings.required_labels.end(),
                   [&](const auto& l) { return l.second == type_; })) {
    return nullptr;
  }
  auto schema = schema_for(file, info_);
  if (std::none_of(schema->labels.begin(), schema->labels.end(),
                   [&](const auto& l) { return l.second == type_; })) {
    return nullptr;
  }
  return schema;
}

void LabelValueRule::check(const FileContext& file, const InstrRef& ref, RuleState* state,
                           Reporter& out) const {
  if (!state) return;
  const auto& schema = static_cast<const Schema&>(*state);
  for (const ast::KeyValue& kv : ref.instr.pairs) {
    const std::string key = style_util::unquote(kv.key.value, file.ast.escape);
    const std::string* type = schema.type_of(key);
    if (!type || *type != type_) continue;
    const std::string value =
        kv.value ? style_util::unquote(kv.value->value, file.ast.escape) : std::string();
    if (valid_(value)) continue;
    const TextRange where = kv.value && !kv.value->range.empty() ? kv.value->range : kv.range;
    out.report(where, fmt::format("label '{}' value '{}' is not {}", key, value, what_));
  }
}

}  // namespace dfopt::rules::labels
