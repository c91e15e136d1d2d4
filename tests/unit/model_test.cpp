// Tests of the semantic model (include/dfopt/model.h): image references, stages, ARG/ENV
// scopes as BuildKit resolves them, USER/WORKDIR/SHELL state, RUN mounts and the stage graph.

#include "dfopt/model.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "dfopt/parse.h"

namespace dfopt::model {
namespace {

const std::string kSha = "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

// A parsed file and its model, kept together because the model refers to instruction indices.
struct Built {
  SourceFile file;
  ParseResult parsed;
  Model model;
};

Built build(std::string text, const ModelOptions& options = {}) {
  Built b{SourceFile("Dockerfile", std::move(text)), {}, {}};
  b.parsed = parse(b.file);
  b.model = build_model(b.parsed.ast, b.file, options);
  return b;
}

std::string value_at(const Model& m, uint32_t instr, std::string_view name) {
  const VarValue v = m.lookup(instr, name);
  return v.is_set() ? std::string(v.value)
                    : std::string("<") + (v.status == VarStatus::unset ? "unset" : "unknown") + ">";
}

// ---------------------------------------------------------------------------------------------
// Image references

TEST(ImageRefTest, OfficialImageIsNormalised) {
  const ImageRef r = parse_image_ref("ubuntu");
  ASSERT_TRUE(r.valid) << r.error;
  EXPECT_EQ(r.registry, "docker.io");
  EXPECT_EQ(r.repository, "library/ubuntu");
  EXPECT_EQ(r.tag, "");
  EXPECT_EQ(r.digest, "");
  EXPECT_EQ(r.name(), "docker.io/library/ubuntu");
  EXPECT_EQ(r.familiar_name(), "ubuntu");
  EXPECT_EQ(r.canonical(), "docker.io/library/ubuntu:latest");
  EXPECT_TRUE(r.is_official());
}

TEST(ImageRefTest, UserRepositoryAndTag) {
  const ImageRef r = parse_image_ref("bitnami/redis:7.2");
  ASSERT_TRUE(r.valid) << r.error;
  EXPECT_EQ(r.registry, "docker.io");
  EXPECT_EQ(r.repository, "bitnami/redis");
  EXPECT_EQ(r.tag, "7.2");
  EXPECT_FALSE(r.is_official());
  EXPECT_EQ(r.familiar_name(), "bitnami/redis");
}

TEST(ImageRefTest, RegistryWithPortTagAndDigest) {
  const ImageRef r = parse_image_ref("localhost:5000/a/b:1@" + kSha);
  ASSERT_TRUE(r.valid) << r.error;
  EXPECT_EQ(r.registry, "localhost:5000");
  EXPECT_EQ(r.repository, "a/b");
  EXPECT_EQ(r.tag, "1");
  EXPECT_EQ(r.digest, kSha);
  EXPECT_EQ(r.canonical(), "localhost:5000/a/b:1@" + kSha);
}

TEST(ImageRefTest, DomainDetection) {
  // A first component is a registry when it has '.' or ':' or is "localhost".
  EXPECT_EQ(parse_image_ref("ghcr.io/owner/img").registry, "ghcr.io");
  EXPECT_EQ(parse_image_ref("localhost/img").registry, "localhost");
  EXPECT_EQ(parse_image_ref("[::1]:5000/img").registry, "[::1]:5000");
  const ImageRef hub = parse_image_ref("owner/img");
  EXPECT_EQ(hub.registry, "docker.io");
  EXPECT_EQ(hub.repository, "owner/img");
  // index.docker.io is the legacy name of Docker Hub; docker.io/x gains "library/".
  const ImageRef legacy = parse_image_ref("index.docker.io/alpine");
  EXPECT_EQ(legacy.registry, "docker.io");
  EXPECT_EQ(legacy.repository, "library/alpine");
  EXPECT_EQ(parse_image_ref("docker.io/alpine:3").familiar_name(), "alpine");
}

TEST(ImageRefTest, DigestWithoutTagKeepsNoTag) {
  const ImageRef r = parse_image_ref("alpine@" + kSha);
  ASSERT_TRUE(r.valid) << r.error;
  EXPECT_EQ(r.tag, "");
  EXPECT_EQ(r.canonical(), "docker.io/library/alpine@" + kSha);
}

TEST(ImageRefTest, InvalidReferencesCarryAReason) {
  const ImageRef upper = parse_image_ref("Ubuntu");
  EXPECT_FALSE(upper.valid);
  EXPECT_NE(upper.error.find("must be lowercase"), std::string::npos) << upper.error;

  EXPECT_EQ(parse_image_ref("ubuntu:").error, "invalid reference format");
  EXPECT_EQ(parse_image_ref("ubuntu::1").error, "invalid reference format");
  EXPECT_EQ(parse_image_ref("a//b").error, "invalid reference format");
  EXPECT_EQ(parse_image_ref("ubuntu@sha256:abc").error, "invalid reference format");
  EXPECT_EQ(parse_image_ref("ubuntu@sha256:" + std::string(32, 'a')).error,
            "invalid checksum digest length");
  EXPECT_EQ(parse_image_ref("ubuntu@md5:" + std::string(32, 'a')).error,
            "unsupported digest algorithm");
  EXPECT_EQ(parse_image_ref("ubuntu:" + std::string(129, 'a')).error, "invalid reference format");
  EXPECT_NE(parse_image_ref(std::string(64, 'a')).error.find("64-byte hexadecimal"),
            std::string::npos);
  EXPECT_FALSE(parse_image_ref("").valid);
  EXPECT_FALSE(parse_image_ref("my_host:5000/img").valid);
}

TEST(ImageRefTest, TagGrammar) {
  EXPECT_TRUE(parse_image_ref("a:" + std::string(128, 'b')).valid);
  EXPECT_TRUE(parse_image_ref("a:1.0-rc_1").valid);
  EXPECT_FALSE(parse_image_ref("a:-1").valid);
  EXPECT_FALSE(parse_image_ref("a:.1").valid);
  EXPECT_TRUE(parse_image_ref("a:_1").valid);
  // Path components: '.', '_', '__' or dashes between lower-case alphanumerics.
  EXPECT_TRUE(parse_image_ref("a__b/c--d/e.f").valid);
  EXPECT_FALSE(parse_image_ref("a___b").valid);
  EXPECT_FALSE(parse_image_ref("a-").valid);
}

// ---------------------------------------------------------------------------------------------
// Stages

TEST(ModelStagesTest, StagesNamesParentsAndRanges) {
  const Built b = build(
      "FROM golang:1.22 AS Build\n"      // 0
      "RUN go build\n"                   // 1
      "FROM build AS test\n"             // 2
      "RUN go test\n"                    // 3
      "FROM scratch\n"                   // 4
      "COPY --from=build /out /out\n");  // 5
  ASSERT_TRUE(b.parsed.ok());
  const Model& m = b.model;
  ASSERT_EQ(m.stages().size(), 3u);
  EXPECT_EQ(m.stage(0).name, "build");
  EXPECT_EQ(m.stage(0).base_kind, BaseKind::image);
  EXPECT_EQ(m.stage(0).base.repository, "library/golang");
  EXPECT_EQ(m.stage(0).base.tag, "1.22");
  EXPECT_EQ(m.stage(0).from_instr, 0u);
  EXPECT_EQ(m.stage(0).end_instr, 2u);
  EXPECT_EQ(m.stage(1).name, "test");
  EXPECT_EQ(m.stage(1).base_kind, BaseKind::stage);
  EXPECT_EQ(m.stage(1).parent, 0u);
  EXPECT_EQ(m.stage(2).name, "");
  EXPECT_TRUE(m.stage(2).is_scratch());
  EXPECT_FALSE(m.stage(2).inherits_external_image);
  EXPECT_TRUE(m.stage(1).inherits_external_image);
  EXPECT_EQ(m.stage(2).end_instr, 6u);
  EXPECT_EQ(m.stage_of(3), 1u);
  EXPECT_EQ(m.stage_of(4), 2u);
  EXPECT_EQ(m.find_stage("BUILD"), 0u);
  EXPECT_EQ(m.first_from(), 0u);
}

TEST(ModelStagesTest, FromMatchesEarlierStageNamesExactly) {
  // BuildKit looks the expanded FROM up among the lower-cased names of the stages before it.
  const Built b = build(
      "FROM alpine AS base\n"
      "FROM Base\n"
      "FROM later\n"
      "FROM alpine AS later\n");
  const Model& m = b.model;
  ASSERT_EQ(m.stages().size(), 4u);
  EXPECT_EQ(m.stage(1).base_kind, BaseKind::image);
  EXPECT_FALSE(m.stage(1).base.valid);
  EXPECT_EQ(m.stage(2).base_kind, BaseKind::image);  // not an earlier stage: an image
  EXPECT_TRUE(m.stage(2).base.valid);
  EXPECT_EQ(m.stage(2).base.repository, "library/later");
}

TEST(ModelStagesTest, InvalidStageName) {
  const Built b = build("FROM alpine AS 1st\n");
  ASSERT_EQ(b.model.stages().size(), 1u);
  EXPECT_FALSE(b.model.stage(0).name_valid);
}

TEST(ModelStagesTest, NoStages) {
  const Built b = build("ARG A=1\n");
  EXPECT_TRUE(b.model.stages().empty());
  EXPECT_EQ(b.model.target_stage(), npos);
  EXPECT_EQ(b.model.first_from(), 1u);
  EXPECT_EQ(b.model.stage_of(0), npos);
}

TEST(ModelStagesTest, BaseImageFromMetaArgs) {
  const std::string text =
      "ARG BASE=alpine\n"
      "ARG TAG=3.19\n"
      "FROM ${BASE}:${TAG}\n";
  const Built b = build(text);
  const ImageRef& base = b.model.stage(0).base;
  EXPECT_EQ(base.raw, "${BASE}:${TAG}");
  EXPECT_EQ(base.expanded, "alpine:3.19");
  EXPECT_FALSE(base.unresolved);
  ASSERT_TRUE(base.valid) << base.error;
  EXPECT_EQ(base.repository, "library/alpine");
  EXPECT_EQ(base.tag, "3.19");

  ModelOptions opts;
  opts.build_args = {{"TAG", "3.20"}};
  const Built over = build(text, opts);
  EXPECT_EQ(over.model.stage(0).base.expanded, "alpine:3.20");
  EXPECT_EQ(over.model.stage(0).base.tag, "3.20");
}

TEST(ModelStagesTest, MetaArgsExpandInOrder) {
  const Built b = build(
      "ARG REGISTRY=ghcr.io\n"
      "ARG IMAGE=${REGISTRY}/org/app\n"
      "FROM $IMAGE\n");
  EXPECT_EQ(b.model.stage(0).base.expanded, "ghcr.io/org/app");
  EXPECT_EQ(b.model.stage(0).base.registry, "ghcr.io");
}

TEST(ModelStagesTest, UnresolvedBaseImage) {
  const Built b = build(
      "ARG BASE\n"
      "FROM ${BASE}:1\n"
      "FROM ${REGISTRY}/app\n");
  const ImageRef& declared = b.model.stage(0).base;
  EXPECT_TRUE(declared.unresolved);
  EXPECT_EQ(declared.unresolved_vars, std::vector<std::string>{"BASE"});
  EXPECT_EQ(declared.expanded, ":1");
  EXPECT_FALSE(declared.valid);
  const ImageRef& undefined = b.model.stage(1).base;
  EXPECT_TRUE(undefined.unresolved);
  EXPECT_EQ(undefined.unresolved_vars, std::vector<std::string>{"REGISTRY"});
  EXPECT_FALSE(undefined.valid);
}

TEST(ModelStagesTest, BlankBaseName) {
  const Built b = build("FROM $NOTHING\n");
  EXPECT_FALSE(b.model.stage(0).base.valid);
  EXPECT_NE(b.model.stage(0).base.error.find("should not be blank"), std::string::npos);
}

TEST(ModelStagesTest, PlatformFlagSeesPredefinedArgs) {
  const Built b = build("FROM --platform=$BUILDPLATFORM golang AS build\n");
  ASSERT_TRUE(b.model.stage(0).platform_raw.has_value());
  EXPECT_EQ(*b.model.stage(0).platform_raw, "$BUILDPLATFORM");
  EXPECT_EQ(b.model.stage(0).platform, "linux/amd64");
}

TEST(ModelStagesTest, OnbuildListedPerStage) {
  const Built b = build(
      "FROM alpine AS base\n"
      "ONBUILD COPY . /src\n"
      "RUN true\n"
      "ONBUILD RUN make\n"
      "FROM base\n");
  EXPECT_EQ(b.model.stage(0).onbuild, (std::vector<uint32_t>{1, 3}));
  EXPECT_TRUE(b.model.stage(1).onbuild.empty());
}

// ---------------------------------------------------------------------------------------------
// ARG / ENV scopes

TEST(ModelScopeTest, GlobalArgNeedsRedeclaration) {
  const Built b = build(
      "ARG VERSION=1.0\n"      // 0
      "FROM alpine\n"          // 1
      "RUN echo $VERSION\n"    // 2
      "ARG VERSION\n"          // 3
      "RUN echo $VERSION\n");  // 4
  const Model& m = b.model;
  EXPECT_EQ(m.lookup(1, "VERSION").status, VarStatus::set);  // FROM sees the global scope
  EXPECT_EQ(m.lookup(2, "VERSION").status, VarStatus::unset);
  const ExpandedWord before = m.expand(2, "v$VERSION");
  EXPECT_EQ(before.value, "v");
  EXPECT_EQ(before.unmatched, std::vector<std::string>{"VERSION"});
  const VarValue after = m.lookup(4, "VERSION");
  ASSERT_TRUE(after.is_set());
  EXPECT_EQ(after.value, "1.0");
  EXPECT_EQ(after.source, VarSource::arg);
  ASSERT_NE(after.decl, npos);
  EXPECT_EQ(m.declarations()[after.decl].origin, ValueOrigin::global);
  EXPECT_EQ(m.declarations()[after.decl].instr, 3u);
  EXPECT_EQ(m.expand(4, "v$VERSION").value, "v1.0");
  EXPECT_TRUE(m.expand(4, "v$VERSION").complete());
}

TEST(ModelScopeTest, PredefinedArgsNeedDeclarationInStage) {
  const Built b = build(
      "FROM alpine\n"           // 0
      "RUN echo $TARGETARCH\n"  // 1
      "ARG TARGETARCH\n"        // 2
      "RUN echo $TARGETARCH\n"  // 3
      "ARG TARGETPLATFORM BUILDOS\n"
      "RUN true\n");  // 5
  const Model& m = b.model;
  EXPECT_EQ(m.lookup(1, "TARGETARCH").status, VarStatus::unset);
  EXPECT_EQ(value_at(m, 3, "TARGETARCH"), "amd64");
  EXPECT_EQ(value_at(m, 5, "TARGETPLATFORM"), "linux/amd64");
  EXPECT_EQ(value_at(m, 5, "BUILDOS"), "linux");
  EXPECT_EQ(m.lookup_global("TARGETOS").source, VarSource::predefined);
  EXPECT_EQ(m.lookup_global("TARGETSTAGE").value, "default");
  EXPECT_EQ(predefined_arg("TARGETARCH"), PredefinedArg::platform);
  EXPECT_EQ(predefined_arg("https_proxy"), PredefinedArg::proxy);
  EXPECT_EQ(predefined_arg("BUILDKIT_INLINE_CACHE"), PredefinedArg::frontend);
  EXPECT_EQ(predefined_arg("TARGETSTAGE"), PredefinedArg::target_stage);
  EXPECT_EQ(predefined_arg("FOO"), PredefinedArg::none);
}

TEST(ModelScopeTest, PredefinedArgsFollowOptions) {
  ModelOptions opts;
  opts.target_platform = "linux/arm/v7";
  opts.build_platform = "linux/amd64";
  opts.target = "Build";
  const Built b = build(
      "FROM alpine AS build\n"
      "ARG TARGETARCH TARGETVARIANT BUILDARCH TARGETSTAGE\n"
      "RUN true\n"
      "FROM alpine AS final\n",
      opts);
  const Model& m = b.model;
  EXPECT_EQ(value_at(m, 2, "TARGETARCH"), "arm");
  EXPECT_EQ(value_at(m, 2, "TARGETVARIANT"), "v7");
  EXPECT_EQ(value_at(m, 2, "BUILDARCH"), "amd64");
  EXPECT_EQ(value_at(m, 2, "TARGETSTAGE"), "Build");
  EXPECT_EQ(m.target_stage(), 0u);
}

TEST(ModelScopeTest, ProxyArgsAreNotGlobal) {
  ModelOptions opts;
  opts.build_args = {{"HTTP_PROXY", "http://proxy:3128"}};
  const Built b = build(
      "FROM alpine\n"
      "RUN true\n"
      "ARG HTTP_PROXY\n"
      "RUN true\n",
      opts);
  EXPECT_EQ(b.model.lookup_global("HTTP_PROXY").status, VarStatus::unset);
  EXPECT_EQ(b.model.lookup(1, "HTTP_PROXY").status, VarStatus::unset);
  EXPECT_EQ(value_at(b.model, 3, "HTTP_PROXY"), "http://proxy:3128");
}

TEST(ModelScopeTest, ArgWithoutValueIsUnknown) {
  const std::string text =
      "FROM alpine\n"
      "ARG FOO\n"
      "RUN echo $FOO\n";
  const Built b = build(text);
  EXPECT_EQ(b.model.lookup(2, "FOO").status, VarStatus::unknown);
  const ExpandedWord e = b.model.expand(2, "x${FOO}y$BAR");
  EXPECT_EQ(e.value, "xy");
  EXPECT_EQ(e.unresolved, std::vector<std::string>{"FOO"});
  EXPECT_EQ(e.unmatched, std::vector<std::string>{"BAR"});
  EXPECT_FALSE(e.complete());

  ModelOptions opts;
  opts.build_args = {{"FOO", "bar"}};
  const Built over = build(text, opts);
  const VarValue v = over.model.lookup(2, "FOO");
  ASSERT_TRUE(v.is_set());
  EXPECT_EQ(v.value, "bar");
  EXPECT_EQ(over.model.declarations()[v.decl].origin, ValueOrigin::build_arg);
}

TEST(ModelScopeTest, BuildArgOverridesStageDefault) {
  ModelOptions opts;
  opts.build_args = {{"V", "1"}, {"V", "2"}};
  const Built b = build("FROM alpine\nARG V=0\nRUN true\n", opts);
  EXPECT_EQ(value_at(b.model, 2, "V"), "2");
}

TEST(ModelScopeTest, EnvOverridesArgAndLaterDeclarationsWin) {
  const Built b = build(
      "FROM alpine\n"  // 0
      "ARG V=arg\n"    // 1
      "ENV V=env\n"    // 2
      "RUN true\n"     // 3
      "ARG V\n"        // 4: no value: keeps "env"
      "RUN true\n");   // 5
  const Model& m = b.model;
  EXPECT_EQ(value_at(m, 2, "V"), "arg");
  EXPECT_EQ(value_at(m, 3, "V"), "env");
  EXPECT_EQ(m.lookup(3, "V").source, VarSource::env);
  EXPECT_EQ(value_at(m, 5, "V"), "env");
}

TEST(ModelScopeTest, ArgAfterEnvWinsInBuildKit) {
  // dispatchArg adds the value to the build state's environment, so a later ARG with a value
  // shadows an ENV for the instructions after it (the image config keeps the ENV value).
  const Built b = build("FROM alpine\nENV V=env\nARG V=arg\nRUN true\n");
  EXPECT_EQ(value_at(b.model, 3, "V"), "arg");
  EXPECT_EQ(b.model.lookup(3, "V").source, VarSource::arg);
}

TEST(ModelScopeTest, ExpansionUsesTheFileEscapeCharacter) {
  const Built backtick = build("# escape=`\nFROM alpine\nENV P=C:\\dir Q=a`$b\nRUN true\n");
  EXPECT_EQ(backtick.model.escape(), '`');
  EXPECT_EQ(value_at(backtick.model, 2, "P"), "C:\\dir");
  EXPECT_EQ(value_at(backtick.model, 2, "Q"), "a$b");
  const Built backslash = build("FROM alpine\nENV P=C:\\dir\nRUN true\n");
  EXPECT_EQ(value_at(backslash.model, 2, "P"), "C:dir");
}

TEST(ModelScopeTest, EnvPairsSeePreviousEnvironmentArgPairsSeeEarlierPairs) {
  const Built b = build(
      "FROM alpine\n"                   // 0
      "ENV A=1 B=$A\n"                  // 1
      "ENV C=$A\n"                      // 2
      "ARG X=1 Y=$X\n"                  // 3
      "ENV Q=\"hello world\" R='$A'\n"  // 4
      "RUN true\n");                    // 5
  const Model& m = b.model;
  EXPECT_EQ(value_at(m, 5, "A"), "1");
  EXPECT_EQ(value_at(m, 5, "B"), "");  // A was unset before the instruction
  EXPECT_EQ(value_at(m, 5, "C"), "1");
  EXPECT_EQ(value_at(m, 5, "Y"), "1");
  EXPECT_EQ(value_at(m, 5, "Q"), "hello world");
  EXPECT_EQ(value_at(m, 5, "R"), "$A");
  // Declarations come in file order.
  ASSERT_GE(m.declarations().size(), 7u);
  EXPECT_EQ(m.declarations()[0].name, "A");
  EXPECT_EQ(m.declarations()[0].kind, DeclKind::env);
  EXPECT_EQ(m.declarations()[3].name, "X");
  EXPECT_EQ(m.declarations()[3].kind, DeclKind::arg);
}

TEST(ModelScopeTest, ArgDefaultSeesEnv) {
  const Built b = build("FROM alpine\nENV A=1\nARG B=$A-x\nRUN true\n");
  EXPECT_EQ(value_at(b.model, 3, "B"), "1-x");
}

TEST(ModelScopeTest, ChildStageInheritsParentEnvAndArgs) {
  const std::string text =
      "FROM alpine AS base\n"   // 0
      "ARG A=1\n"               // 1
      "ENV E=2\n"               // 2
      "FROM base AS child\n"    // 3
      "RUN true\n"              // 4
      "ENV F=$E$A\n"            // 5
      "RUN true\n"              // 6
      "FROM alpine AS other\n"  // 7
      "RUN true\n";             // 8
  const Built b = build(text);
  const Model& m = b.model;
  EXPECT_EQ(value_at(m, 4, "E"), "2");
  EXPECT_EQ(value_at(m, 4, "A"), "1");  // BuildKit carries ARG values into child stages
  EXPECT_EQ(value_at(m, 6, "F"), "21");
  EXPECT_EQ(m.lookup(8, "E").status, VarStatus::unset);
  EXPECT_EQ(m.lookup(8, "A").status, VarStatus::unset);
  EXPECT_EQ(std::string(m.lookup_at_end(0, "E").value), "2");

  ModelOptions legacy;
  legacy.inherit_parent_args = false;
  const Built l = build(text, legacy);
  EXPECT_EQ(value_at(l.model, 4, "E"), "2");
  EXPECT_EQ(l.model.lookup(4, "A").status, VarStatus::unset);
}

TEST(ModelScopeTest, PathIsAlwaysDefined) {
  const Built b = build(
      "FROM scratch\n"       // 0
      "ENV PATH=/x:$PATH\n"  // 1
      "FROM alpine\n"        // 2
      "RUN true\n"           // 3
      "ENV PATH=/y:$PATH\n"  // 4
      "RUN true\n");         // 5
  const Model& m = b.model;
  EXPECT_EQ(value_at(m, 2, "PATH"), "<unset>");  // FROM: global scope
  EXPECT_EQ(std::string(m.lookup_at_end(0, "PATH").value),
            "/x:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  EXPECT_EQ(m.lookup(3, "PATH").status, VarStatus::unknown);
  EXPECT_EQ(m.lookup(3, "PATH").source, VarSource::base_image);
  const VarValue path = m.lookup(5, "PATH");
  EXPECT_TRUE(path.is_set());
  EXPECT_TRUE(path.unresolved);
}

TEST(ModelScopeTest, ExpansionErrorIsReported) {
  const Built b = build("FROM alpine\nRUN true\n");
  const ExpandedWord e = b.model.expand(1, "${MISSING:?is required}");
  EXPECT_TRUE(e.error.has_value());
  EXPECT_FALSE(e.complete());
}

TEST(ModelScopeTest, ExpandWordsSplits) {
  const Built b = build("FROM alpine\nENV FILES=\"a b\"\nCOPY $FILES /dst/\n");
  const ExpandedWord e = b.model.expand_words(2, "$FILES /dst/");
  EXPECT_EQ(e.words, (std::vector<std::string>{"a", "b", "/dst/"}));
}

TEST(ModelScopeTest, LongStageLookupsStayCorrect) {
  std::string text = "FROM alpine\n";
  for (int i = 0; i < 2000; ++i)
    text += "ENV V" + std::to_string(i % 50) + "=" + std::to_string(i) + "\n";
  text += "RUN true\n";
  const Built b = build(text);
  const uint32_t last = b.model.instruction_count() - 1;
  EXPECT_EQ(value_at(b.model, last, "V49"), "1999");
  EXPECT_EQ(value_at(b.model, last, "V0"), "1950");
  EXPECT_EQ(value_at(b.model, 51, "V0"), "0");  // before the second "ENV V0"
}

TEST(ModelScopeTest, ConcurrentQueriesAndBuilds) {
  // The model has no mutable or global state: one model is read, and others built, in parallel.
  const Built b = build("ARG B=alpine\nFROM $B AS x\nARG B\nENV E=$B\nRUN true\n");
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      bool good = true;
      for (int i = 0; i < 200; ++i) {
        good = good && b.model.expand(4, "$E-$B").value == "alpine-alpine";
        const Model local = build_model(b.parsed.ast, b.file);
        good = good && local.stage(0).base.repository == "library/alpine";
      }
      ok[t] = good ? 1 : 0;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok, std::vector<int>(4, 1));
}

// ---------------------------------------------------------------------------------------------
// USER / WORKDIR / SHELL

TEST(ModelStateTest, UserAndWorkdirTracking) {
  const Built b = build(
      "FROM alpine AS base\n"    // 0
      "WORKDIR /app\n"           // 1
      "USER app\n"               // 2
      "WORKDIR src\n"            // 3
      "RUN pwd\n"                // 4
      "FROM base\n"              // 5
      "RUN pwd\n"                // 6
      "WORKDIR ../lib/./x/..\n"  // 7
      "USER ${U:-root}\n"        // 8
      "RUN true\n"               // 9
      "FROM alpine\n"            // 10
      "RUN true\n");             // 11
  const Model& m = b.model;
  EXPECT_EQ(m.workdir_at(0), "/");
  EXPECT_EQ(m.user_at(0), nullptr);
  EXPECT_EQ(m.workdir_at(1), "/");  // state when the WORKDIR runs
  EXPECT_EQ(m.workdir_at(2), "/app");
  EXPECT_EQ(m.workdir_at(4), "/app/src");
  ASSERT_NE(m.user_at(4), nullptr);
  EXPECT_EQ(m.user_at(4)->value, "app");
  EXPECT_EQ(m.user_at(4)->instr, 2u);
  EXPECT_EQ(m.workdir_at(6), "/app/src");  // inherited from the parent stage
  ASSERT_NE(m.user_at(6), nullptr);
  EXPECT_EQ(m.user_at(6)->value, "app");
  EXPECT_EQ(m.workdir_at(9), "/app/lib");
  EXPECT_EQ(m.user_at(9)->value, "root");
  EXPECT_EQ(m.user_at(9)->raw, "${U:-root}");
  EXPECT_EQ(m.workdir_at(11), "/");
  EXPECT_EQ(m.user_at(11), nullptr);
  ASSERT_NE(m.final_user(0), nullptr);
  EXPECT_EQ(m.final_user(0)->value, "app");
  ASSERT_NE(m.final_workdir(1), nullptr);
  EXPECT_EQ(m.final_workdir(1)->path, "/app/lib");
  EXPECT_EQ(m.final_user(2), nullptr);
}

TEST(ModelStateTest, WorkdirExpandsAndFlagsUnknownBase) {
  const Built b = build(
      "FROM alpine\n"     // 0
      "ENV DIR=/opt\n"    // 1
      "WORKDIR $DIR/x\n"  // 2
      "RUN true\n"        // 3
      "FROM node\n"       // 4
      "WORKDIR app\n"     // 5
      "RUN true\n"        // 6
      "FROM scratch\n"    // 7
      "WORKDIR app\n"     // 8
      "RUN true\n");      // 9
  const Model& m = b.model;
  EXPECT_EQ(m.workdir_at(3), "/opt/x");
  EXPECT_FALSE(m.workdir_setting_at(3)->relative_to_unknown_base);
  EXPECT_EQ(m.workdir_at(6), "/app");
  EXPECT_TRUE(m.workdir_setting_at(6)->relative_to_unknown_base);
  EXPECT_EQ(m.workdir_at(9), "/app");
  EXPECT_FALSE(m.workdir_setting_at(9)->relative_to_unknown_base);
}

TEST(ModelStateTest, ShellTracking) {
  const Built b = build(
      "FROM alpine\n"                                          // 0
      "RUN true\n"                                             // 1
      "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"  // 2
      "RUN true\n"                                             // 3
      "FROM alpine\n"                                          // 4
      "RUN true\n");                                           // 5
  const Model& m = b.model;
  EXPECT_EQ(std::vector<std::string>(m.shell_at(1).begin(), m.shell_at(1).end()),
            (std::vector<std::string>{"/bin/sh", "-c"}));
  EXPECT_EQ(std::vector<std::string>(m.shell_at(3).begin(), m.shell_at(3).end()),
            (std::vector<std::string>{"/bin/bash", "-o", "pipefail", "-c"}));
  EXPECT_EQ(m.shell_setting_at(3)->instr, 2u);
  EXPECT_EQ(m.shell_at(5).size(), 2u);
  EXPECT_EQ(m.final_shell(0).size(), 4u);
}

// ---------------------------------------------------------------------------------------------
// Mounts and the stage graph

TEST(ModelGraphTest, CopyFromAndMountEdgesAndReachability) {
  const Built b = build(
      "FROM golang AS build\n"                                              // 0
      "RUN go build\n"                                                      // 1
      "FROM alpine AS unused\n"                                             // 2
      "RUN true\n"                                                          // 3
      "FROM node AS assets\n"                                               // 4
      "FROM alpine AS tools\n"                                              // 5
      "FROM debian\n"                                                       // 6
      "COPY --from=build /out /out\n"                                       // 7
      "COPY --from=0 /x /x\n"                                               // 8
      "RUN --mount=type=bind,from=assets,source=/dist,target=/dist true\n"  // 9
      "COPY --from=nginx:latest /etc/nginx /etc/nginx\n"                    // 10
      "RUN --mount=type=cache,target=/root/.cache true\n"                   // 11
      "COPY --from=scratch / /\n");                                         // 12
  ASSERT_TRUE(b.parsed.ok());
  const Model& m = b.model;
  ASSERT_EQ(m.stages().size(), 5u);
  EXPECT_EQ(m.target_stage(), 4u);
  const auto deps = m.deps_of(4);
  ASSERT_EQ(deps.size(), 5u);
  EXPECT_EQ(deps[0].kind, DepKind::copy_from);
  EXPECT_EQ(deps[0].instr, 7u);
  EXPECT_EQ(deps[0].target, 0u);
  EXPECT_FALSE(deps[0].by_index);
  EXPECT_EQ(deps[1].target, 0u);
  EXPECT_TRUE(deps[1].by_index);
  EXPECT_EQ(deps[2].kind, DepKind::run_mount);
  EXPECT_EQ(deps[2].target, 2u);
  EXPECT_EQ(deps[2].mount, 0u);
  EXPECT_EQ(deps[3].target, npos);
  EXPECT_TRUE(deps[3].error.empty());
  EXPECT_EQ(deps[3].image.repository, "library/nginx");
  EXPECT_EQ(deps[3].image.tag, "latest");
  EXPECT_TRUE(deps[4].scratch);
  for (const StageDep& d : deps) EXPECT_FALSE(d.forward_reference);

  EXPECT_TRUE(m.is_reachable(0));
  EXPECT_FALSE(m.is_reachable(1));
  EXPECT_TRUE(m.is_reachable(2));
  EXPECT_FALSE(m.is_reachable(3));
  EXPECT_TRUE(m.is_reachable(4));

  const auto mounts = m.mounts(9);
  ASSERT_EQ(mounts.size(), 1u);
  EXPECT_EQ(mounts[0].type, "bind");
  EXPECT_EQ(mounts[0].from, "assets");
  EXPECT_EQ(mounts[0].source, "/dist");
  EXPECT_EQ(mounts[0].target, "/dist");
  EXPECT_TRUE(mounts[0].readonly);
  EXPECT_TRUE(mounts[0].error.empty()) << mounts[0].error;
  const auto cache = m.mounts(11);
  ASSERT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache[0].type, "cache");
  EXPECT_FALSE(cache[0].readonly);
  EXPECT_TRUE(m.mounts(7).empty());
}

TEST(ModelGraphTest, TargetOptionLimitsReachability) {
  ModelOptions opts;
  opts.target = "build";
  const Built b = build(
      "FROM alpine AS base\n"
      "FROM base AS build\n"
      "FROM alpine AS final\n"
      "COPY --from=build / /\n",
      opts);
  EXPECT_EQ(b.model.target_stage(), 1u);
  EXPECT_TRUE(b.model.is_reachable(0));  // through FROM
  EXPECT_TRUE(b.model.is_reachable(1));
  EXPECT_FALSE(b.model.is_reachable(2));

  opts.target = "nope";
  const Built missing = build("FROM alpine AS a\n", opts);
  EXPECT_EQ(missing.model.target_stage(), npos);
  EXPECT_FALSE(missing.model.is_reachable(0));
}

TEST(ModelGraphTest, TransitiveReachability) {
  const Built b = build(
      "FROM alpine AS a\n"
      "FROM alpine AS b\n"
      "COPY --from=a / /\n"
      "FROM alpine AS c\n"
      "RUN --mount=from=b,target=/b true\n"
      "FROM alpine AS d\n"
      "FROM c\n");
  const Model& m = b.model;
  EXPECT_TRUE(m.is_reachable(0));
  EXPECT_TRUE(m.is_reachable(1));
  EXPECT_TRUE(m.is_reachable(2));
  EXPECT_FALSE(m.is_reachable(3));
  EXPECT_TRUE(m.is_reachable(4));
}

TEST(ModelGraphTest, InvalidAndForwardReferences) {
  const Built b = build(
      "FROM alpine AS first\n"                // 0
      "COPY --from=later / /\n"               // 1
      "COPY --from=7 / /\n"                   // 2
      "COPY --from=$STAGE / /\n"              // 3
      "RUN --mount=from=$X,target=/x true\n"  // 4
      "FROM alpine AS later\n");              // 5
  const Model& m = b.model;
  const auto deps = m.deps_of(0);
  ASSERT_EQ(deps.size(), 4u);
  EXPECT_EQ(deps[0].target, 1u);
  EXPECT_TRUE(deps[0].forward_reference);
  EXPECT_EQ(deps[1].error, "invalid stage index 7");
  EXPECT_NE(deps[2].error.find("variable expansion is not supported"), std::string::npos);
  EXPECT_NE(deps[3].error.find("doesn't support variable expansion"), std::string::npos);
  ASSERT_EQ(m.mounts(4).size(), 1u);
  EXPECT_FALSE(m.mounts(4)[0].error.empty());
}

TEST(ModelGraphTest, MountFromIsByNameOnly) {
  // COPY --from accepts a stage index; RUN --mount from= looks names up only (detectRunMount),
  // so "0" there is an image.
  const Built b = build(
      "FROM alpine AS a\n"
      "FROM alpine\n"
      "RUN --mount=from=0,target=/x true\n");
  const auto deps = b.model.deps_of(1);
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_EQ(deps[0].target, npos);
  EXPECT_EQ(deps[0].image.repository, "library/0");
}

TEST(ModelGraphTest, OnbuildTriggersAddEdgesToTheChild) {
  const Built b = build(
      "FROM alpine AS assets\n"                 // 0
      "FROM alpine AS base\n"                   // 1
      "ONBUILD COPY --from=assets / /assets\n"  // 2
      "FROM base AS app\n"                      // 3
      "FROM alpine AS unrelated\n");            // 4
  const Model& m = b.model;
  EXPECT_TRUE(m.deps_of(1).empty());
  const auto deps = m.deps_of(2);
  ASSERT_EQ(deps.size(), 1u);
  EXPECT_TRUE(deps[0].via_onbuild);
  EXPECT_EQ(deps[0].instr, 2u);
  EXPECT_EQ(deps[0].target, 0u);
  EXPECT_FALSE(m.is_reachable(0));  // the target is "unrelated"
}

TEST(ModelMountTest, MountFieldsAndValidation) {
  const Built b = build(
      "FROM alpine\n"               // 0
      "ARG CACHE=/var/cache/apt\n"  // 1
      "RUN --mount=type=cache,target=$CACHE,sharing=locked,id=apt \\\n"
      "    --mount=type=secret,id=npmrc,target=/root/.npmrc,required \\\n"
      "    --mount=type=tmpfs,dst=/tmp,size=64m true\n"   // 2
      "RUN --mount=type=foo,target=/x true\n"             // 3
      "RUN --mount=type=bind,target=/x,mode=0755 true\n"  // 4
      "RUN --mount=type=cache,target=/c,ro true\n"        // 5
      "RUN --mount=target=/x,bogus=1 true\n");            // 6
  const Model& m = b.model;
  const auto mounts = m.mounts(2);
  ASSERT_EQ(mounts.size(), 3u);
  EXPECT_EQ(mounts[0].type, "cache");
  EXPECT_EQ(mounts[0].target, "/var/cache/apt");
  EXPECT_EQ(mounts[0].sharing, "locked");
  EXPECT_EQ(mounts[0].id, "apt");
  EXPECT_FALSE(mounts[0].readonly);
  EXPECT_TRUE(mounts[0].error.empty()) << mounts[0].error;
  EXPECT_EQ(mounts[0].fields.size(), 4u);
  EXPECT_EQ(mounts[1].type, "secret");
  EXPECT_TRUE(mounts[1].required);
  EXPECT_TRUE(mounts[1].readonly);
  EXPECT_TRUE(mounts[1].error.empty()) << mounts[1].error;
  EXPECT_EQ(mounts[2].type, "tmpfs");
  EXPECT_EQ(mounts[2].target, "/tmp");
  EXPECT_TRUE(mounts[2].error.empty()) << mounts[2].error;
  EXPECT_EQ(mounts[0].instr, 2u);
  EXPECT_EQ(mounts[2].flag_index, 2u);

  EXPECT_NE(m.mounts(3)[0].error.find("unsupported mount type"), std::string::npos);
  EXPECT_NE(m.mounts(4)[0].error.find("mode not allowed"), std::string::npos);
  EXPECT_TRUE(m.mounts(5)[0].readonly);
  EXPECT_NE(m.mounts(6)[0].error.find("unexpected key 'bogus'"), std::string::npos);
  EXPECT_TRUE(m.deps().empty());
}

}  // namespace
}  // namespace dfopt::model

namespace dfopt::model {
namespace {

// ENV A=$A$A doubles the value at each line: 32 lines would be 4 GB. Expansion is capped, so the
// model stays small and the oversized value is reported as unknown, not built.
TEST(ScopeTest, SelfDoublingValuesAreBounded) {
  std::string text = "FROM scratch\nENV A=x\n";
  for (int i = 0; i < 32; ++i) text += "ENV A=$A$A\n";
  text += "RUN true\n";
  Built b = build(text);
  uint32_t last = b.model.instruction_count() - 1;
  VarValue v = b.model.lookup(last, "A");
  EXPECT_LT(v.value.size(), size_t{1} << 21);
  ExpandedWord w = b.model.expand(last, "$A$A$A");
  EXPECT_LE(w.value.size(), size_t{1} << 20);
}

}  // namespace
}  // namespace dfopt::model
