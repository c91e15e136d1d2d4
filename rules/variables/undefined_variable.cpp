#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dfopt/rule.h"
#include "dfopt/word_expansion.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"UndefinedVar"};

constexpr RuleOption kOptions[] = {
    {"strict-base-env", "false",
     "`true`: in stages built on an external image, report every undefined name as BuildKit does "
     "for an image without environment; `false`: only names declared elsewhere in the file or "
     "close to a visible name"},
};

constexpr RuleInfo kInfo{
    .id = "DF807",
    .name = "undefined-variable",
    .category = Category::variables,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "variable used where BuildKit expands it, but never defined",
    .docs = R"md(## What it does
Flags a `$NAME` or `${NAME...}` that BuildKit expands but that no `ARG` or `ENV` visible at that
point defines. BuildKit expands variables in: `ENV` and `LABEL` keys and values, `ARG` defaults
inside stages, `ADD`/`COPY` sources and destination and their `--chown`, `--chmod` and
`--checksum`, `COPY` heredocs that expand, `RUN --mount` options, `WORKDIR`, `USER`, `VOLUME`
and `STOPSIGNAL`. Shell-form `RUN`/`CMD`/`ENTRYPOINT` are left to the shell, exec-form
arguments, `EXPOSE` and `HEALTHCHECK` are not checked (BuildKit does not report them either), and
`FROM` is `undefined-arg-in-from`'s. A global `ARG` is visible in a stage only after `ARG NAME`
re-declares it. The message suggests the closest visible name ("did you mean").

BuildKit also knows the environment of the base image (`$GOPATH` in `golang`, `$JAVA_HOME` in
`eclipse-temurin`...), which a static analyser cannot see. In a stage whose chain starts from an
external image dfopt therefore reports a name only when the file declares it with `ARG`
elsewhere (typically a global `ARG` that was not re-declared in the stage, or an `ARG` that comes
later) or when it is close to a name visible there other than `PATH` (a typo); set the option
`strict-base-env = true` to report every undefined name there. Stages built on `scratch` are
checked exactly. `PATH` is always defined.

## Why is this bad?
An undefined variable expands to the empty string without an error: `COPY app $APP_HOME/`
copies to `/`, `WORKDIR /srv/$APP` becomes `/srv/`.

## Example
```dockerfile
FROM scratch
ARG VERSION=1.0
ENV APP_VERSION=$VERSON
```

## Use instead
```dockerfile
FROM scratch
ARG VERSION=1.0
ENV APP_VERSION=$VERSION
```

## References
- BuildKit `UndefinedVar`: the same check, with the difference about base image environments
  described above (with `strict-base-env = true` dfopt matches BuildKit on images without
  environment). The instruction inside `ONBUILD` is not checked.
- https://docs.docker.com/reference/build-checks/undefined-var/
)md",
};

/// Levenshtein distance, for "did you mean" (BuildKit's suggest package: distance < 3).
size_t distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool is_name_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/// The range of the first `$name` / `${name` in `range`, or `range` itself.
TextRange locate(const SourceFile& src, TextRange range, std::string_view name) {
  const std::string_view text = src.slice(range);
  for (size_t pos = text.find('$'); pos != std::string_view::npos; pos = text.find('$', pos + 1)) {
    const size_t start = pos + 1 < text.size() && text[pos + 1] == '{' ? pos + 2 : pos + 1;
    if (text.substr(start, name.size()) != name) continue;
    const size_t end = start + name.size();
    if (end < text.size() && is_name_char(text[end]) && start == pos + 1) continue;
    size_t stop = end;
    if (start == pos + 2) {
      const size_t close = text.find('}', end);
      stop = close == std::string_view::npos ? end : close + 1;
    }
    return TextRange{range.begin + static_cast<uint32_t>(pos),
                     range.begin + static_cast<uint32_t>(stop)};
  }
  return range;
}

