#include "rules/security/credentials.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "rules/common/shell_rules.h"
#include "rules/security/run_commands.h"
#include "rules/security/security_helpers.h"

namespace dfopt::rules::security {
namespace {

using Emit = std::function<void(const shell::Command&, const Credential&)>;

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// Emits `value`, a part of the value of option `o` (of `cmd`), as a credential.
void emit_option_part(const shell::Command& cmd, const shell::Option& o, std::string what,
                      const Emit& fn, std::string_view value) {
  if (!o.has_value || o.value_word == shell::npos || value.empty()) return;
  // `-p --eval ...`: the option prompts, and the next word is another option.
  if (o.value_word != o.word && o.value.starts_with('-')) return;
  const shell::Word& w = cmd.argv[o.value_word];
  Credential c;
  c.word = &w;
  // `value` views the word's text (`-pSECRET`, `--password=SECRET`, or the whole next word).
  const char* base = w.text.data();
  c.offset = value.data() >= base && value.data() + value.size() <= base + w.text.size()
                 ? static_cast<size_t>(value.data() - base)
                 : 0;
  c.value = value;
  c.what = std::move(what);
  fn(cmd, c);
}

/// Emits the value of option `o` (of `cmd`) as a credential.
void emit_option(const shell::Command& cmd, const shell::Option& o, std::string what,
                 const Emit& fn) {
  emit_option_part(cmd, o, std::move(what), fn, o.value);
}

void emit_word(const shell::Command& cmd, const shell::Word& w, size_t offset,
               std::string_view value, std::string what, const Emit& fn) {
  if (value.empty()) return;
  Credential c;
  c.word = &w;
  c.offset = offset;
  c.value = value;
  c.what = std::move(what);
  fn(cmd, c);
}

/// A user name with no password could still be a token (`https://<token>@github.com`): known
/// token prefixes, a variable, or a long run of token characters with letters and digits.
bool looks_like_token(std::string_view s) {
  static constexpr std::string_view kPrefixes[] = {
      "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "gldt-", "glcbt-"};
  for (std::string_view p : kPrefixes) {
    if (s.substr(0, p.size()) == p && s.size() > p.size()) return true;
  }
  if (s.size() < 20) return false;
  bool alpha = false, digit = false;
  for (char c : s) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      alpha = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (c != '_' && c != '-' && c != '.') {
      return false;
    }
  }
  return alpha && digit;
}

/// `s` is a single variable reference whose name looks like a secret (`${GITHUB_TOKEN}`), not a
/// user name (`${USER}`).
bool is_secret_var(std::string_view s) {
  static constexpr std::string_view kTokens[] = {"token", "pat",        "password",    "passwd",
                                                 "pass",  "secret",     "key",         "apikey",
                                                 "auth",  "credential", "credentials", "pw"};
  const auto refs = variable_refs(s);
  return refs.size() == 1 && refs[0].offset == 0 && refs[0].size == s.size() &&
         has_token(refs[0].name, kTokens);
}

/// `scheme://user:password@host` and `scheme://token@host` inside a word.
void scan_urls(const shell::Command& cmd, const shell::Word& w, const Emit& fn) {
  const std::string_view t = w.text;
  size_t pos = 0;
  while ((pos = t.find("://", pos)) != std::string_view::npos) {
    // The scheme: letters, digits, '+', '-', '.' before "://".
    size_t s = pos;
    while (s > 0 && (std::isalnum(static_cast<unsigned char>(t[s - 1])) || t[s - 1] == '+' ||
                     t[s - 1] == '-' || t[s - 1] == '.')) {
      --s;
    }
    const size_t auth = pos + 3;
    pos = auth;
    if (s == pos - 3) continue;
    size_t end = auth;
    // The authority ends at '/', '?', '#', a blank or a quote. `${...}` may contain '/'.
    while (end < t.size()) {
      const char c = t[end];
      if (c == '$' && end + 1 < t.size() && t[end + 1] == '{') {
        const size_t close = t.find('}', end);
        if (close == std::string_view::npos) break;
        end = close + 1;
        continue;
      }
      if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' ||
          std::isspace(static_cast<unsigned char>(c))) {
        break;
      }
      ++end;
    }
    const std::string_view authority = t.substr(auth, end - auth);
    const size_t at = authority.rfind('@');
    if (at == std::string_view::npos || at == 0) continue;
    const std::string_view userinfo = authority.substr(0, at);
    const size_t colon = userinfo.find(':');
    if (colon != std::string_view::npos) {
      const std::string_view password = userinfo.substr(colon + 1);
      emit_word(cmd, w, auth + colon + 1, password, "password in a URL", fn);
    } else if (looks_like_token(userinfo) || is_secret_var(userinfo)) {
      emit_word(cmd, w, auth, userinfo, "token in a URL", fn);
    }
  }
}

/// `Name: value` headers that carry credentials.
void header(const shell::Command& cmd, const shell::Option& o, std::string_view program,
            const Emit& fn) {
  if (!o.has_value) return;
  const std::string_view h = o.value;
  const size_t colon = h.find(':');
  if (colon == std::string_view::npos) return;
  const std::string name = ascii_lower(h.substr(0, colon));
  if (!sh::one_of(name, {"authorization", "proxy-authorization", "private-token", "x-api-key",
                         "x-auth-token"})) {
    return;
  }
  size_t v = colon + 1;
  while (v < h.size() && h[v] == ' ') ++v;
  // `Authorization: Bearer <token>`: the credential follows the scheme.
  if (name.find("authorization") != std::string::npos) {
    const size_t space = h.find(' ', v);
    if (space != std::string_view::npos) {
      v = space + 1;
      while (v < h.size() && h[v] == ' ') ++v;
    }
  }
  const std::string_view value = h.substr(v);
  std::string header_name(h.substr(0, colon));
  emit_option_part(cmd, o, fmt::format("`{}` header for `{}`", header_name, program), fn, value);
}

/// `user:password` values (`curl -u`): the part after the first ':'.
void user_password(const shell::Command& cmd, const shell::Option& o, std::string what,
                   const Emit& fn) {
  if (!o.has_value) return;
  const size_t colon = o.value.find(':');
  if (colon == std::string_view::npos) return;
  emit_option_part(cmd, o, std::move(what), fn, o.value.substr(colon + 1));
}

constexpr std::string_view kLoginValues[] = {
    "u",         "username", "p",        "password", "config",          "context",
    "c",         "H",        "host",     "l",        "log-level",       "tlscacert",
    "tlscert",   "tlskey",   "authfile", "cert-dir", "registry-config", "ca-file",
    "cert-file", "key-file"};
constexpr std::string_view kMysqlValues[] = {
    "u",       "h",    "P",    "S",      "D",        "e",       "p",
    "user",    "host", "port", "socket", "database", "execute", "default-character-set",
    "protocol"};
// clang-format off
constexpr std::string_view kMongoValues[] = {
    "u", "p", "h", "d", "c", "o", "username", "password", "host", "port", "db", "collection",
    "authenticationDatabase", "authenticationMechanism", "eval", "file", "out", "uri", "archive",
    "nsInclude", "nsExclude", "type", "fields"};
// clang-format on
constexpr std::string_view kRedisValues[] = {"h", "p",    "a",    "n",       "u",
                                             "s", "pass", "user", "askpass", "tls-ca-cert"};
constexpr std::string_view kSshpassValues[] = {"p", "f", "d", "P"};
constexpr std::string_view kSvnValues[] = {"username",   "password",      "r",     "revision",
                                           "m",          "message",       "F",     "file",
                                           "config-dir", "config-option", "depth", "accept"};
// clang-format off
constexpr std::string_view kDotnetValues[] = {
    "n", "name", "u", "username", "p", "password", "configfile", "valid-authentication-types",
    "protocol-version", "s", "source"};
// clang-format on
constexpr std::string_view kHtpasswdValues[] = {"C", "r"};
constexpr std::string_view kRabbitValues[] = {"n", "node", "t", "timeout", "l"};

bool is_mysql_client(std::string_view p) {
  return sh::one_of(p, {"mysql", "mysqladmin", "mysqldump", "mysqlimport", "mysqlshow",
                        "mysqlcheck", "mysqlpump", "mysqlslap", "mariadb", "mariadb-dump",
                        "mariadb-admin", "mariadb-import", "mariadb-show", "mariadb-check"});
}

bool is_mongo_client(std::string_view p) {
  return sh::one_of(p, {"mongo", "mongosh", "mongodump", "mongorestore", "mongoimport",
                        "mongoexport", "mongostat", "mongotop", "mongofiles"});
}

void commands(const shell::Command& cmd, const Emit& fn) {
  const Invocation inv = invocation(cmd);
  if (!inv) return;
  const std::string_view p = inv.program;
  if (p == "curl") {
    for (const shell::Option& o : inv.options(kCurlValues).options) {
      if (o.name == "u" || o.name == "user") {
        user_password(cmd, o, "password for `curl --user`", fn);
      } else if (o.name == "U" || o.name == "proxy-user") {
        user_password(cmd, o, "password for `curl --proxy-user`", fn);
      } else if (o.name == "oauth2-bearer") {
        emit_option(cmd, o, "token for `curl --oauth2-bearer`", fn);
      } else if (o.name == "H" || o.name == "header" || o.name == "proxy-header") {
        header(cmd, o, p, fn);
      }
    }
  } else if (p == "wget") {
    for (const shell::Option& o : inv.options(kWgetValues).options) {
      if (sh::one_of(o.name, {"password", "http-password", "ftp-password", "proxy-password"})) {
        emit_option(cmd, o, fmt::format("password for `wget --{}`", o.name), fn);
      } else if (o.name == "header") {
        header(cmd, o, p, fn);
      }
    }
  } else if (sh::one_of(p, {"docker", "podman", "buildah", "nerdctl", "skopeo", "oras", "helm",
                            "crane", "regctl"})) {
    const shell::Options opts = inv.options(kLoginValues);
    if (opts.operands.empty()) return;
    const std::string_view sub = cmd.argv[opts.operands[0]].text;
    const std::string_view sub2 =
        opts.operands.size() > 1 ? cmd.argv[opts.operands[1]].text : std::string_view();
    std::string what;
    if (sub == "login") {
      what = fmt::format("password for `{} login`", p);
    } else if ((sub == "registry" || sub == "auth") && sub2 == "login") {
      // helm registry login, regctl registry login, crane auth login
      what = fmt::format("password for `{} {} login`", p, sub);
    } else if (p == "helm" && sub == "repo" && sub2 == "add") {
      what = "password for `helm repo add`";
    } else {
      return;
    }
    for (const shell::Option& o : opts.options) {
      if (o.name == "p" || o.name == "password") emit_option(cmd, o, what, fn);
    }
  } else if (is_mysql_client(p)) {
    const shell::Options opts = inv.options(kMysqlValues);
    for (const shell::Option& o : opts.options) {
      // mysql's password option takes its value attached only: `-pSECRET`,
      // `--password=SECRET`; `-p` alone prompts, and a next word is the database.
      if ((o.name == "p" || o.name == "password") && o.has_value && o.value_word == o.word) {
        emit_option(cmd, o, fmt::format("password for `{}`", p), fn);
      }
    }
    if (p == "mysqladmin") {
      // mysqladmin [options] password NEW-PASSWORD
      for (size_t k = 0; k + 1 < opts.operands.size(); ++k) {
        if (cmd.argv[opts.operands[k]].text == "password") {
          const shell::Word& w = cmd.argv[opts.operands[k + 1]];
          emit_word(cmd, w, 0, w.text, "new password for `mysqladmin password`", fn);
          break;
        }
      }
    }
  } else if (is_mongo_client(p)) {
    for (const shell::Option& o : inv.options(kMongoValues).options) {
      if (o.name == "p" || o.name == "password") {
        emit_option(cmd, o, fmt::format("password for `{}`", p), fn);
      }
    }
  } else if (p == "redis-cli") {
    for (const shell::Option& o : inv.options(kRedisValues).options) {
      if (o.name == "a" || o.name == "pass") emit_option(cmd, o, "password for `redis-cli`", fn);
    }
  } else if (p == "sshpass") {
    // sshpass [options] command...: options stop at the command.
    for (const shell::Option& o : inv.options(kSshpassValues, 0, true).options) {
      if (o.name == "p") emit_option(cmd, o, "password for `sshpass -p`", fn);
    }
  } else if (p == "svn") {
    for (const shell::Option& o : inv.options(kSvnValues).options) {
      if (o.name == "password") emit_option(cmd, o, "password for `svn`", fn);
    }
  } else if (p == "dotnet") {
    const shell::Options opts = inv.options(kDotnetValues);
    if (opts.operands.size() < 3) return;
    const std::string_view a = cmd.argv[opts.operands[0]].text;
    const std::string_view b = cmd.argv[opts.operands[1]].text;
    const std::string_view c = cmd.argv[opts.operands[2]].text;
    if (a != "nuget" || c != "source" || (b != "add" && b != "update")) return;
    for (const shell::Option& o : opts.options) {
      if (o.name == "p" || o.name == "password") {
        emit_option(cmd, o, fmt::format("password for `dotnet nuget {} source`", b), fn);
      }
    }
  } else if (p == "htpasswd") {
    // Batch mode (-b) takes the password as the last operand: `htpasswd -b[c] FILE USER PW` or
    // `htpasswd -nb USER PW`.
    const shell::Options opts = inv.options(kHtpasswdValues);
    if (!opts.has("b")) return;
    const size_t need = opts.has("n") ? 2 : 3;
    if (opts.operands.size() != need) return;
    const shell::Word& w = cmd.argv[opts.operands.back()];
    emit_word(cmd, w, 0, w.text, "password for `htpasswd -b`", fn);
  } else if (p == "rabbitmqctl") {
    const shell::Options opts = inv.options(kRabbitValues);
    if (opts.operands.size() < 3) return;
    const std::string_view sub = cmd.argv[opts.operands[0]].text;
    if (sub != "add_user" && sub != "change_password") return;
    const shell::Word& w = cmd.argv[opts.operands[2]];
    emit_word(cmd, w, 0, w.text, fmt::format("password for `rabbitmqctl {}`", sub), fn);
  } else if (p == "npm" || p == "pnpm" || p == "yarn") {
    // npm config set //registry/:_authToken TOKEN (or KEY=VALUE); yarn config set npmAuthToken.
    const shell::Options opts = inv.options(kNpmValues);
    const auto& ops = opts.operands;
    size_t at = 0;
    if (ops.size() >= 2 &&
        (cmd.argv[ops[0]].text == "config" || (p != "yarn" && cmd.argv[ops[0]].text == "c")) &&
        cmd.argv[ops[1]].text == "set") {
      at = 2;
    } else if (!ops.empty() && p == "npm" && cmd.argv[ops[0]].text == "set") {
      at = 1;
    } else {
      return;
    }
    if (at >= ops.size()) return;
    const shell::Word& kw = cmd.argv[ops[at]];
    std::string_view key = kw.text;
    const shell::Word* vw = nullptr;
    size_t offset = 0;
    const size_t eq = key.find('=');
    if (eq != std::string_view::npos) {
      vw = &kw;
      offset = eq + 1;
      key = key.substr(0, eq);
    } else if (at + 1 < ops.size()) {
      vw = &cmd.argv[ops[at + 1]];
    }
    if (!vw) return;
    const bool secret_key = key.ends_with("_authToken") || key.ends_with("_auth") ||
                            key.ends_with("_password") || key == "npmAuthToken" ||
                            key == "npmAuthIdent";
    if (secret_key) {
      emit_word(cmd, *vw, offset, vw->text.substr(offset),
                fmt::format("`{}` for `{} config set`", key, p), fn);
    }
  }
}

/// Credential variables read by client tools, when set for a command in RUN.
void password_variables(const shell::Command& cmd, const Emit& fn) {
  auto check = [&](const shell::Word& w) {
    const std::string_view t = w.text;
    const size_t eq = t.find('=');
    if (eq == std::string_view::npos) return;
    const std::string_view name = t.substr(0, eq);
    if (sh::one_of(name, {"PGPASSWORD", "MYSQL_PWD", "SSHPASS", "REDISCLI_AUTH"})) {
      emit_word(cmd, w, eq + 1, t.substr(eq + 1), fmt::format("password in {}", name), fn);
    }
  };
  if (cmd.argv.empty()) return;
  for (const shell::Word& w : cmd.assignments) check(w);
  const std::string_view name = cmd.name();
  if (name == "export" || name == "env") {
    for (size_t i = 1; i < cmd.argv.size(); ++i) check(cmd.argv[i]);
  }
}

/// npm's `.npmrc` syntax written by echo/printf: `//registry.npmjs.org/:_authToken=TOKEN`.
void npmrc_tokens(const shell::Command& cmd, const Emit& fn) {
  const std::string_view name = cmd.name();
  if (name != "echo" && name != "printf") return;
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    const shell::Word& w = cmd.argv[i];
    size_t pos = 0;
    while ((pos = w.text.find("_authToken=", pos)) != std::string_view::npos) {
      pos += 11;
      size_t end = pos;
      while (end < w.text.size() && !std::isspace(static_cast<unsigned char>(w.text[end])) &&
             w.text[end] != '\\') {
        ++end;
      }
      emit_word(cmd, w, pos, w.text.substr(pos, end - pos), "npm `_authToken`", fn);
    }
  }
}

}  // namespace

