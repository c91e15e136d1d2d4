// Unit tests for the tricky parts of the `base` rules: hadolint's reading of image references,
// containerd's platform normalisation behind from-platform-constant, the shared trusted-registry
// setting, and the suggestions and fixes of undefined-arg-in-from.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "../../rules/base/hadolint_image.h"
#include "dfopt/engine.h"
#include "dfopt/fixes.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/rule.h"

namespace dfopt {
namespace {

std::vector<Diagnostic> run(std::string_view rule, const std::string& text,
                            const SharedSettings& shared = {}, OptionValues options = {}) {
  const SourceFile src("Dockerfile", text);
  const ParseResult parsed = parse(src);
  const model::Model m = model::build_model(parsed.ast, src);
  const FileContext ctx{src, parsed.ast, m, shared, options};
  const Rule* r = find_rule(rule);
  EXPECT_NE(r, nullptr) << rule;
  if (!r) return {};
  return run_rules(std::span<const Rule* const>(&r, 1), ctx);
}

TEST(HadolintImage, FromImageParts) {
  using rules::detail::parse_hadolint_from_image;
  auto img = parse_hadolint_from_image("ubuntu");
  ASSERT_TRUE(img);
  EXPECT_EQ(img->registry, "");
  EXPECT_EQ(img->name, "ubuntu");
  EXPECT_FALSE(img->tag);
  EXPECT_FALSE(img->digest);

  img = parse_hadolint_from_image("registry.example.com:5000/team/app:1.0");
  ASSERT_TRUE(img);
  EXPECT_EQ(img->registry, "registry.example.com:5000");
  EXPECT_EQ(img->name, "team/app");
  EXPECT_EQ(img->tag, "1.0");

  // No '.' before the '/': no registry, and the port reads as a tag.
  img = parse_hadolint_from_image("localhost:5000/app");
  ASSERT_TRUE(img);
  EXPECT_EQ(img->registry, "");
  EXPECT_EQ(img->name, "localhost");
  EXPECT_EQ(img->tag, "5000/app");
  // ...and with a real tag after it, language-docker cannot parse the line at all.
  EXPECT_FALSE(parse_hadolint_from_image("localhost:5000/app:1.0"));

  img = parse_hadolint_from_image("alpine@sha256:abc");
  ASSERT_TRUE(img);
  EXPECT_TRUE(img->digest);
  EXPECT_FALSE(img->tag);
  img = parse_hadolint_from_image("node:latest@sha256:abc");
  ASSERT_TRUE(img);
  EXPECT_TRUE(img->digest);
  EXPECT_EQ(img->tag, "latest");

  img = parse_hadolint_from_image("${REGISTRY:-docker.io}/alpine");
  ASSERT_TRUE(img);
  EXPECT_EQ(img->registry, "${REGISTRY:-docker.io}");
  EXPECT_EQ(img->name, "alpine");

  EXPECT_FALSE(parse_hadolint_from_image(""));
  EXPECT_FALSE(parse_hadolint_from_image("alpine:"));
  EXPECT_FALSE(parse_hadolint_from_image("alpine@"));
}

TEST(HadolintImage, FromString) {
  using rules::detail::hadolint_image_from_string;
  EXPECT_EQ(hadolint_image_from_string("builder").first, "");
  EXPECT_EQ(hadolint_image_from_string("builder").second, "builder");
  EXPECT_EQ(hadolint_image_from_string("ghcr.io/org/tool:1").first, "ghcr.io");
  EXPECT_EQ(hadolint_image_from_string("ghcr.io/org/tool:1").second, "org/tool:1");
  EXPECT_EQ(hadolint_image_from_string("localhost:5000/app").first, "");
}

TEST(FromPlatformConstant, ContainerdNormalisation) {
  auto fires = [](const std::string& platform, const std::string& name) {
    return !run("DF503", "FROM --platform=" + platform + " alpine" +
                             (name.empty() ? "" : " AS " + name) + "\n")
                .empty();
  };
  EXPECT_TRUE(fires("linux/amd64", ""));
  EXPECT_FALSE(fires("linux/amd64", "build-amd64"));
  EXPECT_FALSE(fires("linux/x86_64", "build-amd64"));  // x86_64 is amd64
  EXPECT_FALSE(fires("Linux/AMD64", "build-amd64"));   // both are lower-cased
  EXPECT_FALSE(fires("linux/aarch64", "arm64-tools"));
  EXPECT_FALSE(fires("linux/armhf", "arm-tools"));  // armhf is arm/v7
  EXPECT_FALSE(fires("macos/arm64", "darwin"));     // macos is darwin
  EXPECT_TRUE(fires("linux/arm64", "build"));
  // One part: a known OS gets the builder's architecture, a known architecture its OS.
  EXPECT_TRUE(fires("linux", "build"));
  EXPECT_FALSE(fires("linux", "tools-amd64"));
  EXPECT_FALSE(fires("arm64", "linux-tools"));
  // Not a platform: BuildKit fails on it, the check does not.
  EXPECT_FALSE(fires("nonsense", "build"));
  EXPECT_FALSE(fires("linux/arm64/v8/x", "build"));
  EXPECT_FALSE(fires("linux/amd%64", "build"));
}

TEST(UntrustedRegistry, SharedSettingsAndPatterns) {
  SharedSettings shared;
  EXPECT_TRUE(run("DF506", "FROM quay.io/a/b:1\n", shared).empty());  // inactive
  shared.trusted_registries = {"*.example.com", "ghcr*"};
  EXPECT_EQ(run("DF506", "FROM quay.io/a/b:1\n", shared).size(), 1u);
  EXPECT_TRUE(run("DF506", "FROM registry.example.com/a/b:1\n", shared).empty());
  EXPECT_TRUE(run("DF506", "FROM ghcr.io/a/b:1\n", shared).empty());
  EXPECT_EQ(run("DF506", "FROM alpine:3.20\n", shared).size(), 1u);  // Docker Hub not trusted
  shared.trusted_registries = {"*"};
  EXPECT_TRUE(run("DF506", "FROM quay.io/a/b:1\nFROM alpine\n", shared).empty());
  // The option adds to the shared list.
  shared.trusted_registries = {"docker.io"};
  OptionValues options;
  options.values = {{"untrusted-registry.trusted-registries", " quay.io ,"}};
  EXPECT_TRUE(run("DF506", "FROM quay.io/a/b:1\nFROM alpine\n", shared, options).empty());
  // hadolint compares hosts exactly; the buildkit semantics ignore case.
  shared.trusted_registries = {"Quay.io"};
  EXPECT_EQ(run("DF506", "FROM quay.io/a/b:1\n", shared).size(), 1u);
  options.values = {{"untrusted-registry.semantics", "buildkit"}};
  EXPECT_TRUE(run("DF506", "FROM quay.io/a/b:1\n", shared, options).empty());
}

TEST(UndefinedArgInFrom, SuggestionsAndFix) {
  const std::string text = "ARG VERSION=1\nFROM alpine:${VERSON}-$VERSON\n";
  const auto d = run("DF507", text);
  ASSERT_EQ(d.size(), 1u);  // one finding per variable and word, as BuildKit
  EXPECT_NE(d[0].message.find("did you mean 'VERSION'?"), std::string::npos);
  ASSERT_TRUE(d[0].fix);
  EXPECT_EQ(d[0].fix->applicability, Applicability::unsafe);
  EXPECT_EQ(apply_fixes(text, d, true), "ARG VERSION=1\nFROM alpine:${VERSION}-$VERSION\n");
  // An escaped dollar is text: only the real reference is rewritten.
  const std::string esc = "ARG VERSION=1\nFROM alpine:\\$VERSON-$VERSON\n";
  EXPECT_EQ(apply_fixes(esc, run("DF507", esc), true),
            "ARG VERSION=1\nFROM alpine:\\$VERSON-$VERSION\n");
  // The OS-version args BuildKit predefines are known.
  EXPECT_TRUE(run("DF507", "FROM --platform=$TARGETOSVERSION alpine:$BUILDOSVERSION\n").empty());
  // A longer name does not match a shorter prefix.
  EXPECT_EQ(run("DF507", "ARG V=1\nFROM alpine:$VX\n").size(), 1u);
}

TEST(InvalidDefaultArgInFrom, StopsAtTheFirstExpansionError) {
  // BuildKit returns from the whole check on the first FROM it cannot expand.
  EXPECT_TRUE(run("DF508", "ARG T\nFROM alpine:${T:?set it}\nFROM alpine:$T\n").empty());
  EXPECT_EQ(run("DF508", "ARG T\nFROM alpine:$T\nFROM alpine:${T:?set it}\n").size(), 1u);
}

}  // namespace
}  // namespace dfopt
