#pragma once
// Accounts that RUN instructions create (useradd/adduser/groupadd/addgroup, in their shadow-utils,
// Debian and BusyBox spellings), and the numeric UID:GID a USER value maps to, from those and
// from the base-image knowledge base. Used by non-numeric-user to suggest the numeric form.

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "dfopt/shell.h"
#include "rules/security/final_image_user.h"

namespace dfopt::rules::security {

/// One account a RUN creates.
struct AccountEvent {
  uint32_t instr = 0;
  uint32_t stage = 0;
  bool group = false;  ///< a group (groupadd/addgroup with one operand), else a user
  std::string name;
  std::optional<uint32_t> id;  ///< UID or GID when given as a number
  std::string primary_group;   ///< a user's `-g`/`-G`/`--ingroup` group, as written
};

inline std::optional<uint32_t> to_id(std::string_view s) {
  uint32_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

/// Options of useradd/adduser/groupadd/addgroup that take a value (shadow-utils and BusyBox
/// one-letter options; Debian adduser's long ones).
inline constexpr std::string_view kAccountValueOptions[] = {
    "u",         "g",      "G",        "d",          "s",        "c",
    "k",         "K",      "p",        "e",          "f",        "b",
    "h",         "Z",      "R",        "P",          "uid",      "gid",
    "groups",    "home",   "home-dir", "shell",      "comment",  "gecos",
    "ingroup",   "key",    "password", "expiredate", "inactive", "base-dir",
    "root",      "prefix", "firstuid", "lastuid",    "conf",     "add_extra_groups",
    "extrausers"};

/// The accounts created by every top-level shell-form RUN of the file, in file order.
inline std::vector<AccountEvent> created_accounts(const FileContext& file) {
  std::vector<AccountEvent> out;
  const shell::OptionSpec spec{.with_value = kAccountValueOptions};
  for (uint32_t i = 0; i < file.ast.instructions.size(); ++i) {
    if (!file.ast.instructions[i].is(ast::InstrKind::run)) continue;
    const uint32_t stage = file.model.stage_of(i);
    if (stage == model::npos) continue;
    const shell::Script& script = file.script(i);
    if (!script.is_sh()) continue;
    for (const shell::Command& cmd : script.commands) {
      const std::string_view name = cmd.name();
      const bool user_cmd = name == "useradd" || name == "adduser";
      const bool group_cmd = name == "groupadd" || name == "addgroup";
      if (!user_cmd && !group_cmd) continue;
      const shell::Options opts = shell::parse_options(cmd, spec);
      if (opts.operands.empty()) continue;
      AccountEvent ev;
      ev.instr = i;
      ev.stage = stage;
      ev.name = std::string(cmd.argv[opts.operands.front()].text);
      // `adduser USER GROUP` (Debian and BusyBox) adds an existing user to a group.
      if (name == "adduser" && opts.operands.size() > 1) continue;
      if (group_cmd && opts.operands.size() > 1) continue;  // `addgroup USER GROUP`
      if (group_cmd) {
        ev.group = true;
        if (const shell::Option* g = opts.find("g")) ev.id = to_id(g->value);
        if (const shell::Option* g = opts.find("gid")) ev.id = to_id(g->value);
      } else {
        if (const shell::Option* u = opts.find("u")) ev.id = to_id(u->value);
        if (const shell::Option* u = opts.find("uid")) ev.id = to_id(u->value);
        // useradd -g is the primary group; BusyBox adduser -G is too (its -g is GECOS).
        const shell::Option* g = name == "useradd" ? opts.find("g") : opts.find("G");
        if (!g) g = opts.find(name == "useradd" ? "gid" : "ingroup");
        if (g) ev.primary_group = std::string(g->value);
      }
      out.push_back(std::move(ev));
    }
  }
  return out;
}

/// The stages whose instructions shape `stage`: itself and its FROM ancestors in the file.
inline bool in_chain(const model::Model& m, uint32_t stage, uint32_t candidate) {
  for (uint32_t s = stage, n = 0; s != model::npos && n <= m.stages().size(); ++n) {
    if (s == candidate) return true;
    s = m.stage(s).base_kind == model::BaseKind::stage ? m.stage(s).parent : model::npos;
  }
  return false;
}

/// The numeric "UID:GID" (or "UID") for `USER value` at `instr`, from accounts created earlier in
/// the stage chain and from what the base image ships; "" when the UID is not known.
inline std::string numeric_user(const FileContext& file, const std::vector<AccountEvent>& events,
                                uint32_t instr, std::string_view value) {
  const model::Model& m = file.model;
  const uint32_t stage = m.stage_of(instr);
  if (stage == model::npos) return "";
  const ChainBase base = chain_base(m, stage);
  const size_t colon = value.find(':');
  const std::string_view user = value.substr(0, colon);
  const std::string_view group =
      colon == std::string_view::npos ? std::string_view{} : value.substr(colon + 1);

  auto find = [&](std::string_view name, bool want_group) -> const AccountEvent* {
    const AccountEvent* found = nullptr;
    for (const AccountEvent& e : events) {
      if (e.instr >= instr) break;
      if (e.group == want_group && e.name == name && in_chain(m, stage, e.stage)) found = &e;
    }
    return found;
  };
  auto gid_of = [&](std::string_view name) -> std::optional<uint32_t> {
    if (auto n = to_id(name)) return n;
    if (const AccountEvent* g = find(name, true)) return g->id;
    if (base.facts) {
      if (const kb::ImageUser* u = base.facts.find_user(name)) return u->gid;
    }
    return std::nullopt;
  };

  std::optional<uint32_t> uid, gid;
  if (const AccountEvent* u = find(user, false)) {
    uid = u->id;
    if (group.empty()) gid = gid_of(u->primary_group.empty() ? user : u->primary_group);
  } else if (base.facts) {
    if (const kb::ImageUser* ku = base.facts.find_user(user)) {
      uid = ku->uid;
      if (group.empty()) gid = ku->gid;
    }
  }
  if (!uid) return "";
  if (!group.empty()) gid = gid_of(group);
  return gid ? fmt::format("{}:{}", *uid, *gid) : fmt::format("{}", *uid);
}

}  // namespace dfopt::rules::security
