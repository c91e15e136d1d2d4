#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/security/run_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF311",
    .name = "package-signature-check-disabled",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "package signature or checksum verification turned off",
    .docs = R"md(## What it does
Flags options and settings that make a package manager install packages whose signatures (or
repository signatures) it did not verify:

- `apk --allow-untrusted` (except `apk index`, which only writes an index of local packages);
- `apt-get`/`apt --allow-unauthenticated`, `--allow-insecure-repositories`, `--force-yes`
  (which implies the former), and `-o` with `APT::Get::AllowUnauthenticated`,
  `Acquire::AllowInsecureRepositories`, `Acquire::AllowDowngradeToInsecureRepositories` or
  `Acquire::AllowWeakRepositories` set to true; `aptitude --allow-untrusted`;
- `yum`/`dnf`/`microdnf`/`tdnf` (and their `config-manager` tools) `--nogpgcheck` /
  `--no-gpgchecks`, or `--setopt=[<repo>.]gpgcheck=0` / `localpkg_gpgcheck=0`;
- `rpm --nosignature`, `--nodigest`, `--noverify` or `--nofiledigest` when installing, upgrading
  or freshening (`-i`, `-U`, `-F` and their long forms), not in query or verify modes;
- `zypper --no-gpg-checks`, `zypper install --allow-unsigned-rpm`, `zypper addrepo -G` /
  `--no-gpgcheck`;
- an APT source written with `echo`/`printf` as `deb [trusted=yes] <uri> ...` (not for local
  `file:` or `cdrom:` repositories, whose packages were just built or copied in);
- `GOSUMDB=off`, set by `ENV`, by `ARG` with a value, or in `RUN` (`NAME=value cmd`,
  `export NAME=value`, `env NAME=value cmd`).

Commands are read from the parsed script, wherever they run, through wrappers such as `sudo`, and
in `ONBUILD`. Text that merely mentions an option (`echo --nogpgcheck`) is not a finding.

An install of package files (`apk add --allow-untrusted ./x.apk`, `rpm -i --nosignature x.rpm`,
`dnf install --nogpgcheck x.rpm`...) is not reported when every file is accounted for: checked
earlier with `gpg --verify`, `gpgv` or a `sha256sum -c` (or other SHA) check, copied in with
`COPY` (from the build context or another stage) in the same stage, or read from a bind mount of
the build context or of another stage of the Dockerfile. Such packages never came from an
unauthenticated download. Packages installed by name, or from a URL, are always reported.

## Why is this bad?
Package signatures are what ties a package to its publisher: a mirror, proxy or man in the middle
cannot forge them. With the check off, whoever controls the download path controls the code
installed in the image, usually as root.

## Example
```dockerfile
FROM rockylinux:9
RUN dnf install -y --nogpgcheck https://example.com/tool.rpm
```

## Use instead
Import the publisher's key and keep the check on:
```dockerfile
FROM rockylinux:9
RUN rpm --import https://example.com/RPM-GPG-KEY-example \
 && dnf install -y https://example.com/tool.rpm
```

## References
- Checkov CKV2_DOCKER_7 (apk `--allow-untrusted`), 8 (apt-get `--allow-unauthenticated`),
  9 (yum/dnf/tdnf `--nogpgcheck`), 10 (rpm `--nosignature` and friends) and 11 (apt-get
  `--force-yes`) check the same options with regular expressions on the `RUN` text. They differ:
  they also match text that is not an option of that command (`echo "apk --allow-untrusted"`),
  do not read `apt`, `microdnf`, `--setopt=gpgcheck=0` or zypper, and flag `apk index` and rpm's
  query and verify modes.
- https://wiki.debian.org/SecureApt
- https://rpm.org/docs/latest/man/rpm.8
)md",
};

using security::EnvSetting;
using security::Invocation;
using security::kAptValues;
using security::kYumValues;
using security::option_range;
using security::option_text;

struct Finding {
  TextRange range;
  std::string subject;
};

constexpr std::string_view kApkValues[] = {
    "X",    "repository",  "p", "root",         "keys-dir", "repositories-file",
    "arch", "cache-dir",   "t", "virtual",      "o",        "output",
    "d",    "description", "x", "rewrite-arch", "timeout",  "cache-max-age"};
constexpr std::string_view kRpmValues[] = {
    "root",   "r",        "dbpath",      "define",    "D",    "macros", "rcfile",
    "prefix", "relocate", "excludepath", "predefine", "pipe", "qf",     "queryformat"};
