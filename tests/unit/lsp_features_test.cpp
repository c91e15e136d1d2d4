// Editor features of the language server: hover, completion, document symbols and folding
// ranges, on whole, lower-case, non-ASCII and broken documents and at any offset.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/rule.h"
#include "lsp/features.h"

namespace dfopt::lsp {
namespace {

/// A parsed and modelled document, as the server keeps one.
struct Doc {
  SourceFile source;
  ParseResult parsed;
  model::Model model;
  std::vector<Diagnostic> diagnostics;

  explicit Doc(std::string text) : source("Dockerfile", std::move(text)), parsed(parse(source)) {
    model = model::build_model(parsed.ast, source);
  }
  DocumentView view() const { return DocumentView{source, parsed.ast, model, diagnostics}; }
  /// Offset of the `n`th occurrence of `needle` (plus `delta`).
  size_t at(std::string_view needle, size_t delta = 0, int n = 0) const {
    size_t pos = source.text().find(needle);
    while (n-- > 0 && pos != std::string_view::npos) pos = source.text().find(needle, pos + 1);
    EXPECT_NE(pos, std::string_view::npos) << needle;
    return pos + delta;
  }
  std::string_view slice(TextRange r) const { return source.slice(r); }
};

std::vector<std::string> labels(const std::vector<CompletionItem>& items) {
  std::vector<std::string> out;
  for (const CompletionItem& i : items) out.push_back(i.label);
  return out;
}

bool has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Hover ----------------------------------------------------------------------------------------

TEST(LspHover, InstructionKeywordAnyCase) {
  Doc d("FROM alpine\nrun echo hi\n");
  auto h = hover(d.view(), d.at("run", 1));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("**RUN**"), std::string::npos);
  EXPECT_EQ(d.slice(h->range), "run");
}

TEST(LspHover, Flags) {
  Doc d(
      "FROM golang AS build\nFROM alpine\nCOPY --from=build --chmod=755 /a /b\n"
      "RUN --mount=type=cache,target=/root/.cache --network=none make\n"
      "HEALTHCHECK --interval=5s CMD true\n");
  auto h = hover(d.view(), d.at("--from", 3));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("**--from** (COPY)"), std::string::npos);
  EXPECT_EQ(d.slice(h->range), "--from=build");
  h = hover(d.view(), d.at("--chmod"));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("--chmod"), std::string::npos);
  h = hover(d.view(), d.at("--mount", 9));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("cache"), std::string::npos);
  h = hover(d.view(), d.at("--network"));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("none"), std::string::npos);
  h = hover(d.view(), d.at("--interval"));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("HEALTHCHECK"), std::string::npos);
}

TEST(LspHover, VariableValueAndDeclaration) {
  Doc d(
      "ARG BASE=alpine:3.20\nFROM ${BASE}\nARG VERSION=1.2\nENV DIR=/opt/app-${VERSION}\n"
      "RUN echo ünïcode $DIR $UNSET\n");
  auto h = hover(d.view(), d.at("$DIR", 2));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("`DIR` = `/opt/app-1.2`"), std::string::npos) << h->markdown;
  EXPECT_NE(h->markdown.find("ENV on line 4"), std::string::npos) << h->markdown;
  EXPECT_EQ(d.slice(h->range), "$DIR");
  h = hover(d.view(), d.at("${VERSION}", 0));  // on the `$`
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("`VERSION` = `1.2`"), std::string::npos) << h->markdown;
  EXPECT_EQ(d.slice(h->range), "${VERSION}");
  // FROM sees the global ARG.
  h = hover(d.view(), d.at("${BASE}", 3));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("`BASE` = `alpine:3.20`"), std::string::npos) << h->markdown;
  EXPECT_NE(h->markdown.find("(global)"), std::string::npos) << h->markdown;
  h = hover(d.view(), d.at("$UNSET", 3));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("not defined"), std::string::npos);
}

TEST(LspHover, ArgWithoutDefault) {
  Doc d("FROM alpine\nARG TOKEN\nRUN echo $TOKEN\n");
  auto h = hover(d.view(), d.at("$TOKEN", 1));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("no value known"), std::string::npos) << h->markdown;
  EXPECT_NE(h->markdown.find("--build-arg TOKEN="), std::string::npos) << h->markdown;
}

