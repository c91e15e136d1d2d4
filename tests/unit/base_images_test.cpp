// data/base-images.json, the knowledge base embedded into the library: every entry is dated and
// sourced, sizes are ranges, and the variants a rule may suggest exist.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace dfopt {
namespace {

nlohmann::json knowledge_base() {
  std::ifstream in(std::string(DFOPT_SOURCE_DIR) + "/data/base-images.json", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return nlohmann::json::parse(text, nullptr, false);
}

TEST(BaseImages, EveryEntryIsSourcedDatedAndConsistent) {
  const nlohmann::json kb = knowledge_base();
  ASSERT_FALSE(kb.is_discarded()) << "data/base-images.json does not parse";
  ASSERT_TRUE(kb.contains("distros"));
  const nlohmann::json& images = kb.at("images");
  ASSERT_FALSE(images.empty());
  std::set<std::string> families;
  for (const nlohmann::json& e : images) {
    const std::string family = e.value("family", "");
    SCOPED_TRACE(family);
    EXPECT_TRUE(families.insert(family).second) << "duplicate family";
    EXPECT_TRUE(e.contains("repositories") || e.contains("repositories_prefix"));
    ASSERT_TRUE(e.contains("sources"));
    EXPECT_FALSE(e.at("sources").empty());
    for (const nlohmann::json& src : e.at("sources")) {
      EXPECT_EQ(src.value("url", "").rfind("https://", 0), 0u);
      EXPECT_EQ(src.value("read", "").size(), 10u) << "read date as YYYY-MM-DD";
    }
    std::set<std::string> variants;
    for (const nlohmann::json& v : e.at("variants")) {
      variants.insert(v.value("variant", ""));
      const nlohmann::json& size = v.at("size_mb");
      ASSERT_EQ(size.size(), 2u);
      EXPECT_LE(size[0].get<int>(), size[1].get<int>());
      EXPECT_TRUE(kb.at("distros").contains(v.value("distro", ""))) << v.dump();
    }
    for (const nlohmann::json& s : e.value("smaller", nlohmann::json::array())) {
      EXPECT_TRUE(variants.count(s.get<std::string>())) << "smaller variant not listed: " << s;
    }
    if (e.value("toolchain", false)) EXPECT_TRUE(e.contains("runtime_suggestion"));
  }
}

}  // namespace
}  // namespace dfopt