// zypper's global options, then those of its subcommands (install, addrepo...).
// clang-format off
constexpr std::string_view kZypperGlobalValues[] = {
    "R", "root", "c", "config", "D", "reposd-dir", "C", "cache-dir", "raw-cache-dir",
    "solv-cache-dir", "pkg-cache-dir", "userdata", "p", "plus-repo", "plus-content"};
// clang-format on
constexpr std::string_view kZypperValues[] = {"r",    "repo", "t",        "type", "n",
                                              "name", "p",    "priority", "from"};

std::string_view base_name(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_url(std::string_view s) { return s.find("://") != std::string_view::npos; }

/// `path` made absolute against `dir` (an absolute directory), with `.` and `..` segments
/// resolved and no trailing slash.
std::string absolute_path(std::string_view dir, std::string_view path) {
  std::string joined =
      path.starts_with('/') ? std::string(path) : std::string(dir) + "/" + std::string(path);
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  std::string out;
  for (std::string_view seg : parts) {
    out += '/';
    out += seg;
  }
  return out.empty() ? "/" : out;
}

/// Where package files come from, learnt from the instructions before the current one.
struct Provenance final : RuleState {
  std::unordered_set<std::string> verified;  ///< base names checked with gpg or a SHA checksum
  uint32_t stage = model::npos;              ///< the stage `copied` belongs to
  std::vector<std::string> copied;  ///< absolute destinations of COPY (and ADD of local files)
};

// clang-format off
constexpr std::string_view kGpgValues[] = {
    "o", "output", "u", "local-user", "r", "recipient", "homedir", "keyring", "keyserver",
    "trust-model", "status-fd", "logger-fd", "passphrase-fd", "default-key", "trustdb-name",
    "weak-digest", "compress-algo", "cipher-algo", "digest-algo"};
// clang-format on

/// Records the files that `cmd` verifies: `gpg --verify SIG [FILE...]`, `gpgv SIG [FILE...]`,
/// `echo "HASH  FILE" | sha256sum -c -` or `sha256sum -c FILE.sha256`.
void collect_verified(const shell::Script& script, const shell::Command& cmd,
                      std::unordered_set<std::string>& out) {
  const Invocation inv = security::invocation(cmd);
  if (!inv) return;
  const std::string_view p = inv.program;
  auto add_signed = [&](const shell::Options& opts) {
    const auto& ops = opts.operands;
    if (ops.size() >= 2) {
      for (size_t k = 1; k < ops.size(); ++k) out.emplace(base_name(cmd.argv[ops[k]].text));
    } else if (ops.size() == 1) {
      // A detached signature names its file: tool.rpm.asc signs tool.rpm.
      std::string_view sig = base_name(cmd.argv[ops[0]].text);
      for (std::string_view ext : {".asc", ".sig", ".gpg", ".sign"}) {
        if (sig.ends_with(ext)) sig.remove_suffix(ext.size());
      }
      out.emplace(sig);
    }
  };
  if (p == "gpg" || p == "gpg2") {
    const shell::Options opts = inv.options(kGpgValues);
    if (opts.has("verify")) add_signed(opts);
  } else if (p == "gpgv" || p == "gpgv2") {
    add_signed(inv.options(kGpgValues));
  } else if (sh::one_of(p, {"sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "shasum",
                            "b2sum"})) {
    static constexpr std::string_view kSumValues[] = {"a", "algorithm"};
    const shell::Options opts = inv.options(kSumValues);
    if (!opts.has_any({"c", "check"})) return;
    for (uint32_t k : opts.operands) {
      std::string_view f = base_name(cmd.argv[k].text);
      if (f == "-") continue;
      for (std::string_view ext :
           {".sha256sum", ".sha512sum", ".sha256", ".sha512", ".sha1", ".sum", ".checksum"}) {
        if (f.ends_with(ext)) f.remove_suffix(ext.size());
      }
      out.emplace(f);
    }
    // `echo "HASH  FILE" | sha256sum -c -`: the file names are in the lines fed to it.
    if (cmd.pipeline_index == 0) return;
    for (const shell::Command& c : script.commands) {
      if (&c == &cmd) break;
      if (c.pipeline != cmd.pipeline || (c.name() != "echo" && c.name() != "printf")) continue;
      for (const shell::Word& w : c.args()) {
        std::string_view t = w.text;
        while (!t.empty()) {
          const size_t b = t.find_first_not_of(" \t\n");
          if (b == std::string_view::npos) break;
          t.remove_prefix(b);
          const size_t e = t.find_first_of(" \t\n");
          std::string_view token = t.substr(0, e);
          if (!token.empty() && token.front() == '*') token.remove_prefix(1);
          if (!token.empty()) out.emplace(base_name(token));
          if (e == std::string_view::npos) break;
          t.remove_prefix(e);
        }
      }
    }
  }
}

class Checker {
 public:
  Checker(std::vector<Finding>& out, const FileContext& file, const InstrRef& ref,
          const shell::Script* script, Provenance* prov)
      : out_(out), file_(file), ref_(ref), script_(script), prov_(prov) {}

  void command(const shell::Command& cmd) {
    if (prov_) collect_verified(*script_, cmd, prov_->verified);
    const Invocation inv = security::invocation(cmd);
    if (!inv) return;
    const std::string_view p = inv.program;
    if (p == "apk") {
      apk(inv);
    } else if (p == "apt-get" || p == "apt") {
      apt(inv, {"allow-unauthenticated", "allow-insecure-repositories", "force-yes"});
    } else if (p == "aptitude") {
      apt(inv, {"allow-untrusted"});
    } else if (p == "yum" || p == "dnf" || p == "dnf5" || p == "microdnf" || p == "tdnf" ||
               p == "yum-config-manager" || p == "dnf-config-manager") {
      yum(inv);
    } else if (p == "rpm") {
      rpm(inv);
    } else if (p == "zypper") {
      zypper(inv);
    } else if (p == "echo" || p == "printf") {
      apt_source(inv);
    }
  }

  void setting(const EnvSetting& s) {
    if (!s.literal || s.name != "GOSUMDB" || s.value != "off") return;
    out_.push_back({s.range, fmt::format("{} `GOSUMDB=off`", security::setting_source(s.via))});
  }

 private:
  void add(const shell::Command& cmd, const shell::Option& o, std::string_view program) {
    out_.push_back({option_range(cmd, o), fmt::format("`{} {}`", program, option_text(o))});
  }

  void apk(const Invocation& inv) {
    const shell::Options opts = inv.options(kApkValues);
    // `apk index --allow-untrusted` indexes local packages (often just built); it installs
    // nothing.
    if (!opts.operands.empty() && inv.cmd->argv[opts.operands[0]].text == "index") return;
    if (local_packages_accounted(*inv.cmd, opts, ".apk")) return;
    for (const shell::Option& o : opts.options) {
      if (o.name == "allow-untrusted") add(*inv.cmd, o, inv.program);
    }
  }

  void apt(const Invocation& inv, std::initializer_list<std::string_view> names) {
    const shell::Options opts = inv.options(kAptValues);
    if (local_packages_accounted(*inv.cmd, opts, ".deb")) return;
    for (const shell::Option& o : opts.options) {
      if (o.is_long && sh::one_of(o.name, names)) {
        add(*inv.cmd, o, inv.program);
      } else if ((o.name == "o" || o.name == "option") && o.has_value) {
        const size_t eq = o.value.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string key = security::ascii_lower(o.value.substr(0, eq));
        if (sh::one_of(key, {"apt::get::allowunauthenticated", "acquire::allowinsecurerepositories",
                             "acquire::allowdowngradetoinsecurerepositories",
                             "acquire::allowweakrepositories"}) &&
            security::is_true_word(o.value.substr(eq + 1))) {
          out_.push_back(
              {inv.cmd->argv[o.value_word].range, fmt::format("`{} -o {}`", inv.program, o.value)});
        }
      }
    }
  }

  void yum(const Invocation& inv) {
    const shell::Options opts = inv.options(kYumValues);
    if (local_packages_accounted(*inv.cmd, opts, ".rpm")) return;
    for (const shell::Option& o : opts.options) {
      if (o.is_long && (o.name == "nogpgcheck" || o.name == "no-gpgchecks")) {
        add(*inv.cmd, o, inv.program);
      } else if (o.name == "setopt" && o.has_value) {
        const size_t eq = o.value.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string key = security::ascii_lower(o.value.substr(0, eq));
        const bool gpg =
            key == "gpgcheck" || key == "localpkg_gpgcheck" || key.ends_with(".gpgcheck");
        if (gpg && security::is_false_word(o.value.substr(eq + 1))) {
          out_.push_back({inv.cmd->argv[o.value_word].range,
                          fmt::format("`{} --setopt={}`", inv.program, o.value)});
        }
      }
    }
  }

  void rpm(const Invocation& inv) {
    const shell::Options opts = inv.options(kRpmValues);
    // Only the modes that install packages read their signatures and digests.
    bool installs = false;
    for (const shell::Option& o : opts.options) {
      if (sh::one_of(o.name, {"i", "U", "F", "install", "upgrade", "freshen", "reinstall"})) {
        installs = true;
      }
    }
    if (!installs || local_packages_accounted(*inv.cmd, opts, ".rpm")) return;
    for (const shell::Option& o : opts.options) {
      if (o.is_long &&
          sh::one_of(o.name, {"nosignature", "nodigest", "noverify", "nofiledigest"})) {
        add(*inv.cmd, o, inv.program);
      }
    }
  }

  void zypper(const Invocation& inv) {
    const shell::Options global = inv.options(kZypperGlobalValues, 0, true);
    for (const shell::Option& o : global.options) {
      if (o.is_long && o.name == "no-gpg-checks") add(*inv.cmd, o, inv.program);
    }
    if (global.operands.empty()) return;
    const uint32_t sub_index = global.operands[0];
    const std::string_view sub = inv.cmd->argv[sub_index].text;
    const shell::Options opts = inv.options(kZypperValues, sub_index - inv.name);
    if (local_packages_accounted(*inv.cmd, opts, ".rpm")) return;
    for (const shell::Option& o : opts.options) {
      const bool add_repo = sub == "addrepo" || sub == "ar";
      if ((o.is_long && o.name == "allow-unsigned-rpm") ||
          (o.is_long && o.name == "no-gpg-checks") ||
          (add_repo && (o.name == "G" || o.name == "no-gpgcheck"))) {
        add(*inv.cmd, o, fmt::format("zypper {}", sub));
      }
    }
  }

  void apt_source(const Invocation& inv) {
    // A sources.list line: `deb [option=value ...] uri suite [component...]`. The words may be
    // split (`echo deb [trusted=yes] http://...`) or in one quoted argument.
    const auto args = inv.args();
    std::string text;
    std::vector<std::pair<size_t, const shell::Word*>> starts;  // offset in `text` of each word
    for (const shell::Word& w : args) {
      if (!text.empty()) text += ' ';
      starts.emplace_back(text.size(), &w);
      text += w.text;
    }
    const std::string lower = security::ascii_lower(text);
    size_t pos = 0;
    while ((pos = lower.find("deb", pos)) != std::string::npos) {
      const size_t begin = pos;
      pos += 3;
      if (begin > 0 && !std::isspace(static_cast<unsigned char>(lower[begin - 1])) &&
          lower[begin - 1] != '"' && lower[begin - 1] != '\'') {
        continue;
      }
      size_t i = pos;
      if (lower.compare(i, 4, "-src") == 0) i += 4;
      if (i >= lower.size() || !std::isspace(static_cast<unsigned char>(lower[i]))) continue;
      while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
      if (i >= lower.size() || lower[i] != '[') continue;
      const size_t close = lower.find(']', i);
      if (close == std::string::npos) continue;
      const std::string_view opts(lower.data() + i + 1, close - i - 1);
      const size_t trusted = opts.find("trusted=yes");
      if (trusted == std::string_view::npos) continue;
      size_t u = close + 1;
      while (u < lower.size() && std::isspace(static_cast<unsigned char>(lower[u]))) ++u;
      const std::string_view uri(lower.data() + u, lower.size() - u);
      if (uri.substr(0, 5) == "file:" || uri.substr(0, 6) == "cdrom:" || uri.empty()) continue;
      // Report the word holding `trusted=yes`.
      const size_t at = i + 1 + trusted;
      const shell::Word* word = starts.front().second;
      for (const auto& [offset, w] : starts) {
        if (offset <= at) word = w;
      }
      out_.push_back({word->range, "APT source option `[trusted=yes]`"});
    }
  }

  /// The operands of `cmd` name package files (`ext`), all local, and each is accounted for:
  /// verified, copied in, or mounted from the context or another stage.
  bool local_packages_accounted(const shell::Command& cmd, const shell::Options& opts,
                                std::string_view ext) const {
    if (!prov_) return false;
    bool any = false;
    for (uint32_t k : opts.operands) {
      const std::string_view op = cmd.argv[k].text;
      if (!op.ends_with(ext)) continue;
      any = true;
      if (is_url(op) || !accounted(op)) return false;
    }
    return any;
  }

  bool accounted(std::string_view path) const {
    const std::string_view base = base_name(path);
    if (prov_->verified.contains(std::string(base))) return true;
    const std::string abs = absolute_path(file_.model.workdir_at(ref_.index), path);
    auto under = [&](std::string_view dir) {
      while (dir.size() > 1 && dir.back() == '/') dir.remove_suffix(1);
      return abs == dir || (abs.starts_with(dir) && (dir == "/" || abs[dir.size()] == '/'));
    };
    // A bind mount of the build context, or of another stage of this Dockerfile.
    for (const model::RunMount& m : file_.model.mounts(ref_.index)) {
      if (m.type != "bind" || !m.error.empty()) continue;
      if (!m.from.empty() && file_.model.find_stage(m.from) == model::npos) continue;
      if (under(m.target)) return true;
    }
    if (prov_->stage == ref_.stage) {
      for (const std::string& dest : prov_->copied) {
        if (under(dest)) return true;
      }
    }
    return false;
  }

  std::vector<Finding>& out_;
  const FileContext& file_;
  const InstrRef& ref_;
  const shell::Script* script_;
  Provenance* prov_;  ///< null inside ONBUILD, whose context is another build
};

/// The absolute destination of a COPY, or of an ADD of local files; "" when unknown.
std::string copy_destination(const FileContext& file, const InstrRef& ref) {
  const ast::Instruction& ins = ref.instr;
  if (ins.args.size() < 2 && ins.heredocs.empty()) return {};
  if (ins.is(ast::InstrKind::add)) {
    for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
      if (is_url(ins.args[i].value) || ins.args[i].value.starts_with("git@")) return {};
    }
  }
  const std::string dest = file.model.expand(ref.index, ins.args.back().value).value;
  if (dest.empty()) return {};
  return absolute_path(file.model.workdir_at(ref.index), dest);
}

