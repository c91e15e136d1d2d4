#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/source.h"
#include "dfopt/word_expansion.h"

namespace dfopt::detail {
class ModelBuilder;
}

/// The semantic model of one Dockerfile, built once from its AST and shared read-only by every
/// rule: build stages and their base images, ARG/ENV scopes with BuildKit's variable resolution,
/// the USER/WORKDIR/SHELL in effect at each instruction, RUN mounts and the stage graph.
///
/// Instructions are named by their index in `ast::Dockerfile::instructions`. A Model owns all its
/// data (it keeps no pointer into the AST or the SourceFile) and is immutable once built, so one
/// Model may be read from several threads; building needs no global state.
namespace dfopt::model {

/// "No index": no stage, no instruction, no setting.
inline constexpr uint32_t npos = UINT32_MAX;

/// What a `docker buildx build` invocation would add to the file; the defaults describe a plain
/// `docker build .` on linux/amd64.
struct ModelOptions {
  /// `--build-arg NAME=VALUE` overrides, in command-line order (a later one wins).
  std::vector<std::pair<std::string, std::string>> build_args;
  /// `--target`; empty means the last stage, as BuildKit does.
  std::string target;
  /// `--platform`; feeds TARGETPLATFORM/TARGETOS/TARGETARCH/TARGETVARIANT ("os/arch[/variant]").
  std::string target_platform = "linux/amd64";
  /// The builder's platform for BUILDPLATFORM/BUILDOS/...; empty means `target_platform`, which is
  /// what BuildKit does when only `--platform` is given.
  std::string build_platform;
  /// BuildKit lets a stage `FROM` an earlier stage see that stage's ARG values as well as its ENV
  /// (moby/buildkit#1977, now documented). The legacy builder did not; set false to model it.
  bool inherit_parent_args = true;
};

// ---------------------------------------------------------------------------------------------
// Image references

/// An image reference normalised as Docker's `reference.ParseNormalizedNamed` does
/// (github.com/distribution/reference): `ubuntu` is docker.io/library/ubuntu. Invalid references
/// are recorded with a reason, never thrown.
struct ImageRef {
  std::string raw;       ///< as written, before variable expansion
  std::string expanded;  ///< after expansion (equal to `raw` when nothing was expanded)
  /// Expansion referenced variables with no known value (undefined, or ARGs declared without a
  /// default): `expanded` is what BuildKit would see without `--build-arg`, not necessarily what
  /// a real build uses.
  bool unresolved = false;
  std::vector<std::string> unresolved_vars;  ///< those variables: undefined ones, then declared

  bool valid = false;
  std::string error;       ///< why the reference is invalid (BuildKit's wording where it has one)
  std::string registry;    ///< "docker.io", "localhost:5000", "ghcr.io"...
  std::string repository;  ///< path inside the registry: "library/ubuntu", "a/b"
  std::string tag;         ///< "" when absent (BuildKit then pulls "latest" unless pinned)
  std::string digest;      ///< "sha256:<hex>" or ""