TEST(LspHover, BaseImages) {
  Doc d("FROM node:20-alpine AS build\nFROM build\nFROM scratch\nFROM example.com/team/app:1\n");
  auto h = hover(d.view(), d.at("node", 1));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("docker.io/library/node:20-alpine"), std::string::npos) << h->markdown;
  EXPECT_NE(h->markdown.find("variant `alpine`"), std::string::npos) << h->markdown;
  EXPECT_NE(h->markdown.find("MB"), std::string::npos);
  EXPECT_EQ(d.slice(h->range), "node:20-alpine");
  h = hover(d.view(), d.at("FROM build", 6));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("build stage `build`"), std::string::npos) << h->markdown;
  h = hover(d.view(), d.at("scratch"));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("empty image"), std::string::npos);
  h = hover(d.view(), d.at("example.com"));
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find("example.com/team/app:1"), std::string::npos);
}

TEST(LspHover, DiagnosticShowsRuleDocs) {
  Doc d("FROM alpine\nRUN echo hi\n");
  ASSERT_FALSE(all_rules().empty());
  const RuleInfo& info = all_rules().front()->info();
  const auto b = static_cast<uint32_t>(d.at("echo"));
  d.diagnostics.push_back({std::string(info.id), info.severity, "a message", {b, b + 4}, {}});
  d.diagnostics.push_back({"syntax-error", Severity::error, "something odd", {b, b + 2}, {}});
  auto h = hover(d.view(), b + 1);
  ASSERT_TRUE(h);
  EXPECT_NE(h->markdown.find(std::string(info.id)), std::string::npos);
  EXPECT_NE(h->markdown.find("a message"), std::string::npos);
  EXPECT_NE(h->markdown.find("something odd"), std::string::npos);
  EXPECT_NE(h->markdown.find(std::string(info.docs.substr(0, 20))), std::string::npos);
  // The smaller diagnostic comes first.
  EXPECT_LT(h->markdown.find("something odd"), h->markdown.find("a message"));
}

TEST(LspHover, NothingAndOutOfRange) {
  Doc d("FROM alpine\n\nRUN echo hi");
  EXPECT_FALSE(hover(d.view(), d.at("\n\n", 1)));
  EXPECT_FALSE(hover(d.view(), 1u << 30));
  EXPECT_FALSE(hover(d.view(), d.source.text().size()));
}

// Completion -----------------------------------------------------------------------------------

TEST(LspComplete, KeywordsAtLineStart) {
  Doc d("FROM alpine\nRUN x\nCO");
  auto items = complete(d.view(), d.source.text().size());
  EXPECT_EQ(labels(items), (std::vector<std::string>{"COPY"}));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].insert_text, "COPY ");
  EXPECT_EQ(d.slice(items[0].range), "CO");
  EXPECT_EQ(items[0].kind, CompletionKind::keyword);
  EXPECT_FALSE(items[0].documentation.empty());

  Doc empty("FROM alpine\n\n");
  items = complete(empty.view(), empty.at("\n\n", 1));
  EXPECT_GE(items.size(), 17u);
  EXPECT_TRUE(has(labels(items), "HEALTHCHECK"));
}

TEST(LspComplete, KeywordCaseFollowsTheFile) {
  Doc d("from alpine\nrun x\nworkdir /a\n\n");
  auto items = complete(d.view(), d.at("\n\n", 1));
  EXPECT_TRUE(has(labels(items), "copy"));
  EXPECT_FALSE(has(labels(items), "COPY"));
  Doc typed("e");
  items = complete(typed.view(), 1);
  EXPECT_EQ(labels(items), (std::vector<std::string>{"entrypoint", "env", "expose"}));
}

TEST(LspComplete, AfterOnbuild) {
  Doc d("FROM alpine\nONBUILD R");
  auto items = complete(d.view(), d.source.text().size());
  EXPECT_EQ(labels(items), (std::vector<std::string>{"RUN"}));
  Doc all("FROM alpine\nONBUILD ");
  items = complete(all.view(), all.source.text().size());
  EXPECT_FALSE(has(labels(items), "FROM"));
  EXPECT_FALSE(has(labels(items), "ONBUILD"));
}

