#pragma once
// The base-image knowledge base (data/base-images.json, embedded at build time): image families,
// their variants with approximate compressed sizes, the tools and users they ship, and the user
// they run as. Loaded once on first use (thread-safe) and immutable afterwards.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/model.h"

namespace dfopt::rules::kb {

struct ImageUser {
  std::string name;
  uint32_t uid = 0;
  uint32_t gid = 0;
};

/// One variant of a family: "full", "slim", "alpine", "jre", "distroless".
struct Variant {
  std::string name;
  std::string distro;     ///< key of the distro whose base accounts the variant carries
  uint32_t size_low = 0;  ///< compressed size range for linux/amd64, MB
  uint32_t size_high = 0;
  std::optional<bool> curl;      ///< ships curl; nullopt when not known
  std::optional<bool> wget;      ///< ships wget (busybox's counts); nullopt when not known
  std::vector<ImageUser> users;  ///< accounts this variant adds, when they differ by variant
};

struct Family {
  std::string name;                       ///< "node"
  std::vector<std::string> repositories;  ///< normalised names, "docker.io/library/node"
  std::vector<std::string> prefixes;      ///< name prefixes, "gcr.io/distroless/"
  bool toolchain = false;                 ///< a compiler or SDK image
  std::string runtime_image;              ///< for toolchains: what a final stage could use
  uint32_t runtime_low = 0, runtime_high = 0;
  std::vector<ImageUser> users;           ///< accounts the image adds
  bool healthcheck = false;               ///< the image declares a HEALTHCHECK children inherit
  std::string default_user;               ///< "" for root
  std::vector<std::string> nonroot_tags;  ///< tags that run as a non-root default user
  std::vector<Variant> variants;
  std::vector<std::string> smaller;  ///< smaller variants of the same version, best first
  std::string source;                ///< first source URL
};

/// A base image recognised in the knowledge base.
struct ImageFacts {
  const Family* family = nullptr;
  const Variant* variant = nullptr;  ///< the tag's variant; nullptr when the family lacks it

  explicit operator bool() const { return family != nullptr; }
  /// Whether the image runs as a non-root user when no USER is set.
  bool default_nonroot(std::string_view tag) const;
  /// Users the image defines: the variant's own, the family's, then its distro's.
  const ImageUser* find_user(std::string_view name) const;
};

/// The family and variant of a parsed, valid image reference; empty when unknown.
ImageFacts lookup(const model::ImageRef& ref);
/// The variant name a tag selects: "windows" (Nano Server, Server Core), "alpine", "slim",
/// "jre", else "full".
std::string_view variant_of_tag(std::string_view tag);
const Variant* find_variant(const Family& family, std::string_view name);
/// Base accounts of a distro ("debian", "alpine"...); empty when unknown.
const std::vector<ImageUser>& distro_users(std::string_view distro);
/// "about 40-60 MB".
std::string size_text(uint32_t low, uint32_t high);

/// The stage whose FROM names an external image at the root of `stage`'s parent chain, or npos
/// when the chain starts from scratch or a stage cannot be resolved.
uint32_t chain_root(const model::Model& m, uint32_t stage);

}  // namespace dfopt::rules::kb
