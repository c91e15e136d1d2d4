#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/security/final_image_user.h"
#include "rules/security/security_helpers.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF351",
    .name = "undefined-user",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "`USER` names an account that neither the base image nor the file creates",
    .docs = R"md(## What it does
Flags a `USER name` (or `USER name:group`) when nothing provides the account `name`:
- the base image at the root of the stage's `FROM` chain is `scratch`, or an image dfopt's
  base-image knowledge base knows, and that image does not ship the account. The knowledge base
  lists the accounts of the distribution's base `/etc/passwd` (Debian and Ubuntu's base-passwd,
  Alpine's alpine-baselayout, BusyBox, distroless) and those each image adds (`node` in `node`,
  `nginx` in `nginx`, `postgres` in `postgres`, `app` in the .NET images, `nonroot` in distroless
  and Chainguard images). `root` always exists;
- no instruction before the `USER`, in the stage or the stages it is built `FROM`, can have
  created it: no `RUN` (or `ONBUILD RUN`) mentions the name (`useradd`, `adduser` and their
  BusyBox forms, a script that edits `/etc/passwd`, or a package whose install adds an account of
  that name, such as `apk add nginx`); no `RUN` calls a `.sh` script or installs a local package
  (`dpkg -i`, a `.deb`, `.rpm` or `.apk` file), whose scripts may create any account; no
  `useradd`/`adduser` takes the name from a variable (`useradd -m $APP_USER`); and no `COPY` or
  `ADD` writes `/`, `/etc` or a `passwd` file.

Not reported: numeric users (`USER 10001`), values with unresolved variables, images the
knowledge base does not know or whose variant it does not know (they may create any account;
Windows tags such as `nanoserver` are not known), and `USER` inside `ONBUILD`.

## Why is this bad?
The `USER` instruction itself succeeds, but every later `RUN` fails with "unable to find user
name: no matching entries in passwd file", and so does starting a container from the image.
When the stage has no later `RUN`, the mistake only shows when the image is deployed.

## Example
```dockerfile
FROM python:3.13-slim
COPY . /app
USER app
CMD ["python", "/app/main.py"]
```

## Use instead
```dockerfile
FROM python:3.13-slim
RUN useradd --uid 10001 --no-create-home app
COPY . /app
USER 10001
CMD ["python", "/app/main.py"]
```

## References
- hadolint, BuildKit, Trivy and Checkov have no equivalent check.
- https://docs.docker.com/reference/dockerfile/#user
)md",
};

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' ||
         c == '/';
}

// `name` occurs in `text` at the start of a word (`useradd app`, `app:x:1000`, `postgresql` for
// `postgres`), not inside a path or a longer name (`/app`, `webapp`).
bool mentions(std::string_view text, std::string_view name) {
  for (size_t p = text.find(name); p != std::string_view::npos; p = text.find(name, p + 1)) {
    if (p == 0 || !is_name_char(text[p - 1])) return true;
  }
  return false;
}

std::string_view drop_quotes(std::string_view s) {
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}

// A COPY or ADD that may write the account database: a destination of `/`, `/etc` or a
// `passwd` file, or a source named `passwd` or `/etc`.
bool may_write_passwd(const model::Model& m, uint32_t index, const ast::Instruction& ins) {
  if (ins.args.empty()) return false;
  std::string dest(drop_quotes(ins.args.back().value));
  if (!dest.starts_with('/')) {
    std::string dir(m.workdir_at(index));
    if (!dir.ends_with('/')) dir += '/';
    dest = dir + (dest == "." || dest == "./" ? "" : dest);
  }
  while (dest.size() > 1 && dest.back() == '/') dest.pop_back();
  if (dest == "/" || dest == "/etc" || dest.ends_with("passwd")) return true;
  for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
    std::string_view src = drop_quotes(ins.args[i].value);
    while (src.size() > 1 && src.back() == '/') src.remove_suffix(1);
    if (src == "/etc" || src.ends_with("passwd")) return true;
  }
  return false;
}

// Whether RUN `index` may create the account `name`: it mentions the name, runs a `.sh` script,
// installs a local package (whose scripts may add any account), or creates an account whose name
// comes from a variable (`useradd -m $APP_USER`).
bool run_may_create(const FileContext& file, uint32_t index, std::string_view name) {
  const std::string_view text = file.source.slice(file.ast.instructions[index].range);
  if (mentions(text, name)) return true;
  for (std::string_view s : {".sh", ".deb", ".rpm", ".apk", "dpkg -i", "dpkg --install", "rpm -i",
                             "rpm -U", "rpm --install", "rpm --upgrade"}) {
    if (text.find(s) != std::string_view::npos) return true;
  }
  for (const shell::Command& cmd : file.script(index).commands) {
    const std::string_view prog = cmd.name().substr(cmd.name().rfind('/') + 1);
    if (prog != "useradd" && prog != "adduser") continue;
    for (const shell::Word& w : cmd.args()) {
      if (w.has_expansion || w.has_substitution) return true;
    }
  }
  return false;
}

