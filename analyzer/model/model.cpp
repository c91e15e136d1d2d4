// The semantic model: stages, ARG/ENV scopes, USER/WORKDIR/SHELL state, mounts and the stage
// graph, following BuildKit's dockerfile2llb (convert.go) rather than the legacy builder.
//
// Scopes are not copied per instruction. Every ARG/ENV `name=value` becomes one Declaration in
// file order; each variable name keeps the ascending list of its declarations. "VAR at
// instruction i" is then a binary search for the last declaration of VAR before i inside the
// stage, continued in the parent stage (a stage FROM another inherits its state), then in the
// predefined values. Building is linear in the file; a lookup is O(log n) per stage of the
// parent chain and allocates nothing.

#include "dfopt/model.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/run_mount.h"

namespace dfopt::model {
namespace {

constexpr std::string_view kDefaultPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// BuildKit's parseBuildStageName: ^[a-z][a-z0-9-_.]*$ after lower-casing.
bool valid_stage_name(std::string_view name) {
  if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

// strconv.Atoi: optional sign and decimal digits, within int64.
std::optional<int64_t> go_atoi(std::string_view s) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i == s.size()) return std::nullopt;
  int64_t n = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    if (n > (INT64_MAX - (s[i] - '0')) / 10) return std::nullopt;
    n = n * 10 + (s[i] - '0');
  }
  return neg ? -n : n;
}

// Go's path.Clean for a path that starts with '/'.
std::string clean_abs_path(std::string_view p) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    const std::string_view part = p.substr(i, j - i);
    if (part.empty() || part == ".") {
      // skip
    } else if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else {
      parts.push_back(part);
    }
    i = j + 1;
  }
  std::string out;
  for (std::string_view part : parts) {
    out += '/';
    out += part;
  }
  return out.empty() ? "/" : out;
}

// "os/arch[/variant]" as containerd's platforms.Format prints it.
struct Platform {
  std::string full, os, arch, variant;
};
Platform split_platform(std::string_view p) {
  Platform out;
  out.full = std::string(p);
  const size_t a = p.find('/');
  out.os = std::string(p.substr(0, a));
  if (a != std::string_view::npos) {
    const size_t b = p.find('/', a + 1);
    out.arch = std::string(p.substr(a + 1, b == std::string_view::npos ? b : b - a - 1));
    if (b != std::string_view::npos) out.variant = std::string(p.substr(b + 1));
  }
  return out;
}

// Args that BuildKit records but never puts in the environment (convert.go nonEnvArgs).
bool is_non_env_arg(std::string_view name) {
  return name == "BUILDKIT_SBOM_SCAN_CONTEXT" || name == "BUILDKIT_SBOM_SCAN_STAGE";
}

bool needs_expansion(std::string_view word, char escape) {
  for (char c : word) {
    if (c == '$' || c == '\'' || c == '"' || c == escape) return true;
  }
  return false;
}

// toCommand's check: a --from value that ProcessWord with an empty environment would change
// (variables, quotes, escapes) is refused.
bool changed_by_expansion(std::string_view word, char escape) {
  if (!needs_expansion(word, escape)) return false;
  const VariableLookup none = [](std::string_view) { return std::optional<std::string_view>(); };
  ExpansionOptions options;
  options.escape = escape;
  Expansion out;
  return expand_word(word, none, options, out).has_value() || out.value != word;
}

std::string_view arg_string(const ast::Instruction& in) {
  // USER and WORKDIR use BuildKit's parseString: one argument holding the rest of the line.
  if (!in.args.empty()) return in.args.front().value;
  return in.args_text.value;
}

}  // namespace

PredefinedArg predefined_arg(std::string_view name) {
  static constexpr std::string_view kPlatform[] = {
      "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
      "BUILDPLATFORM",  "BUILDOS",  "BUILDARCH",  "BUILDVARIANT",
  };
  static constexpr std::string_view kProxy[] = {
      "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY",
      "ftp_proxy",  "NO_PROXY",   "no_proxy",    "ALL_PROXY",   "all_proxy",
  };
  static constexpr std::string_view kFrontend[] = {
      "BUILDKIT_CACHE_MOUNT_NS",    "BUILDKIT_CONTEXT_KEEP_GIT_DIR", "BUILDKIT_INLINE_CACHE",
      "BUILDKIT_MULTI_PLATFORM",    "BUILDKIT_SANDBOX_HOSTNAME",     "BUILDKIT_SYNTAX",
      "BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE",      "BUILDKIT_DOCKERFILE_CHECK",
      "SOURCE_DATE_EPOCH",
  };
  if (name == "TARGETSTAGE") return PredefinedArg::target_stage;
  if (std::find(std::begin(kPlatform), std::end(kPlatform), name) != std::end(kPlatform)) {
    return PredefinedArg::platform;
  }
  if (std::find(std::begin(kProxy), std::end(kProxy), name) != std::end(kProxy)) {
    return PredefinedArg::proxy;
  }
  if (std::find(std::begin(kFrontend), std::end(kFrontend), name) != std::end(kFrontend)) {
    return PredefinedArg::frontend;
  }
  return PredefinedArg::none;
}

