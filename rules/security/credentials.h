#pragma once
// Where RUN commands take credentials on their command line: password options of known tools,
// user:password in URLs, `curl -u`, authorization headers, npm auth tokens, and password
// variables such as PGPASSWORD. Shared by hardcoded-credential-in-run (literal values) and
// build-arg-credential-in-run (values from build arguments).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/shell.h"

namespace dfopt::rules::security {

/// A credential passed on a command line.
struct Credential {
  const shell::Word* word = nullptr;  ///< the word holding the value
  size_t offset = 0;                  ///< where the value starts in word->text
  std::string_view value;             ///< the value as the command receives it (a view of text)
  std::string what;                   ///< "password for `docker login`", "token in a URL"...
};

/// Calls `fn` for each credential that a command of `script` receives on its command line.
void find_credentials(const shell::Script& script,
                      const std::function<void(const shell::Command&, const Credential&)>& fn);

/// The variables a value references (`$NAME`, `${NAME}`, `${NAME:-x}`...), with their offsets.
struct VarRef {
  std::string_view name;
  size_t offset = 0;  ///< of the `$`
  size_t size = 0;    ///< of the whole reference
};
std::vector<VarRef> variable_refs(std::string_view value);

/// The value is a literal: no `$` expansion and no command substitution.
bool is_literal_value(std::string_view value);

}  // namespace dfopt::rules::security