void find_credentials(const shell::Script& script, const Emit& fn) {
  for (const shell::Command& cmd : script.commands) {
    commands(cmd, fn);
    password_variables(cmd, fn);
    npmrc_tokens(cmd, fn);
    for (const shell::Word& w : cmd.argv) scan_urls(cmd, w, fn);
    for (const shell::Word& w : cmd.assignments) scan_urls(cmd, w, fn);
  }
}

std::vector<VarRef> variable_refs(std::string_view value) {
  std::vector<VarRef> out;
  for (size_t i = 0; i + 1 < value.size(); ++i) {
    if (value[i] != '$') continue;
    if (value[i + 1] == '{') {
      size_t j = i + 2;
      while (j < value.size() && is_name_char(value[j])) ++j;
      const size_t close = value.find('}', j);
      if (j == i + 2 || close == std::string_view::npos) continue;
      out.push_back({value.substr(i + 2, j - i - 2), i, close + 1 - i});
      i = close;
    } else if (is_name_char(value[i + 1]) &&
               !std::isdigit(static_cast<unsigned char>(value[i + 1]))) {
      size_t j = i + 1;
      while (j < value.size() && is_name_char(value[j])) ++j;
      out.push_back({value.substr(i + 1, j - i - 1), i, j - i});
      i = j - 1;
    }
  }
  return out;
}

bool is_literal_value(std::string_view value) {
  return value.find('$') == std::string_view::npos && value.find('`') == std::string_view::npos;
}

}  // namespace dfopt::rules::security