size_t Model::NameHash::operator()(std::string_view s) const noexcept {
  return std::hash<std::string_view>{}(s);
}

// ---------------------------------------------------------------------------------------------
// Queries

uint32_t Model::name_id(std::string_view name) const {
  const auto it = name_ids_.find(name);
  return it == name_ids_.end() ? npos : it->second;
}

uint32_t Model::stage_of(uint32_t instr) const {
  return instr < instr_.size() ? instr_[instr].stage : npos;
}

uint32_t Model::find_stage(std::string_view name) const {
  // Stage names are stored lower-cased; a hash lookup keeps many-stage files linear.
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  auto it = stage_names_.find(lower);
  return it == stage_names_.end() ? npos : it->second;
}

Model::Scope Model::scope_of(uint32_t instr) const {
  if (instr >= instr_.size()) return Scope{npos, meta_seq_end_};
  const InstrState& st = instr_[instr];
  if (st.stage == npos) return Scope{npos, st.seq};
  // FROM lines are expanded with the global (meta) ARGs only.
  if (stages_[st.stage].from_instr == instr) return Scope{npos, meta_seq_end_};
  return Scope{st.stage, st.seq};
}

VarValue Model::lookup(uint32_t instr, std::string_view name) const {
  return lookup_in(scope_of(instr), name);
}

VarValue Model::lookup_at_end(uint32_t stage, std::string_view name) const {
  if (stage >= stages_.size()) return {};
  return lookup_in(Scope{stage, stage_state_[stage].seq_end}, name);
}

VarValue Model::lookup_global(std::string_view name) const {
  return lookup_in(Scope{npos, meta_seq_end_}, name);
}

VarValue Model::lookup_in(const Scope& scope, std::string_view name) const {
  return lookup_name_id(scope, name_id(name), name);
}

VarValue Model::lookup_name_id(const Scope& scope, uint32_t id, std::string_view name) const {
  uint32_t declared = npos;  // a declaration without value seen on the way
  auto from_decl = [this](uint32_t d) {
    VarValue v;
    v.status = VarStatus::set;
    v.source = decls_[d].kind == DeclKind::env ? VarSource::env : VarSource::arg;
    v.value = decls_[d].value;
    v.decl = d;
    v.unresolved = decls_[d].unresolved;
    return v;
  };
  auto has_env_value = [this](uint32_t d) {
    return decls_[d].has_value &&
           !(decls_[d].kind == DeclKind::arg && is_non_env_arg(decls_[d].name));
  };
  const std::vector<uint32_t>* list = id == npos ? nullptr : &decls_by_name_[id];

  if (scope.stage == npos) {
    // Global scope: ARGs before the first FROM (later ones win), then BuildKit's predefined
    // args. A global `ARG NAME` without value and without --build-arg leaves NAME as it was.
    if (list) {
      const uint32_t limit = std::min(scope.seq_limit, meta_seq_end_);
      auto it = std::lower_bound(list->begin(), list->end(), limit);
      while (it != list->begin()) {
        --it;
        if (has_env_value(*it)) return from_decl(*it);
        if (declared == npos) declared = *it;
      }
    }
    for (const auto& [k, v] : predefined_) {
      if (k == name) {
        VarValue out;
        out.status = VarStatus::set;
        out.source = VarSource::predefined;
        out.value = v;
        return out;
      }
    }
  } else {
    // Stage scope: this stage's declarations before the limit, then the parent stage's up to
    // its end (BuildKit copies the parent's llb state, which holds both ARG and ENV values).
    uint32_t cur = scope.stage;
    uint32_t limit = scope.seq_limit;
    bool own = true;
    while (true) {
      if (list) {
        const uint32_t begin = instr_[stages_[cur].from_instr].seq;
        auto it = std::lower_bound(list->begin(), list->end(), limit);
        while (it != list->begin() && *(it - 1) >= begin) {
          --it;
          if (!own && !inherit_parent_args_ && decls_[*it].kind == DeclKind::arg) continue;
          if (has_env_value(*it)) return from_decl(*it);
          if (declared == npos) declared = *it;
        }
      }
      const uint32_t parent = stages_[cur].parent;
      if (parent == npos) break;
      cur = parent;
      limit = stage_state_[parent].seq_end;
      own = false;
    }
    // BuildKit always sets PATH: from the image config, or its default when the image has none.
    if (name == "PATH") {
      VarValue out;
      if (stages_[stage_state_[scope.stage].root].is_scratch()) {
        out.status = VarStatus::set;
        out.source = VarSource::predefined;
        out.value = kDefaultPath;
      } else {
        out.status = VarStatus::unknown;
        out.source = VarSource::base_image;
      }
      return out;
    }
  }
  if (declared != npos) {
    VarValue out;
    out.status = VarStatus::unknown;
    out.source = decls_[declared].kind == DeclKind::env ? VarSource::env : VarSource::arg;
    out.decl = declared;
    return out;
  }
  return {};
}

