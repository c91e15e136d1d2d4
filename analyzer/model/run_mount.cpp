// RUN --mount values, following BuildKit's frontend/dockerfile/instructions/commands_runmount.go.

#include "model/run_mount.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace dfopt::detail {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// encoding/csv's Reader.Read for the first record, with Go's defaults (',' separator, strict
// quotes, no leading-space trimming). Returns false with `error` on a malformed record.
bool read_csv_record(std::string_view s, std::vector<std::string>& fields, std::string& error) {
  fields.clear();
  // The record ends at the first line ending outside quotes; a leading empty line is skipped
  // by the reader, and an empty input is io.EOF.
  size_t i = 0;
  while (i < s.size() && (s[i] == '\n' || s[i] == '\r')) ++i;
  if (i == s.size()) {
    error = "EOF";
    return false;
  }
  while (true) {
    std::string field;
    if (i < s.size() && s[i] == '"') {
      ++i;
      bool closed = false;
      while (i < s.size()) {
        if (s[i] == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        field += s[i++];
      }
      if (!closed) {
        error = "extraneous or missing \" in quoted-field";
        return false;
      }
      if (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
        error = "extraneous or missing \" in quoted-field";
        return false;
      }
    } else {
      while (i < s.size() && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
        if (s[i] == '"') {
          error = "bare \" in non-quoted-field";
          return false;
        }
        field += s[i++];
      }
    }
    fields.push_back(std::move(field));
    if (i < s.size() && s[i] == ',') {
      ++i;
      continue;
    }
    return true;
  }
}

// strconv.ParseBool
std::optional<bool> parse_go_bool(std::string_view v) {
  if (v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "true" || v == "True") return true;
  if (v == "0" || v == "f" || v == "F" || v == "FALSE" || v == "false" || v == "False") {
    return false;
  }
  return std::nullopt;
}

// strconv.ParseUint(v, base, 32)
bool parse_go_uint32(std::string_view v, int base) {
  if (v.empty()) return false;
  uint64_t n = 0;
  for (char c : v) {
    const int d = c >= '0' && c <= '9' ? c - '0' : 99;
    if (d >= base) return false;
    n = n * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    if (n > UINT32_MAX) return false;
  }
  return true;
}

// go-units RAMInBytes: ^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$
bool parse_ram_size(std::string_view v) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    return i > start;
  };
  if (!digits()) return false;
  while (i < v.size() && v[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < v.size() && v[i] == ' ') ++i;
  if (i < v.size() && std::string_view("kKmMgGtTpP").find(v[i]) != std::string_view::npos) ++i;
  if (i < v.size() && (v[i] == 'i' || v[i] == 'I')) ++i;
  if (i < v.size() && (v[i] == 'b' || v[i] == 'B')) ++i;
  return i == v.size();
}

bool is_mount_type(std::string_view t) {
  return t == "bind" || t == "cache" || t == "tmpfs" || t == "secret" || t == "ssh";
}

}  // namespace