  /// registry + "/" + repository, e.g. "docker.io/library/ubuntu".
  std::string name() const;
  /// The short form Docker prints: "ubuntu", "user/app", "ghcr.io/a/b".
  std::string familiar_name() const;
  /// The reference BuildKit resolves: name, then ":tag" (":latest" when neither tag nor digest
  /// is given), then "@digest".
  std::string canonical() const;
  /// An official Docker Hub image ("docker.io/library/...").
  bool is_official() const;
};

/// Parses `text` as Docker's ParseNormalizedNamed does; `raw` and `expanded` are set to `text`.
ImageRef parse_image_ref(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Stages

/// What a stage's FROM names.
enum class BaseKind : uint8_t {
  image,    ///< an image reference (possibly invalid, see `Stage::base.valid`)
  stage,    ///< an earlier stage, by its name
  scratch,  ///< the empty image
};

/// One build stage: a FROM and the instructions up to the next FROM.
struct Stage {
  uint32_t index = 0;
  std::string name;         ///< the `AS` name lower-cased as BuildKit does; "" when unnamed
  bool name_valid = true;   ///< BuildKit requires ^[a-z][a-z0-9-_.]*$
  uint32_t from_instr = 0;  ///< the FROM instruction
  uint32_t end_instr = 0;   ///< one past the stage's last instruction
  BaseKind base_kind = BaseKind::image;
  uint32_t parent = npos;  ///< the stage FROM names, when base_kind == stage
  /// The FROM reference: raw and expanded always; parsed fields when base_kind == image.
  ImageRef base;
  std::optional<std::string> platform_raw;  ///< `--platform` as written
  std::string platform;                     ///< `--platform` expanded; "" when absent
  /// The first stage of the parent chain starts from an image we cannot see, so its ENV, USER
  /// and WORKDIR defaults are unknown (false when the chain starts from scratch).
  bool inherits_external_image = true;
  std::vector<uint32_t> onbuild;  ///< the stage's ONBUILD instructions, in order

  bool is_scratch() const { return base_kind == BaseKind::scratch; }
  bool contains(uint32_t instr) const { return instr >= from_instr && instr < end_instr; }
  /// Instructions after FROM: [from_instr + 1, end_instr).
  uint32_t body_begin() const { return from_instr + 1; }
};

// ---------------------------------------------------------------------------------------------
// Variables

/// Kind of a declaration.
enum class DeclKind : uint8_t { arg, env };

/// Where a declaration's value came from.
enum class ValueOrigin : uint8_t {
  none,       ///< `ARG NAME` with no default, no --build-arg and no global value
  literal,    ///< the default written in the file (after expansion)
  build_arg,  ///< a --build-arg override
  global,     ///< `ARG NAME` in a stage importing the global (meta ARG or predefined) value
};

/// One `NAME[=value]` of an ARG or ENV instruction, in file order.
struct Declaration {
  std::string name;  ///< for ENV, the expanded key
  DeclKind kind = DeclKind::arg;
  uint32_t instr = 0;     ///< the ARG/ENV instruction
  uint32_t pair = 0;      ///< index in that instruction's `pairs`
  uint32_t stage = npos;  ///< npos for global (meta) ARGs before the first FROM
  bool has_value = false;
  std::string value;  ///< expanded value when has_value
  ValueOrigin origin = ValueOrigin::none;
  /// The value's expansion used variables with no known value, or failed.
  bool unresolved = false;
};

/// State of a variable at a point of the file.
enum class VarStatus : uint8_t {
  set,      ///< has a known value
  unset,    ///< not defined at all
  unknown,  ///< defined, value not known statically: an ARG without default (a --build-arg may
            ///< set it), or PATH inherited from an external base image
};

/// Where a variable's value comes from.
enum class VarSource : uint8_t { none, arg, env, predefined, base_image };

/// The answer to "what is VAR here". `value` points into the Model.
struct VarValue {
  VarStatus status = VarStatus::unset;
  VarSource source = VarSource::none;
  std::string_view value;  ///< valid when status == set
  uint32_t decl = npos;    ///< index into Model::declarations(); npos for predefined/base image
  /// The declaration's value was expanded from variables with no known value.
  bool unresolved = false;

  bool is_set() const { return status == VarStatus::set; }
};

/// Variables BuildKit defines without a declaration in the file.
enum class PredefinedArg : uint8_t {
  none,
  platform,      ///< TARGETPLATFORM, TARGETOS, TARGETARCH, TARGETVARIANT, BUILD* : global scope
  target_stage,  ///< TARGETSTAGE: global scope
  proxy,         ///< HTTP_PROXY, http_proxy, ... : passed to RUN, expandable only once declared
  frontend,      ///< BUILDKIT_* and SOURCE_DATE_EPOCH: options read by the frontend
};

/// Classifies `name` (case-sensitive, as Linux environment names are).
PredefinedArg predefined_arg(std::string_view name);

/// The result of expanding a word in the scope of one instruction.
struct ExpandedWord {
  std::string value;               ///< ProcessWord result (single-word mode)
  std::vector<std::string> words;  ///< ProcessWords result (expand_words only)
  /// Referenced variables that are not defined at all (BuildKit's UndefinedVar candidates).
  std::vector<std::string> unmatched;
  /// Referenced variables that are declared but have no known value (expanded as unset).
  std::vector<std::string> unresolved;
  std::optional<ExpansionError> error;

  /// No error and every referenced variable had a known value.
  bool complete() const { return !error && unmatched.empty() && unresolved.empty(); }
};

// ---------------------------------------------------------------------------------------------
// Per-stage settings

/// A USER instruction.
struct UserSetting {
  uint32_t instr = 0;
  std::string raw;    ///< as written
  std::string value;  ///< expanded
  bool unresolved = false;
};

/// A WORKDIR instruction, resolved against the previous WORKDIR.
struct WorkdirSetting {
  uint32_t instr = 0;
  std::string raw;   ///< as written
  std::string path;  ///< absolute, cleaned
  bool unresolved = false;
  /// A relative path resolved against "/" while the stage's base image may set another
  /// working directory.
  bool relative_to_unknown_base = false;
  bool valid = true;  ///< false when it expanded to "" (BuildKit: cannot normalize empty path)
};

/// A SHELL instruction in JSON form.
struct ShellSetting {
  uint32_t instr = 0;
  std::vector<std::string> argv;
};

/// One `--mount=` of a RUN, parsed as BuildKit's parseMount does (a CSV record of key=value).
struct RunMount {
  uint32_t instr = 0;       ///< the RUN
  uint32_t flag_index = 0;  ///< index in the instruction's `flags`
  TextRange range;          ///< the flag's value in the source
  /// Every CSV field in order: lower-cased key and, for `key=value`, the raw value.
  std::vector<std::pair<std::string, std::optional<std::string>>> fields;
  std::string type = "bind";  ///< bind, cache, tmpfs, secret, ssh
  std::string from;           ///< stage name or image as written; "" when absent
  std::string source;         ///< `source`/`src`, expanded
  std::string target;         ///< `target`/`dst`/`destination`, expanded
  std::string id;             ///< `id`, expanded
  std::string sharing;        ///< `sharing` for cache mounts; "" when absent
  std::string env;            ///< `env` for secret mounts
  bool readonly = true;       ///< after BuildKit's defaults (rw for cache and tmpfs)
  bool required = false;
  std::string error;  ///< first problem BuildKit would reject; "" when valid
};

// ---------------------------------------------------------------------------------------------
// Stage graph

/// How a stage uses another stage or an image.
enum class DepKind : uint8_t {
  copy_from,  ///< COPY --from=X (ADD has no --from)
  run_mount,  ///< RUN --mount=...,from=X
};

/// An edge of the stage graph.
struct StageDep {
  uint32_t stage = 0;  ///< the stage that depends
  uint32_t instr = 0;  ///< the COPY or RUN; the ONBUILD in the parent stage when via_onbuild
  DepKind kind = DepKind::copy_from;
  uint32_t mount = npos;     ///< index into Model::mounts(instr) for run_mount
  bool via_onbuild = false;  ///< a trigger of the parent stage's ONBUILD, run in this stage
  std::string ref;           ///< the value as written
  TextRange range;           ///< the flag (COPY) or mount flag value (RUN) in the source
  uint32_t target = npos;    ///< the stage it names, or npos for an external image
  bool by_index = false;     ///< COPY --from=<number>
  /// It names this stage or a later one; BuildKit rejects that.
  bool forward_reference = false;
  bool scratch = false;  ///< names the empty image (`scratch`), not a stage
  ImageRef image;        ///< when target == npos, !scratch and no error: the external image
  std::string error;     ///< variables in --from, invalid stage index...; "" when valid
};

// ---------------------------------------------------------------------------------------------

class Model;

/// Builds the model of `file`. Never throws for problems in the Dockerfile; those are recorded
/// in the model (invalid references, stage name errors, mount errors) for rules to report.
Model build_model(const ast::Dockerfile& file, const SourceFile& source,
                  const ModelOptions& options = {});

/// The semantic model. Instruction indices are those of `ast::Dockerfile::instructions`.
class Model {
 public:
  Model() = default;

  uint32_t instruction_count() const { return static_cast<uint32_t>(instr_.size()); }
  char escape() const { return escape_; }

  // Stages ------------------------------------------------------------------------------------
  std::span<const Stage> stages() const { return stages_; }
  const Stage& stage(uint32_t index) const { return stages_[index]; }
  /// The stage containing `instr` (its FROM included); npos for global ARGs before the first FROM.
  uint32_t stage_of(uint32_t instr) const;
  /// The stage BuildKit finds for `name` (case-insensitive; the last stage with that name), or
  /// npos.
  uint32_t find_stage(std::string_view name) const;
  /// The first FROM, or instruction_count() when there is none.
  uint32_t first_from() const { return first_from_; }

  // Variables ---------------------------------------------------------------------------------
  /// Every ARG/ENV `name[=value]`, in file order.
  std::span<const Declaration> declarations() const { return decls_; }
  /// The value of `name` in effect when `instr` runs. FROM lines (and global ARGs) see the
  /// global scope: predefined platform ARGs, TARGETSTAGE and ARGs before the first FROM. Other
  /// instructions see their stage's ARGs and ENVs declared before them, the parent stage's
  /// (when FROM names a stage), and a global ARG only after `ARG NAME` re-declares it.
  VarValue lookup(uint32_t instr, std::string_view name) const;
  /// The value of `name` after the stage's last instruction.
  VarValue lookup_at_end(uint32_t stage, std::string_view name) const;
  /// The global (meta) value of `name`: what FROM lines and `ARG NAME` in a stage see.
  VarValue lookup_global(std::string_view name) const;
  /// Expands `word` as BuildKit's ProcessWord does in the scope of `instr`, with the file's
  /// escape character.
  ExpandedWord expand(uint32_t instr, std::string_view word) const;
  /// Expands and splits `text` as BuildKit's ProcessWords does in the scope of `instr`.
  ExpandedWord expand_words(uint32_t instr, std::string_view text) const;

  // Per-stage state ---------------------------------------------------------------------------
  /// The USER in effect when `instr` runs; nullptr when no USER was set in the stage chain (the
  /// base image's user, root for scratch).
  const UserSetting* user_at(uint32_t instr) const;
  /// The WORKDIR setting in effect when `instr` runs; nullptr when none (the base image's).
  const WorkdirSetting* workdir_setting_at(uint32_t instr) const;
  /// The working directory when `instr` runs; "/" when no WORKDIR was set.
  std::string_view workdir_at(uint32_t instr) const;
  /// The SHELL setting in effect when `instr` runs; nullptr for the default.
  const ShellSetting* shell_setting_at(uint32_t instr) const;
  /// The shell for shell-form RUN/CMD/ENTRYPOINT at `instr`: ["/bin/sh", "-c"] by default.
  std::span<const std::string> shell_at(uint32_t instr) const;
  /// The settings after the stage's last instruction (what the stage's image carries).
  const UserSetting* final_user(uint32_t stage) const;
  const WorkdirSetting* final_workdir(uint32_t stage) const;
  std::span<const std::string> final_shell(uint32_t stage) const;

  std::span<const UserSetting> users() const { return users_; }
  std::span<const WorkdirSetting> workdirs() const { return workdirs_; }
  std::span<const ShellSetting> shells() const { return shells_; }

  // RUN mounts and the stage graph --------------------------------------------------------------
  /// The `--mount`s of `instr` (empty for anything but RUN).
  std::span<const RunMount> mounts(uint32_t instr) const;
  std::span<const RunMount> all_mounts() const { return mounts_; }
  /// Every edge, grouped by dependent stage in stage order.
  std::span<const StageDep> deps() const { return deps_; }
  std::span<const StageDep> deps_of(uint32_t stage) const;
  /// The stage a build without `--target` (or with ModelOptions::target) produces; npos when the
  /// file has no stage or the target names none.
  uint32_t target_stage() const { return target_; }
  /// The target stage needs this stage: it is the target, an ancestor through FROM, or reached
  /// through COPY --from / RUN --mount from= edges (transitively). BuildKit builds only these.
  bool is_reachable(uint32_t stage) const;

 private:
  friend class dfopt::detail::ModelBuilder;

  struct InstrState {
    uint32_t stage = npos;
    uint32_t user = npos;     // index into users_
    uint32_t workdir = npos;  // index into workdirs_
    uint32_t shell = npos;    // index into shells_
    uint32_t seq = 0;         // declarations before this instruction
    uint32_t mounts_begin = 0;
    uint32_t mounts_end = 0;
  };
  struct StageState {
    uint32_t seq_end = 0;  // declarations up to the stage's end
    uint32_t user = npos;
    uint32_t workdir = npos;
    uint32_t shell = npos;
    uint32_t deps_begin = 0;
    uint32_t deps_end = 0;
    uint32_t root = 0;  // first stage of the parent chain
  };
  struct Scope {
    uint32_t stage = npos;   // npos: the global scope
    uint32_t seq_limit = 0;  // only declarations with a smaller index are visible
  };
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept;
  };

  Scope scope_of(uint32_t instr) const;
  VarValue lookup_in(const Scope& scope, std::string_view name) const;
  VarValue lookup_name_id(const Scope& scope, uint32_t name_id, std::string_view name) const;
  ExpandedWord expand_in(const Scope& scope, std::string_view word, bool split) const;
  uint32_t name_id(std::string_view name) const;

  char escape_ = '\\';
  bool inherit_parent_args_ = true;
  uint32_t first_from_ = 0;
  uint32_t meta_seq_end_ = 0;
  uint32_t target_ = npos;
  std::vector<Stage> stages_;
  std::vector<StageState> stage_state_;
  std::vector<InstrState> instr_;
  std::vector<Declaration> decls_;
  std::vector<std::vector<uint32_t>> decls_by_name_;  // name id -> declaration indices, ascending
  std::vector<std::pair<std::string, std::string>> predefined_;  // global predefined values
  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> stage_names_;  // lower-cased name -> last stage
  std::vector<UserSetting> users_;
  std::vector<WorkdirSetting> workdirs_;
  std::vector<ShellSetting> shells_;
  std::vector<std::string> default_shell_{"/bin/sh", "-c"};
  std::vector<RunMount> mounts_;
  std::vector<StageDep> deps_;
  std::vector<bool> reachable_;
  // Interned variable names, looked up by string_view without allocating.
  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> name_ids_;
};

}  // namespace dfopt::model
