#include "rules/base/base_images.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

namespace dfopt::rules::kb {
namespace {

// data/base-images.json as a string literal, generated at configure time.
constexpr std::string_view kJson =
#include "base_images.inc"
    ;

struct Data {
  std::vector<Family> families;
  std::map<std::string, std::vector<ImageUser>, std::less<>> distros;
};

std::vector<ImageUser> read_users(const nlohmann::json& arr) {
  std::vector<ImageUser> out;
  if (!arr.is_array()) return out;
  for (const auto& u : arr) {
    out.push_back({u.value("name", ""), u.value("uid", 0u), u.value("gid", 0u)});
  }
  return out;
}

std::vector<std::string> read_strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (auto it = j.find(key); it != j.end() && it->is_array()) {
    for (const auto& s : *it) out.push_back(s.get<std::string>());
  }
  return out;
}

std::optional<bool> read_tri(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

Data load() {
  Data d;
  // The file is part of the source tree and checked by a unit test; a broken file yields an
  // empty knowledge base rather than an exception.
  const nlohmann::json j = nlohmann::json::parse(kJson, nullptr, false);
  if (j.is_discarded()) return d;
  if (auto it = j.find("distros"); it != j.end() && it->is_object()) {
    for (const auto& [name, v] : it->items())
      d.distros[name] = read_users(v.value("users", nlohmann::json()));
  }
  for (const auto& e : j.value("images", nlohmann::json::array())) {
    Family f;
    f.name = e.value("family", "");
    f.repositories = read_strings(e, "repositories");
    f.prefixes = read_strings(e, "repositories_prefix");
    f.toolchain = e.value("toolchain", false);
    if (auto rs = e.find("runtime_suggestion"); rs != e.end() && rs->is_object()) {
      f.runtime_image = rs->value("image", "");
      const auto size = rs->value("size_mb", nlohmann::json::array());
      if (size.size() == 2) {
        f.runtime_low = size[0].get<uint32_t>();
        f.runtime_high = size[1].get<uint32_t>();
      }
    }
    f.users = read_users(e.value("users", nlohmann::json()));
    f.healthcheck = e.value("healthcheck", false);
    f.default_user = e.value("default_user", "");
    f.nonroot_tags = read_strings(e, "nonroot_tags");
    f.smaller = read_strings(e, "smaller");
    for (const auto& v : e.value("variants", nlohmann::json::array())) {
      Variant var;
      var.name = v.value("variant", "");
      var.distro = v.value("distro", "");
      const auto size = v.value("size_mb", nlohmann::json::array());
      if (size.size() == 2) {
        var.size_low = size[0].get<uint32_t>();
        var.size_high = size[1].get<uint32_t>();
      }
      var.curl = read_tri(v, "curl");
      var.wget = read_tri(v, "wget");
      var.users = read_users(v.value("users", nlohmann::json()));
      f.variants.push_back(std::move(var));
    }
    const auto sources = e.value("sources", nlohmann::json::array());
    if (!sources.empty()) f.source = sources[0].value("url", "");
    d.families.push_back(std::move(f));
  }
  return d;
}

const Data& data() {
  static const Data d = load();  // C++11 magic statics: initialised once, thread-safe
  return d;
}

}  // namespace

std::string_view variant_of_tag(std::string_view tag) {
  // Windows images (Nano Server, Server Core) are a variant no entry describes.
  if (tag.find("nanoserver") != std::string_view::npos ||
      tag.find("windowsservercore") != std::string_view::npos ||
      tag.find("ltsc") != std::string_view::npos) {
    return "windows";
  }
  if (tag.find("alpine") != std::string_view::npos) return "alpine";
  if (tag.find("slim") != std::string_view::npos) return "slim";
  if (tag.find("jre") != std::string_view::npos) return "jre";
  return "full";
}

const Variant* find_variant(const Family& family, std::string_view name) {
  for (const Variant& v : family.variants) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

ImageFacts lookup(const model::ImageRef& ref) {
  ImageFacts facts;
  if (!ref.valid) return facts;
  const std::string name = ref.name();
  for (const Family& f : data().families) {
    bool match = false;
    for (const std::string& r : f.repositories) match = match || r == name;
    for (const std::string& p : f.prefixes) match = match || name.starts_with(p);
    if (!match) continue;
    facts.family = &f;
    // Families known by prefix (distroless) have one variant whatever the tag says.
    facts.variant = f.variants.size() == 1 && !f.prefixes.empty()
                        ? &f.variants.front()
                        : find_variant(f, variant_of_tag(ref.tag));
    return facts;
  }
  return facts;
}

bool ImageFacts::default_nonroot(std::string_view tag) const {
  if (!family) return false;
  if (!family->default_user.empty()) return true;
  for (const std::string& t : family->nonroot_tags) {
    if (tag == t) return true;
  }
  return false;
}

const ImageUser* ImageFacts::find_user(std::string_view name) const {
  if (!family) return nullptr;
  if (variant) {
    for (const ImageUser& u : variant->users) {
      if (u.name == name) return &u;
    }
  }
  for (const ImageUser& u : family->users) {
    if (u.name == name) return &u;
  }
  if (variant) {
    for (const ImageUser& u : distro_users(variant->distro)) {
      if (u.name == name) return &u;
    }
  }
  return nullptr;
}

const std::vector<ImageUser>& distro_users(std::string_view distro) {
  static const std::vector<ImageUser> kNone;
  auto it = data().distros.find(distro);
  return it == data().distros.end() ? kNone : it->second;
}

std::string size_text(uint32_t low, uint32_t high) {
  return low == high ? fmt::format("about {} MB", low) : fmt::format("about {}-{} MB", low, high);
}

uint32_t chain_root(const model::Model& m, uint32_t stage) {
  // Parents always precede their children, so this walk ends.
  while (stage != model::npos && m.stage(stage).base_kind == model::BaseKind::stage) {
    stage = m.stage(stage).parent;
  }
  if (stage == model::npos || m.stage(stage).is_scratch()) return model::npos;
  return stage;
}

}  // namespace dfopt::rules::kb