class PackageSignatureCheckDisabled final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return sh::kRun | kind_bit(ast::InstrKind::env) | kind_bit(ast::InstrKind::arg) |
           kind_bit(ast::InstrKind::copy) | kind_bit(ast::InstrKind::add);
  }
  bool wants_onbuild() const override { return true; }

  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<Provenance>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto* prov = ref.in_onbuild ? nullptr : static_cast<Provenance*>(state);
    if (ref.instr.is(ast::InstrKind::copy) || ref.instr.is(ast::InstrKind::add)) {
      if (!prov || ref.stage == model::npos) return;
      std::string dest = copy_destination(file, ref);
      if (dest.empty()) return;
      if (prov->stage != ref.stage) {
        prov->stage = ref.stage;
        prov->copied.clear();
      }
      prov->copied.push_back(std::move(dest));
      return;
    }
    std::vector<Finding> findings;
    const shell::Script* script = nullptr;
    if (ref.instr.is(ast::InstrKind::run)) {
      script = sh::run_script(file, ref);
      if (!script) return;
    }
    Checker checker(findings, file, ref, script, prov);
    if (script) {
      for (const shell::Command& cmd : script->commands) checker.command(cmd);
      security::for_each_run_setting(*script, [&](const EnvSetting& s) { checker.setting(s); });
    } else {
      security::for_each_declared_setting(file, ref,
                                          [&](const EnvSetting& s) { checker.setting(s); });
    }
    std::sort(findings.begin(), findings.end(),
              [](const Finding& a, const Finding& b) { return a.range.begin < b.range.begin; });
    for (const Finding& f : findings) {
      const bool sumdb = f.subject.find("GOSUMDB") != std::string::npos;
      out.report(f.range,
                 sumdb ? fmt::format("{} turns off Go's checksum database; keep it on (or list "
                                     "private modules in GOPRIVATE)",
                                     f.subject)
                       : fmt::format("{} installs packages without verifying their signatures; "
                                     "import the repository's signing key instead",
                                     f.subject));
    }
  }
};

}  // namespace

const Rule& package_signature_check_disabled() {
  static const PackageSignatureCheckDisabled rule;
  return rule;
}

}  // namespace dfopt::rules