TEST(LspComplete, FlagsOfTheInstruction) {
  Doc d("FROM alpine\nCOPY --");
  auto l = labels(complete(d.view(), d.source.text().size()));
  for (const char* f : {"--from", "--chown", "--chmod", "--link", "--parents", "--exclude"})
    EXPECT_TRUE(has(l, f)) << f;
  EXPECT_FALSE(has(l, "--mount"));
  Doc run("FROM alpine\nRUN --ne");
  auto items = complete(run.view(), run.source.text().size());
  ASSERT_EQ(labels(items), (std::vector<std::string>{"--network"}));
  EXPECT_EQ(items[0].insert_text, "--network=");
  EXPECT_EQ(run.slice(items[0].range), "--ne");
  Doc link("FROM alpine\nADD --li");
  items = complete(link.view(), link.source.text().size());
  ASSERT_EQ(labels(items), (std::vector<std::string>{"--link"}));
  EXPECT_EQ(items[0].insert_text, "--link");
  Doc hc("FROM alpine\nHEALTHCHECK --");
  l = labels(complete(hc.view(), hc.source.text().size()));
  for (const char* f :
       {"--interval", "--timeout", "--start-period", "--start-interval", "--retries"})
    EXPECT_TRUE(has(l, f)) << f;
  Doc from("FROM --");
  EXPECT_EQ(labels(complete(from.view(), from.source.text().size())),
            (std::vector<std::string>{"--platform"}));
  // Not after the arguments started.
  Doc late("FROM alpine\nCOPY a --");
  EXPECT_TRUE(complete(late.view(), late.source.text().size()).empty());
}

TEST(LspComplete, StageNames) {
  Doc d("FROM golang AS build\nFROM alpine AS tools\nFROM alpine\nCOPY --from=");
  auto items = complete(d.view(), d.source.text().size());
  EXPECT_EQ(labels(items), (std::vector<std::string>{"build", "tools"}));
  EXPECT_EQ(items[0].kind, CompletionKind::module);
  Doc from("FROM golang AS build\nFROM b");
  items = complete(from.view(), from.source.text().size());
  EXPECT_EQ(labels(items), (std::vector<std::string>{"build"}));
  EXPECT_EQ(from.slice(items[0].range), "b");
  Doc sc("FROM golang AS build\nFROM sc");
  EXPECT_EQ(labels(complete(sc.view(), sc.source.text().size())),
            (std::vector<std::string>{"scratch"}));
  // A stage cannot name itself or a later stage.
  Doc self("FROM golang AS build\nCOPY --from=");
  EXPECT_TRUE(complete(self.view(), self.source.text().size()).empty());
}

TEST(LspComplete, VariablesInScope) {
  Doc d("ARG GLOBAL=1\nFROM alpine\nARG LOCAL=2\nENV HOME_DIR=/h\nRUN echo $\nENV LATER=3\n");
  auto items = complete(d.view(), d.at("$", 1));
  auto l = labels(items);
  EXPECT_TRUE(has(l, "LOCAL"));
  EXPECT_TRUE(has(l, "HOME_DIR"));
  EXPECT_FALSE(has(l, "GLOBAL"));  // not re-declared in the stage
  EXPECT_FALSE(has(l, "LATER"));   // declared after
  for (const CompletionItem& i : items) EXPECT_EQ(i.kind, CompletionKind::variable);

  Doc braced("FROM alpine\nARG LOCAL=2\nRUN echo ${LO");
  items = complete(braced.view(), braced.source.text().size());
  ASSERT_EQ(labels(items), (std::vector<std::string>{"LOCAL"}));
  EXPECT_EQ(items[0].insert_text, "LOCAL}");
  EXPECT_EQ(braced.slice(items[0].range), "LO");

  // FROM sees global ARGs and the predefined platform ones.
  Doc from("ARG TAG=3.20\nFROM alpine:$");
  l = labels(complete(from.view(), from.source.text().size()));
  EXPECT_TRUE(has(l, "TAG"));
  EXPECT_TRUE(has(l, "TARGETPLATFORM"));
}

