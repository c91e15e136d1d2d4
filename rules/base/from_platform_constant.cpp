#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/base/from_expansion.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"FromPlatformFlagConstDisallowed"};

constexpr RuleInfo kInfo{
    .id = "DF503",
    .name = "from-platform-constant",
    .category = Category::base,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`FROM --platform` is a constant",
    .docs = R"md(## What it does
Flags `FROM --platform=<value>` when the value uses no variable (`linux/amd64` rather than
`$BUILDPLATFORM`), unless the stage name contains the platform's OS or architecture
(`AS build-amd64`), which marks a stage written for one platform on purpose. Values are read as
containerd does (`x86_64` is `amd64`); a value that is not a platform is left to the build.

## Why is this bad?
A constant platform pins the stage whatever `docker buildx build --platform` asks for. In a
multi-platform build every variant then gets the same binaries, an `arm64` image ends up with
`amd64` executables, and on an `arm64` machine the stage runs under emulation. Use
`$BUILDPLATFORM` for stages that run build tools (and cross-compile for `$TARGETPLATFORM`), or
leave the flag out.

## Example
```dockerfile
FROM --platform=linux/amd64 golang:1.22 AS build
```

## Use instead
```dockerfile
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
```

## References
- BuildKit `FromPlatformFlagConstDisallowed`: the same check.
- hadolint DL3029 flags every `--platform` that does not mention `BUILDPLATFORM` or
  `TARGETPLATFORM` (see `from-platform-flag`); not an alias.
- https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/
)md",
};

struct Platform {
  std::string os, arch, variant;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool contains(std::span<const std::string_view> list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

constexpr std::string_view kKnownOs[] = {
    "aix",   "android", "darwin", "dragonfly", "freebsd", "hurd",    "illumos", "ios",     "js",
    "linux", "nacl",    "netbsd", "openbsd",   "plan9",   "solaris", "wasip1",  "windows", "zos"};
constexpr std::string_view kKnownArch[] = {
    "386",     "amd64",  "amd64p32", "arm",      "armbe",     "arm64",       "arm64be", "loong64",
    "mips",    "mipsle", "mips64",   "mips64le", "mips64p32", "mips64p32le", "ppc",     "ppc64",
    "ppc64le", "riscv",  "riscv64",  "s390",     "s390x",     "sparc",       "sparc64", "wasm"};

// containerd's normalizeOS and normalizeArch.
std::string normalize_os(std::string_view os) {
  std::string o = lower(os);
  if (o == "macos") return "darwin";
  return o;
}

void normalize_arch(std::string_view arch_in, std::string_view variant_in, Platform& p) {
  std::string arch = lower(arch_in);
  std::string variant = lower(variant_in);
  if (arch == "i386") {
    arch = "386";
    variant.clear();
  } else if (arch == "x86_64" || arch == "x86-64" || arch == "amd64") {
    arch = "amd64";
    if (variant == "v1") variant.clear();
  } else if (arch == "aarch64" || arch == "arm64") {
    arch = "arm64";
    if (variant == "8" || variant == "v8" || variant == "v8.0") variant = "v8";
  } else if (arch == "armhf") {
    arch = "arm";
    variant = "v7";
  } else if (arch == "armel") {
    arch = "arm";
    variant = "v6";
  } else if (arch == "arm") {
    if (variant.empty() || variant == "7")
      variant = "v7";
    else if (variant == "5" || variant == "6" || variant == "8")
      variant = "v" + variant;
  }
  p.arch = std::move(arch);
  p.variant = std::move(variant);
}

// containerd's platforms.Parse. `default_os`/`default_arch` stand for the daemon's runtime
// values, used when only an architecture or only an OS is given.
std::optional<Platform> parse_platform(std::string_view spec, std::string_view default_os,
                                       std::string_view default_arch) {
  if (spec.empty() || spec.find('*') != std::string_view::npos) return std::nullopt;
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (true) {
    const size_t slash = spec.find('/', pos);
    const std::string_view part =
        spec.substr(pos, slash == std::string_view::npos ? slash : slash - pos);
    const bool ok = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-' || c == '.';
    });
    if (!ok) return std::nullopt;
    parts.push_back(part);
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  Platform p;
  switch (parts.size()) {
    case 1:
      p.os = normalize_os(parts[0]);
      if (contains(kKnownOs, p.os)) {
        p.arch = std::string(default_arch);
        return p;
      }
      normalize_arch(parts[0], "", p);
      if (!contains(kKnownArch, p.arch)) return std::nullopt;
      p.os = std::string(default_os);
      return p;
    case 2:
    case 3:
      p.os = normalize_os(parts[0]);
      normalize_arch(parts[1], parts.size() == 3 ? parts[2] : "", p);
      return p;
    default:
      return std::nullopt;
  }
}

class FromPlatformConstant final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Flag* flag = ref.instr.flag("platform");
    if (!flag || !flag->value || flag->value->empty() || ref.stage == model::npos) return;
    Expansion e;
    // Any substitution, even of an undefined variable, means the value is not a constant.
    if (detail::expand_from_word(file.model, *flag->value, e) || !e.matched.empty() ||
        !e.unmatched.empty()) {
      return;
    }
    const model::VarValue os = file.model.lookup_global("BUILDOS");
    const model::VarValue arch = file.model.lookup_global("BUILDARCH");
    const std::optional<Platform> p = parse_platform(e.value, os.value, arch.value);
    if (!p) return;  // the build fails on it; not this rule's business
    const std::string& name = file.model.stage(ref.stage).name;
    if (name.find(p->os) != std::string::npos || name.find(p->arch) != std::string::npos) return;
    out.report(flag->range,
               fmt::format("'--platform={}' is a constant; use $BUILDPLATFORM or $TARGETPLATFORM, "
                           "or name the stage after the platform",
                           e.value));
  }
};

}  // namespace

const Rule& from_platform_constant() {
  static const FromPlatformConstant rule;
  return rule;
}

}  // namespace dfopt::rules