void parse_run_mount(std::string_view value, const MountExpander& expand, model::RunMount& out) {
  out.fields.clear();
  out.type = "bind";
  auto fail = [&out](std::string msg) {
    if (out.error.empty()) out.error = std::move(msg);
  };

  std::vector<std::string> fields;
  std::string csv_error;
  if (!read_csv_record(value, fields, csv_error)) {
    fail("failed to parse csv mounts: " + csv_error);
    return;
  }

  bool ro_auto = true;
  bool has_mode = false, has_uid = false, has_gid = false;
  for (const std::string& field : fields) {
    const size_t eq = field.find('=');
    const std::string key = lower(std::string_view(field).substr(0, eq));
    if (eq == std::string::npos) {
      out.fields.emplace_back(key, std::nullopt);
      if (key == "readonly" || key == "ro") {
        out.readonly = true;
        ro_auto = false;
      } else if (key == "readwrite" || key == "rw") {
        out.readonly = false;
        ro_auto = false;
      } else if (key == "required") {
        if (out.type == "secret" || out.type == "ssh") {
          out.required = true;
        } else {
          fail("unexpected key '" + key + "' for mount type '" + out.type + "'");
        }
      } else {
        fail("invalid field '" + field + "' must be a key=value pair");
      }
      continue;
    }
    const std::string raw = field.substr(eq + 1);
    out.fields.emplace_back(key, raw);

    // `from` is checked before expansion: BuildKit resolves the stage graph from the unexpanded
    // value, so it refuses variables there outright.
    if (key == "from") {
      for (size_t k = 0; k + 1 < raw.size(); ++k) {
        if (raw[k] == '$') {
          fail("'from' doesn't support variable expansion, define alias stage instead");
          break;
        }
      }
    }
    std::string v = raw;
    if (expand) {
      std::string err;
      if (auto e = expand(raw, err)) {
        v = std::move(*e);
      } else {
        fail(err);
      }
    }

    if (key == "type") {
      const std::string t = lower(v);
      if (!is_mount_type(t)) {
        fail("unsupported mount type \"" + v + "\"");
      } else {
        out.type = t;
      }
    } else if (key == "from") {
      // Kept as written: BuildKit builds the stage graph from the unexpanded value.
      out.from = raw;
    } else if (key == "source" || key == "src") {
      out.source = v;
    } else if (key == "target" || key == "dst" || key == "destination") {
      out.target = v;
    } else if (key == "readonly" || key == "ro") {
      if (auto b = parse_go_bool(v)) {
        out.readonly = *b;
      } else {
        fail("invalid value for " + key + ": " + v);
      }
      ro_auto = false;
    } else if (key == "readwrite" || key == "rw") {
      if (auto b = parse_go_bool(v)) {
        out.readonly = !*b;
      } else {
        fail("invalid value for " + key + ": " + v);
      }
      ro_auto = false;
    } else if (key == "required") {
      if (out.type == "secret" || out.type == "ssh") {
        if (auto b = parse_go_bool(v)) {
          out.required = *b;
        } else {
          fail("invalid value for " + key + ": " + v);
        }
      } else {
        fail("unexpected key '" + key + "' for mount type '" + out.type + "'");
      }
    } else if (key == "size") {
      if (out.type != "tmpfs") {
        fail("unexpected key '" + key + "' for mount type '" + out.type + "'");
      } else if (!parse_ram_size(v)) {
        fail("invalid value for " + key + ": " + v);
      }
    } else if (key == "id") {
      out.id = v;
    } else if (key == "sharing") {
      const std::string m = lower(v);
      if (m != "shared" && m != "private" && m != "locked") {
        fail("unsupported sharing value \"" + v + "\"");
      } else {
        out.sharing = m;
      }
    } else if (key == "mode") {
      has_mode = true;
      if (!parse_go_uint32(v, 8)) fail("invalid value " + v + " for mode");
    } else if (key == "uid") {
      has_uid = true;
      if (!parse_go_uint32(v, 10)) fail("invalid value " + v + " for uid");
    } else if (key == "gid") {
      has_gid = true;
      if (!parse_go_uint32(v, 10)) fail("invalid value " + v + " for gid");
    } else if (key == "env") {
      // Dockerfile 1.10: a secret exposed as an environment variable.
      out.env = v;
    } else {
      fail("unexpected key '" + key + "' in '" + field + "'");
    }
  }

  // validateMount
  const bool file_info_allowed = out.type == "secret" || out.type == "ssh" || out.type == "cache";
  if (!file_info_allowed) {
    if (has_mode) fail("mode not allowed for \"" + out.type + "\" type mounts");
    if (has_uid) fail("uid not allowed for \"" + out.type + "\" type mounts");
    if (has_gid) fail("gid not allowed for \"" + out.type + "\" type mounts");
  }
  if (ro_auto) out.readonly = !(out.type == "cache" || out.type == "tmpfs");
  if (out.type == "secret") {
    if (!out.from.empty()) fail("secret mount should not have a from");
    if (!out.sharing.empty()) fail("secret mount should not define sharing");
    if (out.source.empty() && out.target.empty() && out.id.empty() && out.env.empty()) {
      fail("invalid secret mount. one of source, target required");
    }
    if (!out.source.empty() && !out.id.empty()) fail("both source and id can't be set");
  }
  if (!out.sharing.empty() && out.type != "cache") {
    fail("invalid cache sharing set for " + out.type + " mount");
  }
}

}  // namespace dfopt::detail