TEST(LspComplete, Mounts) {
  Doc types("FROM alpine\nRUN --mount=type=");
  EXPECT_EQ(labels(complete(types.view(), types.source.text().size())),
            (std::vector<std::string>{"bind", "cache", "tmpfs", "secret", "ssh"}));
  Doc cache("FROM alpine\nRUN --mount=type=cache,");
  auto l = labels(complete(cache.view(), cache.source.text().size()));
  for (const char* o :
       {"target", "id", "sharing", "from", "source", "mode", "uid", "gid", "readonly", "rw"})
    EXPECT_TRUE(has(l, o)) << o;
  EXPECT_FALSE(has(l, "env"));
  EXPECT_FALSE(has(l, "type"));
  Doc secret("FROM alpine\nRUN --mount=type=secret,id=npm,");
  l = labels(complete(secret.view(), secret.source.text().size()));
  EXPECT_TRUE(has(l, "env"));
  EXPECT_TRUE(has(l, "required"));
  EXPECT_FALSE(has(l, "id"));
  EXPECT_FALSE(has(l, "sharing"));
  Doc tmpfs("FROM alpine\nRUN --mount=type=tmpfs,s");
  EXPECT_EQ(labels(complete(tmpfs.view(), tmpfs.source.text().size())),
            (std::vector<std::string>{"size"}));
  Doc bind("FROM alpine\nRUN --mount=");  // bind by default
  l = labels(complete(bind.view(), bind.source.text().size()));
  EXPECT_TRUE(has(l, "type"));
  EXPECT_TRUE(has(l, "source"));
  EXPECT_FALSE(has(l, "size"));
  Doc sharing("FROM alpine\nRUN --mount=type=cache,target=/c,sharing=");
  EXPECT_EQ(labels(complete(sharing.view(), sharing.source.text().size())),
            (std::vector<std::string>{"shared", "private", "locked"}));
  Doc from("FROM golang AS build\nFROM alpine\nRUN --mount=from=");
  EXPECT_EQ(labels(complete(from.view(), from.source.text().size())),
            (std::vector<std::string>{"build"}));
}

TEST(LspComplete, NetworkAndSecurity) {
  Doc n("FROM alpine\nRUN --network=");
  EXPECT_EQ(labels(complete(n.view(), n.source.text().size())),
            (std::vector<std::string>{"default", "none", "host"}));
  Doc s("FROM alpine\nRUN --security=i");
  EXPECT_EQ(labels(complete(s.view(), s.source.text().size())),
            (std::vector<std::string>{"insecure"}));
}

TEST(LspComplete, DirectivesAtTheTop) {
  Doc d("# \nFROM alpine\n");
  auto items = complete(d.view(), 2);
  auto l = labels(items);
  EXPECT_TRUE(has(l, "syntax=docker/dockerfile:1"));
  EXPECT_TRUE(has(l, "escape=`"));
  EXPECT_TRUE(has(l, "check=error=true"));
  Doc present("# syntax=docker/dockerfile:1\n# e\nFROM alpine\n");
  items = complete(present.view(), present.at("# e", 3));
  EXPECT_EQ(labels(items), (std::vector<std::string>{"escape=`"}));
  // Not below an instruction.
  Doc below("FROM alpine\n# \n");
  EXPECT_TRUE(complete(below.view(), below.at("# ", 2)).empty());
}

TEST(LspComplete, NothingInHeredocsAndOutOfRange) {
  Doc d("FROM alpine\nRUN <<EOF\nec\nEOF\n");
  EXPECT_TRUE(complete(d.view(), d.at("ec", 2)).empty());
  EXPECT_NO_THROW(complete(d.view(), 1u << 30));
}

// Symbols and folding ---------------------------------------------------------------------------

