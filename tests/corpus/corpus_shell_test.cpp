// The shell model over the real-world corpus (../shared/corpus/real/files): every RUN (and
// shell-form CMD, ENTRYPOINT and HEALTHCHECK CMD) must be modelled without a crash, and the share
// of RUNs parsed as sh whose script parses cleanly must stay at or above kMinCleanRate. Counts
// and a sample of the scripts with diagnostics are printed, so a regression shows what broke.
//
// Why the threshold is not 100%: when this test was written 10,864 of the 10,896 RUNs parsed as
// sh (99.7%) parsed cleanly, and the 32 others are not sh for any shell: checkov test fixtures
// with unbalanced quotes (13, the build would fail on them too), dotnet-docker template files
// with {{...}} placeholders (14), and cmd or powershell scripts in stages whose base image says
// nothing of Windows (`FROM ${base}` in apache/arrow: 4; `FROM bats-jenkins`: 1). 0.995 leaves
// room for one or two constructs traded against others, and fails on any real regression (one
// more failure in 200 RUNs).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/shell.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;
using dfopt::test::read_bytes;
using dfopt::test::corpus_files;

constexpr double kMinCleanRate = 0.995;  // of RUNs parsed as sh
constexpr size_t kSample = 40;

void dump_word(std::string& out, const shell::Word& w) {
  out += fmt::format(" [{}|{}|{}-{}|{}{}{}]", w.text, w.raw, w.range.begin, w.range.end,
                     int(w.quoted), int(w.has_expansion), int(w.has_substitution));
}

// Everything a Script says, as text.
std::string dump(const shell::Script& s) {
  std::string out = fmt::format("{} {}\n", int(s.dialect), s.unsupported_reason);
  for (const shell::Command& c : s.commands) {
    out += fmt::format("{} {}{}{}{} {}/{}/{} {} {} {} {}-{}:", int(c.op), int(c.unconditional),
                       int(c.negated), int(c.background), int(c.in_substitution), c.pipeline,
                       c.pipeline_index, c.pipeline_size, c.and_or, c.depth, c.parent,
                       c.range.begin, c.range.end);
    for (const shell::Word& w : c.assignments) dump_word(out, w);
    for (const shell::Word& w : c.argv) dump_word(out, w);
    for (const shell::Redirection& r : c.redirections) {
      out += fmt::format(" <{} {} {}-{} {}>", int(r.kind), r.fd, r.range.begin, r.range.end,
                         r.heredoc_body);
      dump_word(out, r.target);
    }
    out += '\n';
  }
  for (const Diagnostic& d : s.diagnostics) {
    out += fmt::format("! {}-{} {}\n", d.range.begin, d.range.end, d.message);
  }
  return out;
}

TEST(CorpusShell, ModelsEveryRun) {
  const fs::path root = test::shared_dir() / "corpus/real/files";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    GTEST_SKIP() << "corpus not found at " << root
                 << " (set DFOPT_SHARED_DIR to the shared folder)";
  }
  const std::vector<fs::path> files = corpus_files(root);
  ASSERT_FALSE(files.empty()) << "no files below " << root;

  Parser parser;
  shell::ShellParser shell_parser;  // one per thread, shared by the files' ShellModels
  size_t runs = 0, sh_runs = 0, clean = 0, with_diagnostics = 0, unsupported = 0, heredoc = 0,
         exec = 0, commands = 0, other = 0, other_clean = 0, internal = 0;
  std::vector<std::string> sample;
  for (const fs::path& path : files) {
    const std::string rel = path.lexically_relative(root).generic_string();
    const SourceFile file(rel, read_bytes(path));
    const ParseResult parsed = parser.parse(file);
    const model::Model model = model::build_model(parsed.ast, file);
    shell::ShellModel shells(parsed.ast, model, file, &shell_parser);
    for (uint32_t i = 0; i < parsed.ast.instructions.size(); ++i) {
      const ast::Instruction& ins = parsed.ast.instructions[i];
      const ast::Instruction& target = ins.inner ? *ins.inner : ins;
      const shell::Script& s = shells.script(i);
      commands += s.commands.size();
      for (const Diagnostic& d : s.diagnostics) internal += d.code == "internal-error";
      if (target.kind != ast::InstrKind::run) {
        if (s.is_sh() && !s.exec_form) {
          ++other;
          other_clean += s.ok();
        }
        continue;
      }
      ++runs;
      if (s.exec_form) ++exec;
      if (s.heredoc) ++heredoc;
      if (s.dialect == shell::Dialect::unsupported) {
        ++unsupported;
        continue;
      }
      if (s.dialect != shell::Dialect::sh) continue;
      ++sh_runs;
      if (s.ok()) {
        ++clean;
        continue;
      }
      ++with_diagnostics;
      if (sample.size() < kSample) {
        const Diagnostic& d = s.diagnostics.front();
        const Position p = file.position(d.range.begin);
        sample.push_back(rel + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                         ": " + d.message);
      }
    }
  }
  std::printf("corpus shell: %zu files, %zu RUNs (%zu exec form, %zu heredoc scripts)\n",
              files.size(), runs, exec, heredoc);
  std::printf("  %zu parsed as sh: %zu cleanly, %zu with diagnostics; %zu unsupported shell\n",
              sh_runs, clean, with_diagnostics, unsupported);
  std::printf("  shell-form CMD/ENTRYPOINT/HEALTHCHECK: %zu, %zu cleanly; %zu commands in all\n",
              other, other_clean, commands);
  if (!sample.empty()) std::printf("  first scripts with diagnostics:\n");
  for (const std::string& line : sample) std::printf("    %s\n", line.c_str());
  EXPECT_EQ(internal, 0u);
  ASSERT_GT(sh_runs, 0u);
  const double rate = static_cast<double>(clean) / static_cast<double>(sh_runs);
  std::printf("  clean-parse rate %.4f (threshold %.3f)\n", rate, kMinCleanRate);
  EXPECT_GE(rate, kMinCleanRate);
}

// The tokenizer matches most tokens itself instead of through the generated lexer (see
// ShellParserOptions::fast_scan); the grammar stays the definition only if both agree.
TEST(CorpusShell, FastScanMatchesTheGeneratedLexer) {
  const fs::path root = test::shared_dir() / "corpus/real/files";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) GTEST_SKIP() << "corpus not found at " << root;
  Parser parser;
  shell::ShellParser fast;
  shell::ShellParser slow(shell::ShellParserOptions{.fast_scan = false});
  size_t scripts = 0, differ = 0;
  for (const fs::path& path : corpus_files(root)) {
    const SourceFile file(path.string(), read_bytes(path));
    const ParseResult parsed = parser.parse(file);
    const model::Model model = model::build_model(parsed.ast, file);
    shell::ShellModel a(parsed.ast, model, file, &fast);
    shell::ShellModel b(parsed.ast, model, file, &slow);
    for (uint32_t i = 0; i < parsed.ast.instructions.size(); ++i) {
      const std::string x = dump(a.script(i)), y = dump(b.script(i));
      ++scripts;
      if (x != y && ++differ <= 5) {
        ADD_FAILURE() << path << " instruction " << i << "\nfast scan:\n"
                      << x << "generated lexer:\n"
                      << y;
      }
    }
  }
  std::printf("corpus shell: %zu scripts, %zu differ between the fast scan and the lexer\n",
              scripts, differ);
  EXPECT_EQ(differ, 0u);
}

}  // namespace
}  // namespace dfopt