class UndefinedVariable final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    using ast::InstrKind;
    return kind_bit(InstrKind::env) | kind_bit(InstrKind::label) | kind_bit(InstrKind::arg) |
           kind_bit(InstrKind::add) | kind_bit(InstrKind::copy) | kind_bit(InstrKind::run) |
           kind_bit(InstrKind::workdir) | kind_bit(InstrKind::user) | kind_bit(InstrKind::volume) |
           kind_bit(InstrKind::stopsignal);
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    if (ref.stage == model::npos) return;  // global ARGs: their defaults are not reported
    const ast::Instruction& ins = ref.instr;
    Finder f{file, ref, out, file.option(kInfo, "strict-base-env") == "true", {}};
    using ast::InstrKind;
    switch (ins.kind) {
      case InstrKind::env:
      case InstrKind::label:
        for (const ast::KeyValue& kv : ins.pairs) {
          f.word(kv.key);
          if (kv.value) f.word(*kv.value);
        }
        break;
      case InstrKind::arg:
        for (size_t p = 0; p < ins.pairs.size(); ++p) {
          if (!ins.pairs[p].value) continue;
          // Pairs of one ARG are dispatched one by one: earlier names are defined.
          f.earlier.clear();
          for (size_t q = 0; q < p; ++q) f.earlier.push_back(ins.pairs[q].key.value);
          f.word(*ins.pairs[p].value);
        }
        break;
      case InstrKind::add:
      case InstrKind::copy:
        for (const ast::Flag& fl : ins.flags) {
          if (!fl.value) continue;
          if (fl.name == "chown" || fl.name == "chmod" ||
              (fl.name == "checksum" && ins.kind == InstrKind::add)) {
            f.word(ast::Word{*fl.value, fl.value_range});
          }
        }
        for (const ast::Word& w : ins.args) {
          if (!is_heredoc_opener(ins, w)) f.word(w);
        }
        if (ins.kind == InstrKind::copy) {
          for (const ast::Heredoc& h : ins.heredocs) {
            if (h.expand) f.heredoc(h);
          }
        }
        break;
      case InstrKind::run:
        for (const ast::Flag& fl : ins.flags) {
          if (fl.name == "mount" && fl.value) f.word(ast::Word{*fl.value, fl.value_range});
        }
        break;
      case InstrKind::volume:
        for (const ast::Word& w : ins.args) f.word(w);
        break;
      case InstrKind::workdir:
      case InstrKind::user:
      case InstrKind::stopsignal:
        if (!ins.args.empty()) f.word(ins.args[0]);
        break;
      default:
        break;
    }
  }

 private:
  static bool is_heredoc_opener(const ast::Instruction& ins, const ast::Word& w) {
    return std::any_of(ins.heredocs.begin(), ins.heredocs.end(),
                       [&](const ast::Heredoc& h) { return h.opener.begin == w.range.begin; });
  }

  struct Finder {
    const FileContext& file;
    const InstrRef& ref;
    Reporter& out;
    bool strict;
    std::vector<std::string> earlier;  // names an earlier pair of the same ARG defines
    std::vector<std::string> reported = {};

    void word(const ast::Word& w) {
      if (w.value.find('$') == std::string::npos) return;
      const model::ExpandedWord e = file.model.expand(ref.index, w.value);
      for (const std::string& name : e.unmatched) consider(name, w.range);
    }

    // BuildKit expands COPY heredocs with a lexer that keeps quotes and uses `\` as escape.
    void heredoc(const ast::Heredoc& h) {
      if (h.content.find('$') == std::string::npos) return;
      const model::Model& m = file.model;
      const uint32_t instr = ref.index;
      const VariableLookup lookup = [&m, instr](std::string_view name) {
        const model::VarValue v = m.lookup(instr, name);
        return v.is_set() ? std::optional<std::string_view>(v.value) : std::nullopt;
      };
      ExpansionOptions options;
      options.escape = '\\';
      options.skip_process_quotes = true;
      Expansion ex;
      (void)expand_word(h.content, lookup, options, ex);
      for (const std::string& name : ex.unmatched) {
        if (m.lookup(instr, name).status == model::VarStatus::unset) consider(name, h.body);
      }
    }

    void consider(const std::string& name, TextRange range) {
      // BuildKit's nonEnvArgs are never reported.
      if (name == "BUILDKIT_SBOM_SCAN_CONTEXT" || name == "BUILDKIT_SBOM_SCAN_STAGE") return;
      if (std::find(earlier.begin(), earlier.end(), name) != earlier.end()) return;
      if (std::find(reported.begin(), reported.end(), name) != reported.end()) return;
      const model::Model& m = file.model;
      const std::string suggestion = suggest(name);
      // PATH as the only close name says nothing: GOPATH, JAVA_PATH... come from base images.
      if (!strict && m.stage(ref.stage).inherits_external_image &&
          (suggestion.empty() || suggestion == "PATH") && !declared_as_arg(name)) {
        return;  // the base image may define it
      }
      reported.push_back(name);
      std::string message = fmt::format("undefined variable '${}'", name);
      if (!suggestion.empty()) message += fmt::format("; did you mean '${}'?", suggestion);
      out.report(locate(file.source, range, name), std::move(message));
    }

    bool declared_as_arg(std::string_view name) const {
      // Only ARGs: an ENV elsewhere (`ENV JAVA_OPTS="$JAVA_OPTS -X"`, an ENV of another stage)
      // is no evidence, since base images commonly define such names themselves.
      for (const model::Declaration& d : file.model.declarations()) {
        if (d.name == name && d.kind == model::DeclKind::arg && d.instr != ref.index) return true;
      }
      return false;
    }

    /// The closest name BuildKit would have in the environment here (first of the closest).
    std::string suggest(std::string_view name) const {
      const model::Model& m = file.model;
      std::vector<uint32_t> chain;
      for (uint32_t s = ref.stage; s != model::npos; s = m.stage(s).parent) chain.push_back(s);
      std::string best;
      size_t best_dist = 3;
      auto offer = [&](std::string_view cand) {
        if (cand == name) return;
        const size_t d = distance(name, cand);
        if (d < best_dist) {
          best_dist = d;
          best = std::string(cand);
        }
      };
      offer("PATH");
      for (const model::Declaration& d : m.declarations()) {
        if (d.stage == model::npos) continue;
        if (std::find(chain.begin(), chain.end(), d.stage) == chain.end()) continue;
        if (d.stage == ref.stage && d.instr >= ref.index) continue;
        if (d.kind == model::DeclKind::arg && !d.has_value) continue;
        offer(d.name);
      }
      return best;
    }
  };
};

}  // namespace

const Rule& undefined_variable() {
  static const UndefinedVariable rule;
  return rule;
}

}  // namespace dfopt::rules