ExpandedWord Model::expand_in(const Scope& scope, std::string_view word, bool split) const {
  ExpandedWord result;
  if (!split && !needs_expansion(word, escape_)) {
    // ProcessWord is the identity on a word without '$', quotes or escapes.
    result.value = std::string(word);
    return result;
  }
  struct Context {
    const Model* model;
    const Scope* scope;
    std::vector<std::string>* unknown;
  };
  std::vector<std::string> unknown;
  Context ctx{this, &scope, &unknown};
  // One reference capture: small enough for std::function's local storage, so no allocation.
  const VariableLookup lookup = [&ctx](std::string_view name) -> std::optional<std::string_view> {
    const VarValue v = ctx.model->lookup_in(*ctx.scope, name);
    if (v.status == VarStatus::set) return v.value;
    if (v.status == VarStatus::unknown &&
        std::find(ctx.unknown->begin(), ctx.unknown->end(), name) == ctx.unknown->end()) {
      ctx.unknown->emplace_back(name);
    }
    return std::nullopt;
  };
  ExpansionOptions options;
  options.escape = escape_;
  Expansion out;
  result.error = split ? dfopt::expand_words(word, lookup, options, out)
                       : dfopt::expand_word(word, lookup, options, out);
  result.value = std::move(out.value);
  result.words = std::move(out.words);
  // A value that refers to itself twice doubles at each declaration (ENV A=$A$A): 32 such lines
  // would expand to gigabytes. Real values are far below this bound; past it the value is
  // dropped and the expansion reported as failed, so memory stays linear in the file.
  constexpr size_t kMaxExpansion = 1u << 20;
  size_t total = result.value.size();
  for (const std::string& w : result.words) total += w.size();
  if (total > kMaxExpansion && !result.error) {
    result.value.clear();
    result.words.clear();
    result.error = ExpansionError{"expanded value exceeds 1 MiB"};
  }
  // The expander decides which lookups count as unmatched; we only split its list into
  // "undefined" and "declared but without a known value".
  for (std::string& name : out.unmatched) {
    if (std::find(unknown.begin(), unknown.end(), name) != unknown.end()) {
      result.unresolved.push_back(std::move(name));
    } else {
      result.unmatched.push_back(std::move(name));
    }
  }
  return result;
}

ExpandedWord Model::expand(uint32_t instr, std::string_view word) const {
  return expand_in(scope_of(instr), word, false);
}

ExpandedWord Model::expand_words(uint32_t instr, std::string_view text) const {
  return expand_in(scope_of(instr), text, true);
}

const UserSetting* Model::user_at(uint32_t instr) const {
  if (instr >= instr_.size() || instr_[instr].user == npos) return nullptr;
  return &users_[instr_[instr].user];
}

const WorkdirSetting* Model::workdir_setting_at(uint32_t instr) const {
  if (instr >= instr_.size() || instr_[instr].workdir == npos) return nullptr;
  return &workdirs_[instr_[instr].workdir];
}

std::string_view Model::workdir_at(uint32_t instr) const {
  const WorkdirSetting* w = workdir_setting_at(instr);
  return w ? std::string_view(w->path) : std::string_view("/");
}

const ShellSetting* Model::shell_setting_at(uint32_t instr) const {
  if (instr >= instr_.size() || instr_[instr].shell == npos) return nullptr;
  return &shells_[instr_[instr].shell];
}

std::span<const std::string> Model::shell_at(uint32_t instr) const {
  const ShellSetting* s = shell_setting_at(instr);
  return s ? std::span<const std::string>(s->argv) : std::span<const std::string>(default_shell_);
}