// Whether an instruction in [begin, end) may have created `name`.
bool range_may_create(const FileContext& file, uint32_t begin, uint32_t end,
                      std::string_view name) {
  for (uint32_t i = begin; i < end; ++i) {
    const ast::Instruction& ins = file.ast.instructions[i];
    if (ins.is(ast::InstrKind::onbuild)) {
      if (mentions(file.source.slice(ins.range), name)) return true;
    } else if (ins.is(ast::InstrKind::run)) {
      if (run_may_create(file, i, name)) return true;
    } else if (ins.is(ast::InstrKind::copy) || ins.is(ast::InstrKind::add)) {
      if (may_write_passwd(file.model, i, ins)) return true;
    }
  }
  return false;
}

// Whether an instruction of `stage`'s FROM chain before `before` may have created `name`.
bool may_be_created(const FileContext& file, uint32_t stage, uint32_t before,
                    std::string_view name) {
  const model::Model& m = file.model;
  for (uint32_t s = stage, n = 0; s != model::npos && n <= m.stages().size(); ++n) {
    const model::Stage& st = m.stage(s);
    if (range_may_create(file, st.body_begin(), std::min(st.end_instr, before), name)) return true;
    s = st.base_kind == model::BaseKind::stage ? st.parent : model::npos;
  }
  return false;
}

// What an earlier USER of the same stage and name found, so that a later one only scans the
// instructions in between (several USERs of one name stay linear).
struct Checked {
  uint32_t stage = 0;
  std::string_view user;
  uint32_t until = 0;  // instructions before this one were scanned
  bool created = false;
};

class UndefinedUser final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const model::Model& m = file.model;
    std::vector<Checked> checked;
    for (const model::UserSetting& u : m.users()) {
      const ast::Instruction& ins = file.ast.instructions[u.instr];
      const ast::Word* w = security::user_word(ins);
      if (!ins.is(ast::InstrKind::user) || !w || u.unresolved) continue;
      const std::string_view user = std::string_view(u.value).substr(0, u.value.find(':'));
      if (user.empty() || user == "root" || is_digits(user)) continue;
      // `USER a b` is an error BuildKit reports; not a name to look up.
      if (user.find_first_of(" \t") != std::string_view::npos) continue;
      const uint32_t stage = m.stage_of(u.instr);
      if (stage == model::npos) continue;
      const security::ChainBase base = security::chain_base(m, stage);
      if (!base.scratch) {
        if (!base.facts || !base.facts.variant || base.facts.find_user(user)) continue;
      }
      auto it = std::find_if(checked.begin(), checked.end(),
                             [&](const Checked& c) { return c.stage == stage && c.user == user; });
      if (it == checked.end()) {
        checked.push_back({stage, user, u.instr, may_be_created(file, stage, u.instr, user)});
        it = checked.end() - 1;
      } else if (!it->created) {
        it->created = range_may_create(file, it->until, u.instr, user);
        it->until = u.instr;
      }
      if (it->created) continue;
      // Point at the user part when the word is written as it expands (`USER app:staff`).
      TextRange range = w->range;
      if (file.source.slice(range).starts_with(user)) {
        range.end = range.begin + static_cast<uint32_t>(user.size());
      }
      out.report(range, message(base, user));
    }
  }

 private:
  static std::string message(const security::ChainBase& base, std::string_view user) {
    if (base.scratch) {
      return fmt::format(
          "user '{}' does not exist: the image starts from `scratch`, which has no /etc/passwd, "
          "and nothing copies one in; use a numeric ID such as `USER 10001:10001`",
          user);
    }
    const std::string image = base.root->base.expanded;
    const std::string_view distro = base.facts.variant->distro;
    std::string hint;
    if (distro == "alpine" || distro == "busybox") {
      hint = fmt::format("add `RUN adduser -D -u 10001 {}` before it, or use a numeric ID", user);
    } else if (distro == "debian" || distro == "ubuntu") {
      hint = fmt::format("add `RUN useradd --uid 10001 {}` before it, or use a numeric ID", user);
    } else if (distro == "distroless") {
      hint = "use `USER 65532:65532` (the image's `nonroot` account) or another numeric ID";
    } else {
      hint = "copy in an /etc/passwd that defines it, or use a numeric ID";
    }
    return fmt::format(
        "user '{}' does not exist: '{}' does not ship it and no earlier instruction creates it; "
        "{}",
        user, image, hint);
  }
};

}  // namespace

const Rule& undefined_user() {
  static const UndefinedUser rule;
  return rule;
}

}  // namespace dfopt::rules
