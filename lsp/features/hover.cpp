// Hover: rule docs for diagnostics, instruction and flag docs, variable values, base images.

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "dfopt/rule.h"
#include "lsp/features.h"
#include "lsp/features/common.h"
#include "lsp/features/tables.h"
#include "rules/base/base_images.h"

namespace dfopt::lsp {
namespace {

using detail::is_name_char;

struct VarRef {
  std::string name;
  TextRange range;  ///< `$NAME` or `${NAME}` (through the closing brace when it follows the name)
};

/// The `$NAME` / `${NAME...}` reference under `offset` in `text`, if any.
std::optional<VarRef> variable_at(std::string_view text, uint32_t offset, char escape) {
  const auto size = static_cast<uint32_t>(text.size());
  uint32_t s = offset;
  // On the `$` or the `{` itself: move onto the name.
  if (s < size && text[s] == '$') ++s;
  if (s < size && text[s] == '{' && s > 0 && text[s - 1] == '$') ++s;
  while (s > 0 && is_name_char(text[s - 1])) --s;
  uint32_t e = std::max(s, offset);
  while (e < size && is_name_char(text[e])) ++e;
  if (e == s || (text[s] >= '0' && text[s] <= '9')) return std::nullopt;
  uint32_t begin;
  bool braced = false;
  if (s >= 2 && text[s - 1] == '{' && text[s - 2] == '$') {
    begin = s - 2;
    braced = true;
  } else if (s >= 1 && text[s - 1] == '$') {
    begin = s - 1;
  } else {
    return std::nullopt;
  }
  if (begin > 0 && text[begin - 1] == escape) return std::nullopt;  // `\$NAME` is literal
  uint32_t end = e;
  if (braced && end < size && text[end] == '}') ++end;
  if (offset < begin || offset > end) return std::nullopt;
  return VarRef{std::string(text.substr(s, e - s)), TextRange{begin, end}};
}

std::string describe_variable(const DocumentView& doc, uint32_t instr, const std::string& name) {
  const model::VarValue v = doc.model.lookup(instr, name);
  std::string md;
  auto where = [&](uint32_t decl) {
    const model::Declaration& d = doc.model.declarations()[decl];
    std::string s = fmt::format("{} on line {}", d.kind == model::DeclKind::arg ? "ARG" : "ENV",
                                detail::line_of_instr(doc, d.instr));
    if (d.stage == model::npos) s += " (global)";
    if (d.origin == model::ValueOrigin::build_arg) s += ", set by `--build-arg`";
    if (d.origin == model::ValueOrigin::global) s += ", importing the global value";
    return s;
  };
  switch (v.status) {
    case model::VarStatus::set:
      md = fmt::format("`{}` = `{}`", name, v.value);
      break;
    case model::VarStatus::unknown:
      md = fmt::format("`{}` has no value known statically", name);
      break;
    case model::VarStatus::unset:
      return fmt::format("`{}` is not defined here: it expands to an empty string", name);
  }
  md += "\n\n";
  switch (v.source) {
    case model::VarSource::arg:
    case model::VarSource::env:
      if (v.decl != model::npos) {
        md += "Declared by " + where(v.decl);
        if (v.status == model::VarStatus::unknown)
          md += fmt::format(" without a default; set it with `--build-arg {}=<value>`", name);
      }
      break;
    case model::VarSource::predefined:
      md += "Predefined by BuildKit for every build";
      break;
    case model::VarSource::base_image:
      md += "Inherited from the base image";
      break;
    case model::VarSource::none:
      break;
  }
  if (v.unresolved) md += "\n\nThe value uses variables with no known value";
  return md;
}

std::string describe_keyword(ast::InstrKind kind) {
  const detail::KeywordDoc* k = detail::keyword_doc(kind);
  if (!k) return {};
  return fmt::format("**{}**\n\n```dockerfile\n{}\n```\n\n{}", ast::keyword_name(kind), k->syntax,
                     k->doc);
}

std::string describe_flag(const ast::Instruction& in, const ast::Flag& flag) {
  const detail::FlagDoc* f = detail::flag_doc(in.kind, flag.name);
  if (!f) return {};
  std::string md = fmt::format("**--{}** ({})\n\n```dockerfile\n{}\n```\n\n{}", f->name,
                               ast::keyword_name(in.kind), f->syntax, f->doc);
  return md;
}

std::string describe_image(const DocumentView& doc, uint32_t instr) {
  const uint32_t si = doc.model.stage_of(instr);
  if (si == model::npos || si >= doc.model.stages().size()) return {};
  const model::Stage& st = doc.model.stage(si);
  if (st.from_instr != instr) return {};
  if (st.base_kind == model::BaseKind::scratch)
    return "**scratch**\n\nThe empty image: no files, no shell and no users";
  if (st.base_kind == model::BaseKind::stage && st.parent != model::npos) {
    const model::Stage& p = doc.model.stage(st.parent);
    return fmt::format("**build stage `{}`**\n\nStage {}, from line {}", p.name, p.index,
                       detail::line_of_instr(doc, p.from_instr));
  }
  const model::ImageRef& ref = st.base;
  std::string md;
  if (!ref.valid) {
    md = fmt::format("**{}**\n\nInvalid image reference", ref.expanded);
    if (!ref.error.empty()) md += ": " + ref.error;
    return md;
  }
  md = fmt::format("**{}**", ref.canonical());
  if (ref.expanded != ref.raw) md += fmt::format("\n\nExpands `{}`", ref.raw);
  if (ref.unresolved && !ref.unresolved_vars.empty()) {
    md += "\n\nNo known value for ";
    for (size_t i = 0; i < ref.unresolved_vars.size(); ++i)
      md += fmt::format("{}`{}`", i ? ", " : "", ref.unresolved_vars[i]);
  }
  const rules::kb::ImageFacts facts = rules::kb::lookup(ref);
  if (!facts) return md;
  const rules::kb::Family& fam = *facts.family;
  md += fmt::format("\n\nImage family `{}`", fam.name);
  if (facts.variant)
    md += fmt::format(", variant `{}` ({} compressed, linux/amd64)", facts.variant->name,
                      rules::kb::size_text(facts.variant->size_low, facts.variant->size_high));
  if (!fam.variants.empty()) {
    md += "\n\nVariants:";
    for (const rules::kb::Variant& v : fam.variants)
      md += fmt::format("\n- `{}`: {}, {} based", v.name,
                        rules::kb::size_text(v.size_low, v.size_high), v.distro);
  }
  if (!facts.default_nonroot(ref.tag))
    md += "\n\nRuns as root unless a USER is set";
  else if (!fam.default_user.empty())
    md += fmt::format("\n\nRuns as `{}` unless a USER is set", fam.default_user);
  else
    md += "\n\nRuns as a non-root user unless a USER is set";
  if (fam.toolchain && !fam.runtime_image.empty())
    md += fmt::format("\n\nA toolchain image: a final stage could start from `{}` ({})",
                      fam.runtime_image, rules::kb::size_text(fam.runtime_low, fam.runtime_high));
  if (!fam.source.empty()) md += fmt::format("\n\nSource: {}", fam.source);
  return md;
}

/// Docs of the token under `offset` in instruction `in` (the top-level one is `index`).
std::optional<HoverResult> token_hover(const DocumentView& doc, const ast::Instruction& in,
                                       uint32_t index, uint32_t offset) {
  auto hit = [&](TextRange r) { return r.contains(offset) || (r.end == offset && !r.empty()); };
  if (hit(in.keyword.range)) {
    std::string md = describe_keyword(in.kind);
    if (md.empty()) return std::nullopt;
    return HoverResult{std::move(md), in.keyword.range};
  }
  for (const ast::Flag& f : in.flags) {
    if (!hit(f.range)) continue;
    std::string md = describe_flag(in, f);
    if (md.empty()) return std::nullopt;
    return HoverResult{std::move(md), f.range};
  }
  if (in.kind == ast::InstrKind::healthcheck && in.healthcheck_type &&
      hit(in.healthcheck_type->range)) {
    return HoverResult{
        "`HEALTHCHECK CMD` runs the command that follows; `HEALTHCHECK NONE` disables "
        "any check inherited from the base image",
        in.healthcheck_type->range};
  }
  if (in.kind == ast::InstrKind::from && in.from_image && hit(in.from_image->range) &&
      !variable_at(doc.source.text(), offset, doc.ast.escape)) {
    std::string md = describe_image(doc, index);
    if (!md.empty()) return HoverResult{std::move(md), in.from_image->range};
  }
  if (in.inner) return token_hover(doc, *in.inner, index, offset);
  return std::nullopt;
}

}  // namespace

std::optional<HoverResult> hover(const DocumentView& doc, size_t raw_offset) {
  const uint32_t offset = detail::clamp_offset(doc, raw_offset);
  std::string md;
  TextRange range{offset, offset};
  bool have_range = false;

  // Diagnostics under the cursor, smallest range first.
  std::vector<const Diagnostic*> diags;
  for (const Diagnostic& d : doc.diagnostics)
    if (d.range.contains(offset) || d.range.begin == offset ||
        (d.range.end == offset && !d.range.empty()))
      diags.push_back(&d);
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic* a, const Diagnostic* b) {
    return a->range.size() < b->range.size();
  });
  for (const Diagnostic* d : diags) {
    if (!md.empty()) md += "\n\n---\n\n";
    const Rule* rule = find_rule(d->code);
    if (rule) {
      const RuleInfo& info = rule->info();
      md += fmt::format("**{}** `{}`: {}", info.id, info.name, d->message);
      if (!info.docs.empty()) md += fmt::format("\n\n{}", info.docs);
    } else {
      md += fmt::format("**{}**: {}", d->code, d->message);
    }
    if (!have_range) {
      range = d->range;
      have_range = true;
    }
  }

  const uint32_t i = detail::instruction_at(doc, offset);
  if (i != model::npos) {
    const ast::Instruction& in = doc.ast.instructions[i];
    std::optional<HoverResult> token;
    if (auto var = variable_at(doc.source.text(), offset, doc.ast.escape);
        var && in.range.contains(var->range.begin)) {
      token = HoverResult{describe_variable(doc, i, var->name), var->range};
    } else {
      token = token_hover(doc, in, i, offset);
    }
    if (token) {
      if (!md.empty()) md += "\n\n---\n\n";
      md += token->markdown;
      range = token->range;
      have_range = true;
    }
  }
  if (md.empty()) return std::nullopt;
  return HoverResult{std::move(md), range};
}

}  // namespace dfopt::lsp
