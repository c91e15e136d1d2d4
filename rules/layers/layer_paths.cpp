#include "rules/layers/layer_paths.h"

#include "rules/variables/dockerignore.h"

namespace dfopt::rules::layers {

std::string resolve_path(std::string_view workdir, std::string_view path) {
  if (path.empty()) return {};
  std::string joined;
  if (path.front() == '/') {
    joined = path;
  } else {
    joined = workdir.empty() ? std::string("/") : std::string(workdir);
    joined += '/';
    joined += path;
  }
  return dockerignore::clean(joined);
}

std::string copy_destination(const model::Model& model, uint32_t index,
                             const ast::Instruction& ins) {
  if (ins.args.size() < 2) return {};
  const model::ExpandedWord dest = model.expand(index, ins.args.back().value);
  if (!dest.complete() || dest.value.empty()) return {};
  return resolve_path(model.workdir_at(index), dest.value);
}

bool is_within(std::string_view path, std::string_view dir) {
  if (dir == "/") return !path.empty() && path.front() == '/';
  if (!path.starts_with(dir)) return false;
  return path.size() == dir.size() || path[dir.size()] == '/';
}

}  // namespace dfopt::rules::layers