const UserSetting* Model::final_user(uint32_t stage) const {
  if (stage >= stage_state_.size() || stage_state_[stage].user == npos) return nullptr;
  return &users_[stage_state_[stage].user];
}

const WorkdirSetting* Model::final_workdir(uint32_t stage) const {
  if (stage >= stage_state_.size() || stage_state_[stage].workdir == npos) return nullptr;
  return &workdirs_[stage_state_[stage].workdir];
}

std::span<const std::string> Model::final_shell(uint32_t stage) const {
  if (stage >= stage_state_.size() || stage_state_[stage].shell == npos) return default_shell_;
  return shells_[stage_state_[stage].shell].argv;
}

std::span<const RunMount> Model::mounts(uint32_t instr) const {
  if (instr >= instr_.size()) return {};
  const InstrState& st = instr_[instr];
  return std::span<const RunMount>(mounts_).subspan(st.mounts_begin,
                                                    st.mounts_end - st.mounts_begin);
}

std::span<const StageDep> Model::deps_of(uint32_t stage) const {
  if (stage >= stage_state_.size()) return {};
  const StageState& st = stage_state_[stage];
  return std::span<const StageDep>(deps_).subspan(st.deps_begin, st.deps_end - st.deps_begin);
}

bool Model::is_reachable(uint32_t stage) const {
  return stage < reachable_.size() && reachable_[stage];
}

}  // namespace dfopt::model

// ---------------------------------------------------------------------------------------------
// Building

namespace dfopt::detail {

using model::BaseKind;
using model::Declaration;
using model::DeclKind;
using model::DepKind;
using model::ExpandedWord;
using model::Model;
using model::ModelOptions;
using model::npos;
using model::parse_image_ref;
using model::RunMount;
using model::ShellSetting;
using model::Stage;
using model::StageDep;
using model::UserSetting;
using model::ValueOrigin;
using model::VarValue;
using model::WorkdirSetting;
// File-local helpers from above.
using model::arg_string;
using model::changed_by_expansion;
using model::clean_abs_path;
using model::go_atoi;
using model::lower;
using model::needs_expansion;
using model::Platform;
using model::split_platform;
using model::valid_stage_name;

class ModelBuilder {
 public:
  ModelBuilder(const ast::Dockerfile& file, const ModelOptions& options, Model& model)
      : file_(file), opts_(options), m_(model) {}

  void run() {
    const auto& ins = file_.instructions;
    const auto n = static_cast<uint32_t>(ins.size());
    m_.escape_ = file_.escape;
    m_.inherit_parent_args_ = opts_.inherit_parent_args;
    m_.instr_.assign(n, {});

    collect_stages();
    m_.target_ = resolve_target();
    set_predefined();

    // Global (meta) ARGs: BuildKit's buildMetaArgs. Anything else before the first FROM is a
    // BuildKit error; it gets the global scope and no effect here. Until their end is known,
    // every declaration so far is global.
    m_.meta_seq_end_ = npos;
    for (uint32_t i = 0; i < m_.first_from_; ++i) {
      m_.instr_[i].seq = seq();
      if (ins[i].kind != ast::InstrKind::arg) continue;
      for (uint32_t p = 0; p < ins[i].pairs.size(); ++p) meta_arg(i, p);
    }
    m_.meta_seq_end_ = seq();

    for (uint32_t s = 0; s < m_.stages_.size(); ++s) build_stage(s);
    compute_reachability();
  }

 private:
  using Scope = Model::Scope;

  uint32_t seq() const { return static_cast<uint32_t>(m_.decls_.size()); }