TEST(LspSymbols, StagesWithInstructions) {
  Doc d(
      "ARG VERSION=1\nFROM golang:1.22 AS build\nRUN go build\n\nFROM alpine\nCOPY --from=build /a "
      "/b\n");
  auto syms = symbols(d.view());
  ASSERT_EQ(syms.size(), 3u);
  EXPECT_EQ(syms[0].name, "ARG");
  ASSERT_EQ(syms[0].children.size(), 1u);
  EXPECT_EQ(syms[0].children[0].name, "VERSION");
  EXPECT_EQ(syms[0].children[0].kind, SymbolKind::variable);
  EXPECT_EQ(syms[1].name, "build");
  EXPECT_EQ(syms[1].detail, "golang:1.22");
  EXPECT_EQ(syms[1].kind, SymbolKind::module);
  EXPECT_EQ(d.slice(syms[1].selection_range), "build");
  EXPECT_EQ(d.slice(syms[1].range), "FROM golang:1.22 AS build\nRUN go build");
  ASSERT_EQ(syms[1].children.size(), 2u);
  EXPECT_EQ(syms[1].children[1].name, "RUN");
  EXPECT_EQ(syms[1].children[1].detail, "go build");
  EXPECT_EQ(syms[2].name, "alpine");
  EXPECT_EQ(d.slice(syms[2].selection_range), "alpine");
  ASSERT_EQ(syms[2].children.size(), 2u);
  EXPECT_EQ(syms[2].children[1].detail, "--from=build /a /b");
  for (const auto& s : syms) EXPECT_TRUE(s.range.contains(s.selection_range));
}

TEST(LspSymbols, LowercaseAndNonAscii) {
  Doc d("from alpine as ünï\nrun echo ü\n");
  auto syms = symbols(d.view());
  ASSERT_EQ(syms.size(), 1u);
  ASSERT_EQ(syms[0].children.size(), 2u);
  EXPECT_EQ(syms[0].children[1].name, "RUN");
  EXPECT_EQ(syms[0].children[1].detail, "echo ü");
}

TEST(LspFolding, StagesContinuationsHeredocsComments) {
  Doc d(
      "# one\n# two\n# three\nFROM alpine\nRUN a \\\n    b \\\n    c\nRUN <<EOF\nx\ny\nEOF\n\nFROM "
      "scratch\n");
  auto folds = folding_ranges(d.view());
  auto found = [&](uint32_t s, uint32_t e, FoldingKind k) {
    return std::any_of(folds.begin(), folds.end(), [&](const FoldingRange& f) {
      return f.start_line == s && f.end_line == e && f.kind == k;
    });
  };
  EXPECT_TRUE(found(0, 2, FoldingKind::comment));
  EXPECT_TRUE(found(3, 10, FoldingKind::region));  // the first stage
  EXPECT_TRUE(found(4, 6, FoldingKind::region));   // the continuation
  EXPECT_TRUE(found(7, 10, FoldingKind::region));  // the heredoc
  for (const auto& f : folds) EXPECT_LT(f.start_line, f.end_line);
  EXPECT_TRUE(std::is_sorted(
      folds.begin(), folds.end(),
      [](const FoldingRange& a, const FoldingRange& b) { return a.start_line < b.start_line; }));
}

// Broken documents ------------------------------------------------------------------------------

TEST(LspFeatures, BrokenDocumentsAtEveryOffset) {
  const char* texts[] = {
      "FROM alpine\nCOPY --from=\nRUN \"unterminated\nHEALTHCHECK\n",
      "FROM\nENV A\nONBUILD\nRUN <<EOF\nno terminator",
      "ARG X=${\nFROM $X AS\nCOPY --chown= \\\n",
      "\xEF\xBB\xBF# escape=`\nfrom ünï `\n  cödé\nRUN --mount=type=cache,target=\xff\xfe\n",
      "",
      "\n\n\\\n",
  };
  for (const char* t : texts) {
    Doc d(t);
    const size_t n = d.source.text().size();
    for (size_t off = 0; off <= n + 2; ++off) {
      auto h = hover(d.view(), off);
      if (h) EXPECT_LE(h->range.end, n);
      for (const CompletionItem& i : complete(d.view(), off)) {
        EXPECT_LE(i.range.begin, i.range.end);
        EXPECT_LE(i.range.end, n);
      }
    }
    for (const DocumentSymbol& s : symbols(d.view())) EXPECT_LE(s.range.end, n);
    for (const FoldingRange& f : folding_ranges(d.view())) EXPECT_LT(f.start_line, f.end_line);
  }
}

}  // namespace
}  // namespace dfopt::lsp