  const std::string* build_arg(std::string_view name) const {
    for (auto it = opts_.build_args.rbegin(); it != opts_.build_args.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
    return nullptr;
  }

  uint32_t intern(std::string_view name) {
    if (const auto it = m_.name_ids_.find(name); it != m_.name_ids_.end()) return it->second;
    const auto id = static_cast<uint32_t>(m_.decls_by_name_.size());
    m_.name_ids_.emplace(std::string(name), id);
    m_.decls_by_name_.emplace_back();
    return id;
  }

  void add_decl(Declaration d) {
    const uint32_t id = intern(d.name);
    m_.decls_by_name_[id].push_back(seq());
    m_.decls_.push_back(std::move(d));
  }

  void collect_stages() {
    const auto& ins = file_.instructions;
    const auto n = static_cast<uint32_t>(ins.size());
    for (uint32_t i = 0; i < n; ++i) {
      if (ins[i].kind != ast::InstrKind::from) continue;
      Stage st;
      st.index = static_cast<uint32_t>(m_.stages_.size());
      st.from_instr = i;
      if (ins[i].from_name) {
        st.name = lower(ins[i].from_name->value);
        st.name_valid = valid_stage_name(st.name);
      }
      if (!m_.stages_.empty()) m_.stages_.back().end_instr = i;
      m_.stages_.push_back(std::move(st));
    }
    if (!m_.stages_.empty()) m_.stages_.back().end_instr = n;
    m_.first_from_ = m_.stages_.empty() ? n : m_.stages_.front().from_instr;
    m_.stage_state_.assign(m_.stages_.size(), {});
    // COPY --from and RUN --mount from= look names up after every stage is known; a repeated
    // name resolves to the last stage that has it (BuildKit's statesByName map).
    for (const Stage& st : m_.stages_) {
      if (st.name.empty()) continue;
      m_.stage_names_[st.name] = st.index;
    }
  }

  uint32_t resolve_target() const {
    if (m_.stages_.empty()) return npos;
    if (opts_.target.empty()) return static_cast<uint32_t>(m_.stages_.size() - 1);
    return m_.find_stage(opts_.target);
  }

  // dockerfile2llb's defaultArgs: platform args and TARGETSTAGE, each overridable by a
  // --build-arg of the same name.
  void set_predefined() {
    const Platform tp = split_platform(opts_.target_platform);
    const Platform bp =
        split_platform(opts_.build_platform.empty() ? opts_.target_platform : opts_.build_platform);
    std::string target_stage = opts_.target;
    if (target_stage.empty() && !m_.stages_.empty()) target_stage = m_.stages_.back().name;
    if (target_stage.empty()) target_stage = "default";
    const std::pair<std::string_view, std::string> values[] = {
        {"BUILDPLATFORM", bp.full},    {"BUILDOS", bp.os},
        {"BUILDARCH", bp.arch},        {"BUILDVARIANT", bp.variant},
        {"TARGETPLATFORM", tp.full},   {"TARGETOS", tp.os},
        {"TARGETARCH", tp.arch},       {"TARGETVARIANT", tp.variant},
        {"TARGETSTAGE", target_stage},
    };
    for (const auto& [k, v] : values) {
      const std::string* over = build_arg(k);
      m_.predefined_.emplace_back(std::string(k), over ? *over : v);
    }
  }

  ExpandedWord expand(const Scope& scope, std::string_view word) const {
    return m_.expand_in(scope, word, false);
  }

  void meta_arg(uint32_t instr, uint32_t pair) {
    const ast::KeyValue& kv = file_.instructions[instr].pairs[pair];
    Declaration d;
    d.name = kv.key.value;
    d.kind = DeclKind::arg;
    d.instr = instr;
    d.pair = pair;
    if (const std::string* over = build_arg(d.name)) {
      d.has_value = true;
      d.value = *over;
      d.origin = ValueOrigin::build_arg;
    } else if (kv.value) {
      // Each global ARG sees the predefined args and the global ARGs before it.
      ExpandedWord e = expand(Scope{npos, seq()}, kv.value->value);
      d.has_value = true;
      d.value = std::move(e.value);
      d.origin = ValueOrigin::literal;
      d.unresolved = !e.complete();
    }
    add_decl(std::move(d));
  }

  // dispatchArg: a --build-arg wins over the default; `ARG NAME` alone imports the global value;
  // a default is expanded with the values set so far, earlier pairs of the same ARG included.
  void stage_arg(uint32_t stage, uint32_t instr, uint32_t pair) {
    const ast::KeyValue& kv = file_.instructions[instr].pairs[pair];
    Declaration d;
    d.name = kv.key.value;
    d.kind = DeclKind::arg;
    d.instr = instr;
    d.pair = pair;
    d.stage = stage;
    if (const std::string* over = build_arg(d.name)) {
      d.has_value = true;
      d.value = *over;
      d.origin = ValueOrigin::build_arg;
    } else if (kv.value) {
      ExpandedWord e = expand(Scope{stage, seq()}, kv.value->value);
      d.has_value = true;
      d.value = std::move(e.value);
      d.origin = ValueOrigin::literal;
      d.unresolved = !e.complete();
    } else if (const VarValue g = m_.lookup_global(d.name); g.is_set()) {
      d.has_value = true;
      d.value = std::string(g.value);
      d.origin = ValueOrigin::global;
      d.unresolved = g.unresolved;
    }
    add_decl(std::move(d));
  }

  // ENV expands every pair with the environment from before the instruction: in
  // `ENV A=1 B=$A`, B sees the previous A (unlike ARG).
  void stage_env(uint32_t stage, uint32_t instr) {
    const ast::Instruction& in = file_.instructions[instr];
    const Scope scope{stage, seq()};
    for (uint32_t p = 0; p < in.pairs.size(); ++p) {
      const ast::KeyValue& kv = in.pairs[p];
      Declaration d;
      ExpandedWord key = expand(scope, kv.key.value);
      d.name = std::move(key.value);
      d.kind = DeclKind::env;
      d.instr = instr;
      d.pair = p;
      d.stage = stage;
      d.unresolved = !key.complete();
      if (kv.value) {
        ExpandedWord e = expand(scope, kv.value->value);
        d.has_value = true;
        d.value = std::move(e.value);
        d.origin = ValueOrigin::literal;
        d.unresolved = d.unresolved || !e.complete();
      }
      add_decl(std::move(d));
    }
  }

  void build_from(uint32_t s) {
    Stage& st = m_.stages_[s];
    const ast::Instruction& in = file_.instructions[st.from_instr];
    const Scope global{npos, m_.meta_seq_end_};

    std::string raw = in.from_image ? in.from_image->value : std::string();
    ExpandedWord e = expand(global, raw);
    std::vector<std::string> vars = std::move(e.unmatched);
    for (std::string& v : e.unresolved) vars.push_back(std::move(v));

    // The parent lookup uses the expanded name as is against the lower-cased names of the
    // earlier stages (BuildKit's addState), so `FROM Build` does not name stage "build".
    uint32_t parent = npos;
    for (uint32_t p = s; p-- > 0;) {
      if (!m_.stages_[p].name.empty() && m_.stages_[p].name == e.value) {
        parent = p;
        break;
      }
    }
    if (parent != npos) {
      st.base_kind = BaseKind::stage;
      st.parent = parent;
    } else if (e.value == "scratch") {
      st.base_kind = BaseKind::scratch;
    } else {
      st.base_kind = BaseKind::image;
      if (!in.from_image) {
        st.base.error = "FROM requires an image name";
      } else if (e.error) {
        st.base.error = e.error->message;
      } else if (e.value.empty()) {
        st.base.error = "base name (" + raw + ") should not be blank";
      } else {
        st.base = parse_image_ref(e.value);
      }
    }
    st.base.raw = std::move(raw);
    st.base.expanded = std::move(e.value);
    st.base.unresolved = !vars.empty();
    st.base.unresolved_vars = std::move(vars);

    for (const ast::Flag& f : in.flags) {
      if (f.name != "platform") continue;
      st.platform_raw = f.value.value_or(std::string());
      st.platform = expand(global, *st.platform_raw).value;
    }
  }

  void build_stage(uint32_t s) {
    const auto& ins = file_.instructions;
    build_from(s);
    Stage& st = m_.stages_[s];
    Model::StageState& ss = m_.stage_state_[s];

    cur_user_ = cur_workdir_ = cur_shell_ = npos;
    if (st.parent != npos) {
      // A stage FROM another starts from its image config: USER, WORKDIR, SHELL, ENV.
      const Model::StageState& ps = m_.stage_state_[st.parent];
      cur_user_ = ps.user;
      cur_workdir_ = ps.workdir;
      cur_shell_ = ps.shell;
      ss.root = ps.root;
      st.inherits_external_image = m_.stages_[st.parent].inherits_external_image;
    } else {
      ss.root = s;
      st.inherits_external_image = st.base_kind != BaseKind::scratch;
    }

    ss.deps_begin = static_cast<uint32_t>(m_.deps_.size());
    set_state(st.from_instr, s);
    // The parent's ONBUILD triggers run first in this stage (and only here, not in stages built
    // from this one); their COPY --from and RUN --mount from= are this stage's dependencies.
    if (st.parent != npos) {
      for (uint32_t onb : m_.stages_[st.parent].onbuild) {
        const ast::Instruction* inner = ins[onb].inner.get();
        if (!inner) continue;
        if (inner->kind == ast::InstrKind::copy) {
          if (const ast::Flag* f = last_flag(*inner, "from")) copy_dep(s, onb, *f, true);
        } else if (inner->kind == ast::InstrKind::run) {
          for (const ast::Flag& f : inner->flags) {
            if (f.name != "mount") continue;
            RunMount mount;
            parse_mount(Scope{s, seq()}, f, mount);
            if (!mount.from.empty()) mount_dep(s, onb, npos, mount, f, true);
          }
        }
      }
    }

    for (uint32_t i = st.from_instr + 1; i < st.end_instr; ++i) {
      set_state(i, s);
      const ast::Instruction& in = ins[i];
      switch (in.kind) {
        case ast::InstrKind::arg:
          for (uint32_t p = 0; p < in.pairs.size(); ++p) stage_arg(s, i, p);
          break;
        case ast::InstrKind::env:
          stage_env(s, i);
          break;
        case ast::InstrKind::user:
          user(s, i);
          break;
        case ast::InstrKind::workdir:
          workdir(s, i);
          break;
        case ast::InstrKind::shell:
          shell(i);
          break;
        case ast::InstrKind::onbuild:
          m_.stages_[s].onbuild.push_back(i);
          break;
        case ast::InstrKind::copy:
          if (const ast::Flag* f = last_flag(in, "from")) copy_dep(s, i, *f, false);
          break;
        case ast::InstrKind::run:
          run_mounts(s, i);
          break;
        default:
          break;
      }
    }
    ss.seq_end = seq();
    ss.user = cur_user_;
    ss.workdir = cur_workdir_;
    ss.shell = cur_shell_;
    ss.deps_end = static_cast<uint32_t>(m_.deps_.size());
  }

  void set_state(uint32_t instr, uint32_t stage) {
    Model::InstrState& st = m_.instr_[instr];
    st.stage = stage;
    st.user = cur_user_;
    st.workdir = cur_workdir_;
    st.shell = cur_shell_;
    st.seq = seq();
    st.mounts_begin = st.mounts_end = static_cast<uint32_t>(m_.mounts_.size());
  }

  static const ast::Flag* last_flag(const ast::Instruction& in, std::string_view name) {
    const ast::Flag* found = nullptr;
    for (const ast::Flag& f : in.flags) {
      if (f.name == name) found = &f;
    }
    return found;
  }

  void user(uint32_t stage, uint32_t instr) {
    UserSetting u;
    u.instr = instr;
    u.raw = std::string(arg_string(file_.instructions[instr]));
    ExpandedWord e = expand(Scope{stage, seq()}, u.raw);
    u.value = std::move(e.value);
    u.unresolved = !e.complete();
    cur_user_ = static_cast<uint32_t>(m_.users_.size());
    m_.users_.push_back(std::move(u));
  }

  // dispatchWorkdir / system.NormalizeWorkdir: a relative path joins the current directory.
  void workdir(uint32_t stage, uint32_t instr) {
    const WorkdirSetting* prev = cur_workdir_ == npos ? nullptr : &m_.workdirs_[cur_workdir_];
    const std::string base = prev ? prev->path : std::string("/");
    WorkdirSetting w;
    w.instr = instr;
    w.raw = std::string(arg_string(file_.instructions[instr]));
    ExpandedWord e = expand(Scope{stage, seq()}, w.raw);
    w.unresolved = !e.complete();
    if (e.value.empty()) {
      w.valid = false;
      w.path = base;
    } else if (e.value.front() == '/') {
      w.path = clean_abs_path(e.value);
    } else {
      w.path = clean_abs_path(base + "/" + e.value);
      w.relative_to_unknown_base =
          prev ? prev->relative_to_unknown_base : m_.stages_[stage].inherits_external_image;
      w.unresolved = w.unresolved || (prev && prev->unresolved);
    }
    cur_workdir_ = static_cast<uint32_t>(m_.workdirs_.size());
    m_.workdirs_.push_back(std::move(w));
  }

  // SHELL must be JSON; BuildKit rejects the shell form, which then changes nothing here.
  void shell(uint32_t instr) {
    const ast::Instruction& in = file_.instructions[instr];
    if (in.form != ast::ArgForm::exec) return;
    ShellSetting sh;
    sh.instr = instr;
    for (const ast::Word& w : in.args) sh.argv.push_back(w.value);
    cur_shell_ = static_cast<uint32_t>(m_.shells_.size());
    m_.shells_.push_back(std::move(sh));
  }

  void parse_mount(const Scope& scope, const ast::Flag& f, RunMount& mount) const {
    mount.range = f.value_range;
    const MountExpander expander = [this, &scope](std::string_view v, std::string& error) {
      ExpandedWord e = expand(scope, v);
      if (e.error) {
        error = e.error->message;
        return std::optional<std::string>();
      }
      return std::optional<std::string>(std::move(e.value));
    };
    parse_run_mount(f.value.value_or(std::string()), expander, mount);
  }

  void run_mounts(uint32_t stage, uint32_t instr) {
    const ast::Instruction& in = file_.instructions[instr];
    const Scope scope{stage, seq()};
    const auto begin = static_cast<uint32_t>(m_.mounts_.size());
    for (uint32_t k = 0; k < in.flags.size(); ++k) {
      const ast::Flag& f = in.flags[k];
      if (f.name != "mount") continue;
      RunMount mount;
      mount.instr = instr;
      mount.flag_index = k;
      parse_mount(scope, f, mount);
      m_.mounts_.push_back(std::move(mount));
    }
    const auto end = static_cast<uint32_t>(m_.mounts_.size());
    m_.instr_[instr].mounts_begin = begin;
    m_.instr_[instr].mounts_end = end;
    for (uint32_t k = begin; k < end; ++k) {
      const RunMount& mount = m_.mounts_[k];
      if (!mount.from.empty())
        mount_dep(stage, instr, k - begin, mount, in.flags[mount.flag_index], false);
    }
  }

  // An unregistered name becomes an external image, as BuildKit's unregistered dispatch state.
  static void external(StageDep& d, const std::string& ref) {
    if (ref == "scratch") {
      d.scratch = true;
    } else {
      d.image = parse_image_ref(ref);
    }
  }

  // toCommand: --from is literal; a number is a stage index, anything else a stage name or an
  // image.
  void copy_dep(uint32_t stage, uint32_t instr, const ast::Flag& f, bool via_onbuild) {
    StageDep d;
    d.stage = stage;
    d.instr = instr;
    d.kind = DepKind::copy_from;
    d.via_onbuild = via_onbuild;
    d.range = f.range;
    d.ref = f.value.value_or(std::string());
    if (!f.value || d.ref.empty()) {
      d.error = "missing a value on flag: from";
    } else if (changed_by_expansion(d.ref, m_.escape_)) {
      d.error =
          "variable expansion is not supported for --from, define a new stage with FROM using "
          "ARG from global scope as a workaround";
    } else if (const std::optional<int64_t> index = go_atoi(d.ref)) {
      d.by_index = true;
      if (*index < 0 || *index >= static_cast<int64_t>(m_.stages_.size())) {
        d.error = "invalid stage index " + std::to_string(*index);
      } else {
        d.target = static_cast<uint32_t>(*index);
      }
    } else if (const uint32_t t = m_.find_stage(d.ref); t != npos) {
      d.target = t;
    } else {
      external(d, d.ref);
    }
    d.forward_reference = d.target != npos && d.target >= stage;
    m_.deps_.push_back(std::move(d));
  }

  // detectRunMount: from= is looked up by stage name only (no numeric index), else an image.
  void mount_dep(uint32_t stage, uint32_t instr, uint32_t mount_index, const RunMount& mount,
                 const ast::Flag& f, bool via_onbuild) {
    StageDep d;
    d.stage = stage;
    d.instr = instr;
    d.kind = DepKind::run_mount;
    d.mount = mount_index;
    d.via_onbuild = via_onbuild;
    d.range = f.value_range;
    d.ref = mount.from;
    if (mount.error.starts_with("'from'")) {
      d.error = mount.error;
    } else if (const uint32_t t = m_.find_stage(d.ref); t != npos) {
      d.target = t;
    } else {
      external(d, d.ref);
    }
    d.forward_reference = d.target != npos && d.target >= stage;
    m_.deps_.push_back(std::move(d));
  }

  // allReachableStages: the target, its FROM ancestors and everything its edges name.
  void compute_reachability() {
    m_.reachable_.assign(m_.stages_.size(), false);
    if (m_.target_ == npos) return;
    std::vector<uint32_t> work{m_.target_};
    m_.reachable_[m_.target_] = true;
    auto visit = [&](uint32_t t) {
      if (t != npos && !m_.reachable_[t]) {
        m_.reachable_[t] = true;
        work.push_back(t);
      }
    };
    while (!work.empty()) {
      const uint32_t s = work.back();
      work.pop_back();
      visit(m_.stages_[s].parent);
      for (const StageDep& d : m_.deps_of(s)) visit(d.target);
    }
  }

  const ast::Dockerfile& file_;
  const ModelOptions& opts_;
  Model& m_;
  uint32_t cur_user_ = npos;
  uint32_t cur_workdir_ = npos;
  uint32_t cur_shell_ = npos;
};

}  // namespace dfopt::detail

namespace dfopt::model {

Model build_model(const ast::Dockerfile& file, const SourceFile& source,
                  const ModelOptions& options) {
  (void)source;  // ranges in the model come from the AST; kept for facets that read bytes
  Model model;
  dfopt::detail::ModelBuilder(file, options, model).run();
  return model;
}

}  // namespace dfopt::model
