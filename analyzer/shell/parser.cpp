// Runs the generated ShellParser over the tokenizer's buffers and builds the shell model's
// commands from each parse tree (then drops the tree). Each buffer is parsed once with the
// BailErrorStrategy and SLL prediction, which cost nothing per token; only a buffer with a
// syntax error is parsed again, with full LL and ANTLR's recovery, to report the error and keep
// the commands around it. (Every decision of the grammar is LL(1) today, so the generated code
// never predicts with the ATN; the modes matter if one ever is not.)
// Substitutions and inner scripts are parsed from a work queue, not recursively, so the stack
// depth is bounded by the nesting of compound commands within one list, which the tokenizer
// caps at kMaxDepth.
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <numeric>
#include <typeinfo>

#include "ShellParser.h"
#include "antlr4-runtime.h"
#include "dfopt/shell.h"
#include "shell/internal.h"
#include "shell/tokenizer.h"

namespace dfopt::shell {

namespace {

using G = grammar::ShellParser;
using L = grammar::ShellLexer;
using antlr4::ParserRuleContext;
using antlr4::tree::ParseTree;
using antlr4::tree::TerminalNode;

constexpr int kMaxSyntaxErrors = 3;  // per list: later ones are usually consequences

// A command's exit status on the success path (see Command::unconditional).
enum class Status : uint8_t { ok, fail, unknown };

// What commands inherit from where they appear.
struct Ctx {
  uint32_t depth = 0;
  bool unconditional = true;
  bool in_function = false;
  bool in_substitution = false;
  bool background = false;
  Origin origin = Origin::script;
  uint32_t parent = npos;
};

struct PipeInfo {
  uint32_t id = 0;
  uint32_t index = 0;
  uint32_t size = 1;
  uint32_t and_or = 0;
  bool negated = false;
};

// A script text: the instruction's, or an inner script's (which owns its text).
struct Text {
  std::string owned;
  std::string_view text;
  ast::SourceMap owned_map;
  const ast::SourceMap* map = nullptr;                  // the caller's, or owned_map
  std::vector<std::pair<uint32_t, uint32_t>> expanded;  // see detail::Unquoted::expanded
  std::span<const ExternalHeredoc> heredocs;
};

// A list to parse (buffer != npos) or a text to tokenize first.
struct Job {
  uint32_t buffer = npos;
  uint32_t text = npos;
  Ctx ctx;
};

// A parse tree node is a terminal (TerminalNodeImpl, or ErrorNodeImpl after recovery) or one of
// the generated contexts. typeid compares two type_info pointers where dynamic_cast walks the
// class graph, and the walk asks this of every node.
ParserRuleContext* as_rule(ParseTree* t) {
  if (!t->children.empty()) return static_cast<ParserRuleContext*>(t);  // terminals have none
  const std::type_info& type = typeid(*t);
  if (type == typeid(antlr4::tree::TerminalNodeImpl) ||
      type == typeid(antlr4::tree::ErrorNodeImpl)) {
    return nullptr;
  }
  return static_cast<ParserRuleContext*>(t);
}

size_t token_type(ParseTree* t) { return static_cast<TerminalNode*>(t)->getSymbol()->getType(); }

// Our token behind a terminal; nullptr for tokens ANTLR's recovery made up (they never get a
// token index, ours always have one).
detail::Token* our_token(ParseTree* t) {
  if (!t || as_rule(t)) return nullptr;
  antlr4::Token* symbol = static_cast<TerminalNode*>(t)->getSymbol();
  if (symbol->getTokenIndex() == INVALID_INDEX) return nullptr;
  return static_cast<detail::Token*>(symbol);
}

std::string_view token_name(size_t type) {
  switch (type) {
    case L::IF:
      return "'if'";
    case L::THEN:
      return "'then'";
    case L::ELSE:
      return "'else'";
    case L::ELIF:
      return "'elif'";
    case L::FI:
      return "'fi'";
    case L::DO:
      return "'do'";
    case L::DONE:
      return "'done'";
    case L::CASE:
      return "'case'";
    case L::ESAC:
      return "'esac'";
    case L::WHILE:
      return "'while'";
    case L::UNTIL:
      return "'until'";
    case L::FOR:
      return "'for'";
    case L::IN:
      return "'in'";
    case L::FUNCTION:
      return "'function'";
    case L::LBRACE:
      return "'{'";
    case L::RBRACE:
      return "'}'";
    case L::BANG:
      return "'!'";
    case L::NEWLINE:
      return "newline";
    case L::AND_IF:
      return "'&&'";
    case L::OR_IF:
      return "'||'";
    case L::DSEMI:
      return "';;'";
    case L::SEMI:
      return "';'";
    case L::AMP:
      return "'&'";
    case L::PIPE:
      return "'|'";
    case L::PIPE_AMP:
      return "'|&'";
    case L::LPAREN:
      return "'('";
    case L::RPAREN:
      return "')'";
    case L::REDIR:
      return "a redirection";
    case antlr4::Token::EOF:
      return "end of script";
    default:
      return "a word";
  }
}

// Reports syntax errors of the recovering parse as diagnostics.
class ErrorListener : public antlr4::BaseErrorListener {
 public:
  std::vector<Diagnostic>* out = nullptr;
  const ast::SourceMap* map = nullptr;
  const detail::Store* store = nullptr;
  int reported = 0;
  // Off during the fast pass: the generated rules report an error before the bail strategy
  // cancels the parse.
  bool enabled = false;

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t, size_t,
                   const std::string&, std::exception_ptr) override {
    if (!enabled || ++reported > kMaxSyntaxErrors) return;
    auto* t = offending && offending->getTokenIndex() != INVALID_INDEX
                  ? static_cast<detail::Token*>(offending)
                  : nullptr;
    std::string what;
    TextRange range;
    if (t) {
      range = map->to_source(t->begin, t->end);
      const size_t type = t->getType();
      if (type == L::WORD || type == L::FNAME || type == L::SIMPLE) {
        const uint32_t word =
            type == L::SIMPLE ? store->items[store->simples[t->data].begin].word : t->data;
        std::string_view raw = word == npos ? std::string_view(">") : store->words[word].word.raw;
        what = fmt::format(
            "'{}'", raw.size() > 40 ? std::string(raw.substr(0, 40)) + "..." : std::string(raw));
      } else {
        what = token_name(type);
      }
    } else {
      what = offending ? std::string(token_name(offending->getType())) : "input";
    }
    std::string expected;
    try {
      const antlr4::misc::IntervalSet set =
          static_cast<antlr4::Parser*>(recognizer)->getExpectedTokens();
      if (set.contains(size_t{L::WORD}) && set.contains(size_t{L::IF})) {
        expected = "a command";
      } else {
        static constexpr size_t kOrder[] = {L::THEN,   L::FI,     L::DO,    L::DONE, L::ESAC,
                                            L::RBRACE, L::RPAREN, L::DSEMI, L::IN,   L::WORD};
        int n = 0;
        for (size_t type : kOrder) {
          if (!set.contains(type) || n == 3) continue;
          if (n++) expected += " or ";
          expected += token_name(type);
        }
      }
    } catch (const std::exception&) {
    }
    out->push_back({"shell-syntax-error", Severity::warning,
                    expected.empty() ? fmt::format("shell syntax error: unexpected {}", what)
                                     : fmt::format("shell syntax error: unexpected {}, expected {}",
                                                   what, expected),
                    range});
  }
};

}  // namespace

struct ShellParser::Impl {
  detail::Tokenizer tokenizer;
  G parser{nullptr};
  ErrorListener errors;
  std::shared_ptr<antlr4::ANTLRErrorStrategy> bail = std::make_shared<antlr4::BailErrorStrategy>();
  std::shared_ptr<antlr4::ANTLRErrorStrategy> recover =
      std::make_shared<antlr4::DefaultErrorStrategy>();

  // Per run.
  detail::Store store;
  std::deque<Text> texts;
  std::deque<Job> jobs;
  Script* script = nullptr;
  const Text* cur_text = nullptr;  // of the list being walked
  detail::MapCursor cursor;        // over cur_text's map
  uint32_t next_pipeline = 0;
  uint32_t next_and_or = 0;
  // Scratch for the command being built: words with substitutions, each argv word's offset in
  // its text, each redirection's heredoc (npos when none).
  std::vector<uint32_t> word_ids;
  std::vector<uint32_t> argv_offsets;
  std::vector<uint32_t> redir_heredocs;
  // The commands of the and-or lists being walked, innermost last (a stack: lists nest).
  struct Elem {
    ParserRuleContext* command = nullptr;
    size_t op = 0;  // the operator before it
    bool after_pipe = false;
    bool negated = false;
  };
  std::vector<Elem> elems;

  Impl() {
    parser.removeErrorListeners();
    parser.addErrorListener(&errors);
    parser.setBuildParseTree(true);
  }

  void run(Script& s, std::string_view text, const ast::SourceMap& map,
           std::span<const ExternalHeredoc> heredocs, const Ctx& ctx);
  void parse_buffer(uint32_t buffer, const Ctx& ctx);
  Status walk_list(ParserRuleContext* list, const Ctx& c, Joiner first);
  Status walk_and_or(ParserRuleContext* and_or, const Ctx& c, Joiner op);
  Status walk_command(ParserRuleContext* command, const Ctx& c, Joiner op, const PipeInfo& info);
  Status walk_compound(ParserRuleContext* compound, const Ctx& c, Joiner op);
  Status simple(detail::Token* token, const Ctx& c, Joiner op, const PipeInfo& info);
  void substitutions(detail::WordData& word, const Ctx& c, uint32_t parent);
  void inner_scripts(uint32_t index, const Ctx& c);
  void add_text_job(std::string text, ast::SourceMap map,
                    std::vector<std::pair<uint32_t, uint32_t>> expanded, const Ctx& ctx);
  void report(ParseTree* at, std::string message);
};

void ShellParser::Impl::run(Script& s, std::string_view text, const ast::SourceMap& map,
                            std::span<const ExternalHeredoc> heredocs, const Ctx& ctx) {
  script = &s;
  store.clear();
  store.storage = &s.storage;
  texts.clear();
  jobs.clear();
  next_pipeline = next_and_or = 0;
  for (const Command& c : s.commands) {
    next_pipeline = std::max(next_pipeline, c.pipeline + 1);
    next_and_or = std::max(next_and_or, c.and_or + 1);
  }
  const size_t first_new = s.commands.size();

  Text& t = texts.emplace_back();
  t.text = text;
  if (map.pieces.empty()) {
    t.owned_map = detail::identity_map(0, static_cast<uint32_t>(text.size()));
    t.map = &t.owned_map;
  } else {
    t.map = &map;
  }
  t.heredocs = heredocs;
  jobs.push_back({npos, 0, ctx});

  while (!jobs.empty()) {
    Job job = jobs.front();
    jobs.pop_front();
    if (job.text != npos) {
      const Text& jt = texts[job.text];
      if (job.ctx.depth >= detail::kMaxDepth) continue;
      const size_t simples = store.simples.size();
      const uint32_t b = tokenizer.run(jt.text, job.text, *jt.map, jt.heredocs, job.ctx.depth,
                                       store, s.diagnostics);
      s.commands.reserve(s.commands.size() + store.simples.size() - simples);
      // The substitutions' buffers are parsed when the builder meets their words.
      jobs.push_front({b, npos, job.ctx});
      continue;
    }
    parse_buffer(job.buffer, job.ctx);
  }

  // Source order: a command's substitutions and inner scripts come after it. Parents move too.
  auto& cmds = s.commands;
  const bool in_order = std::is_sorted(
      cmds.begin() + static_cast<ptrdiff_t>(first_new), cmds.end(),
      [](const Command& a, const Command& b) { return a.range.begin < b.range.begin; });
  if (!in_order) {
    std::vector<uint32_t> order(cmds.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin() + static_cast<ptrdiff_t>(first_new), order.end(),
                     [&](uint32_t a, uint32_t b) {
                       if (cmds[a].range.begin != cmds[b].range.begin) {
                         return cmds[a].range.begin < cmds[b].range.begin;
                       }
                       return cmds[a].depth < cmds[b].depth;
                     });
    std::vector<uint32_t> where(cmds.size());
    for (uint32_t i = 0; i < order.size(); ++i) where[order[i]] = i;
    std::vector<Command> sorted;
    sorted.reserve(cmds.size());
    for (uint32_t i : order) sorted.push_back(std::move(cmds[i]));
    for (Command& c : sorted) {
      if (c.parent != npos) c.parent = where[c.parent];
    }
    cmds = std::move(sorted);
  }
  std::stable_sort(
      s.diagnostics.begin(), s.diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.range.begin < b.range.begin; });
  store.clear();
  store.storage = nullptr;
  texts.clear();
  script = nullptr;
  cur_text = nullptr;
}

void ShellParser::Impl::parse_buffer(uint32_t buffer, const Ctx& ctx) {
  detail::Buffer& buf = store.buffers[buffer];
  if (buf.tokens.empty()) return;
  if (cur_text != &texts[buf.text]) {
    cur_text = &texts[buf.text];
    cursor.reset(cur_text->map);
  }
  detail::TokenVector tokens(buf.tokens);
  struct Release {
    G& parser;
    ~Release() { parser.setTokenStream(nullptr); }  // frees the tree before the tokens go
  } release{parser};
  auto* sim = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  parser.setTokenStream(&tokens);
  sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(bail);
  errors.enabled = false;
  G::ScriptContext* tree = nullptr;
  try {
    tree = parser.script();
  } catch (const antlr4::ParseCancellationException&) {
    // The fast pass stops at the first error; parse again with ANTLR's recovery so that the
    // commands around the error are still found, and report what went wrong.
    tokens.seek(0);
    parser.setTokenStream(&tokens);
    sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(recover);
    errors.out = &script->diagnostics;
    errors.map = cur_text->map;
    errors.store = &store;
    errors.reported = 0;
    errors.enabled = true;
    tree = parser.script();
    errors.enabled = false;
  }
  if (tree && !tree->children.empty()) {
    if (ParserRuleContext* list = as_rule(tree->children[0])) walk_list(list, ctx, Joiner::first);
  }
}

void ShellParser::Impl::report(ParseTree* at, std::string message) {
  TextRange range;
  if (detail::Token* t = our_token(at)) range = cur_text->map->to_source(t->begin, t->end);
  script->diagnostics.push_back(
      {"shell-syntax-error", Severity::warning, std::move(message), range});
}

Status ShellParser::Impl::walk_list(ParserRuleContext* list, const Ctx& c, Joiner first) {
  Status status = Status::ok;
  Joiner op = first;
  bool have_command = false;  // since the last separator
  const auto& ch = list->children;
  for (size_t i = 0; i < ch.size(); ++i) {
    ParserRuleContext* rc = as_rule(ch[i]);
    if (!rc) {
      const size_t type = token_type(ch[i]);
      if (type == L::NEWLINE) {
        if (have_command) op = Joiner::seq;  // `a &` then a newline: still after a background job
      } else if (type == L::SEMI || type == L::AMP) {
        if (!have_command) {
          report(ch[i], fmt::format("shell syntax error: unexpected {}", token_name(type)));
        }
        op = type == L::AMP ? Joiner::background : Joiner::seq;
      } else {
        continue;  // an error node
      }
      have_command = false;
      continue;
    }
    if (rc->getRuleIndex() != G::RuleAndOr) continue;
    Ctx ac = c;
    if (i + 1 < ch.size() && !as_rule(ch[i + 1]) && token_type(ch[i + 1]) == L::AMP) {
      ac.background = true;
    }
    status = walk_and_or(rc, ac, op);
    have_command = true;
    op = Joiner::seq;
  }
  return status;
}

Status ShellParser::Impl::walk_and_or(ParserRuleContext* and_or, const Ctx& c, Joiner op) {
  // The children are `!`s, commands and the operators between them. Commands joined by `|` form
  // a pipeline; `&&` and `||` join pipelines.
  const uint32_t id = next_and_or++;
  const size_t base = elems.size();
  {
    Elem e;
    for (ParseTree* ch : and_or->children) {
      if (ParserRuleContext* rc = as_rule(ch)) {
        if (rc->getRuleIndex() != G::RuleCommand) continue;
        e.command = rc;
        elems.push_back(e);
        e = Elem();
        continue;
      }
      const size_t type = token_type(ch);
      if (type == L::BANG) {
        if (!e.after_pipe) {
          e.negated = !e.negated;
        } else {
          report(ch, "shell syntax error: unexpected '!' after '|'");
        }
      } else if (type == L::AND_IF || type == L::OR_IF || type == L::PIPE || type == L::PIPE_AMP) {
        e.op = type;
        e.after_pipe = type == L::PIPE || type == L::PIPE_AMP;
      }
    }
  }
  Status status = Status::ok;
  bool first = true;
  for (size_t i = base; i < elems.size();) {
    // One pipeline: elems [i, j).
    size_t j = i + 1;
    while (j < elems.size() && elems[j].after_pipe) ++j;
    const Joiner join = first ? op : elems[i].op == L::OR_IF ? Joiner::or_if : Joiner::and_if;
    // On the success path `&&` runs its right side after a success, `||` after a failure.
    bool runs = true, maybe = false;
    if (!first) {
      runs = status == (join == Joiner::and_if ? Status::ok : Status::fail);
      maybe = status == Status::unknown;
    }
    Ctx pc = c;
    pc.unconditional = c.unconditional && runs;
    PipeInfo info;
    info.id = next_pipeline++;
    info.and_or = id;
    info.size = static_cast<uint32_t>(j - i);
    info.negated = elems[i].negated;
    Status s = Status::ok;
    for (size_t k = i; k < j; ++k) {
      info.index = static_cast<uint32_t>(k - i);
      s = walk_command(elems[k].command, pc, k == i ? join : Joiner::pipe, info);
    }
    if (info.negated) {
      s = s == Status::ok ? Status::fail : s == Status::fail ? Status::ok : Status::unknown;
    }
    if (first || runs) {
      status = s;
    } else if (maybe) {
      status = Status::unknown;
    }
    first = false;
    i = j;
  }
  elems.resize(base);
  return status;
}

Status ShellParser::Impl::walk_command(ParserRuleContext* command, const Ctx& c, Joiner op,
                                       const PipeInfo& info) {
  if (command->children.empty()) return Status::ok;
  ParserRuleContext* body = as_rule(command->children[0]);
  if (!body) {
    detail::Token* t = our_token(command->children[0]);
    return t && t->getType() == L::SIMPLE ? simple(t, c, op, info) : Status::ok;
  }
  if (body->getRuleIndex() == G::RuleCompoundCommand) {
    // Substitutions in the compound command's redirections (`done < <(ls)`) run before it.
    for (size_t i = 1; i < command->children.size(); ++i) {
      ParserRuleContext* r = as_rule(command->children[i]);
      if (!r || r->children.size() < 2) continue;
      if (detail::Token* t = our_token(r->children[1]); t && t->getType() == L::WORD) {
        substitutions(store.words[t->data], c, npos);
      }
    }
    return walk_compound(body, c, op);
  }
  if (body->getRuleIndex() == G::RuleFunctionDef) {
    // The body runs only when the function is called.
    Ctx fc = c;
    fc.depth = c.depth + 1;
    fc.unconditional = false;
    fc.in_function = true;
    for (ParseTree* part : body->children) {
      ParserRuleContext* rc = as_rule(part);
      if (rc && rc->getRuleIndex() == G::RuleCompoundCommand) walk_compound(rc, fc, Joiner::first);
    }
  }
  return Status::ok;
}

Status ShellParser::Impl::walk_compound(ParserRuleContext* compound, const Ctx& c, Joiner op) {
  ParserRuleContext* body = compound->children.empty() ? nullptr : as_rule(compound->children[0]);
  if (!body) return Status::ok;
  Ctx in = c;
  in.depth = c.depth + 1;
  Ctx branch = in;  // a branch or loop body: runs depending on something else
  branch.unconditional = false;
  switch (body->getRuleIndex()) {
    case G::RuleBraceGroup:
    case G::RuleSubshell:
      for (ParseTree* ch : body->children) {
        if (ParserRuleContext* list = as_rule(ch)) return walk_list(list, in, op);
      }
      return Status::ok;
    case G::RuleIfClause:
    case G::RuleLoopClause: {
      // if: the first condition runs; elif conditions and all branches depend on it.
      // while/until: the condition runs at least once, the body maybe never.
      size_t keyword = 0;
      for (ParseTree* ch : body->children) {
        ParserRuleContext* list = as_rule(ch);
        if (!list) {
          keyword = token_type(ch);
          continue;
        }
        if (keyword == L::IF || keyword == L::WHILE || keyword == L::UNTIL) {
          walk_list(list, in, op);
        } else {
          walk_list(list, branch, Joiner::first);
        }
      }
      return Status::ok;
    }
    case G::RuleForClause: {
      // The body runs at least once only when the word list cannot be empty: an explicit `in`
      // with a word that has a literal part or quotes.
      bool seen_name = false, has_in = false, runs = false, arith = false;
      for (ParseTree* ch : body->children) {
        if (ParserRuleContext* list = as_rule(ch)) {
          Ctx bc = in;
          bc.unconditional = in.unconditional && has_in && runs && !arith;
          walk_list(list, bc, Joiner::first);
          continue;
        }
        const size_t type = token_type(ch);
        if (type == L::IN) has_in = true;
        detail::Token* t = type == L::WORD ? our_token(ch) : nullptr;
        if (!t) continue;
        detail::WordData& d = store.words[t->data];
        if (!seen_name) {
          seen_name = true;
          arith = d.word.raw.starts_with("((");
        } else if (d.literal || d.word.quoted) {
          runs = true;
        }
        substitutions(d, in, npos);
      }
      return Status::ok;
    }
    case G::RuleCaseClause:
      for (ParseTree* ch : body->children) {
        if (ParserRuleContext* item = as_rule(ch)) {
          for (ParseTree* part : item->children) {
            if (ParserRuleContext* list = as_rule(part)) walk_list(list, branch, Joiner::first);
          }
        } else if (detail::Token* t = token_type(ch) == L::WORD ? our_token(ch) : nullptr) {
          substitutions(store.words[t->data], in, npos);  // the case subject
        }
      }
      return Status::ok;
    default:
      return Status::ok;
  }
}

Status ShellParser::Impl::simple(detail::Token* token, const Ctx& c, Joiner op,
                                 const PipeInfo& info) {
  const auto index = static_cast<uint32_t>(script->commands.size());
  Command& cmd = script->commands.emplace_back();
  cmd.op = op;
  cmd.unconditional = c.unconditional;
  cmd.negated = info.negated;
  cmd.background = c.background;
  cmd.pipeline = info.id;
  cmd.pipeline_index = info.index;
  cmd.pipeline_size = info.size;
  cmd.and_or = info.and_or;
  cmd.depth = c.depth;
  cmd.in_substitution = c.in_substitution;
  cmd.in_function = c.in_function;
  cmd.origin = c.origin;
  cmd.parent = c.parent;

  word_ids.clear();
  argv_offsets.clear();
  redir_heredocs.clear();
  const detail::Simple& simple = store.simples[token->data];
  size_t words = 0, redirs = 0;
  for (uint32_t i = simple.begin; i < simple.end; ++i) {
    const detail::Item::Kind k = store.items[i].kind;
    words += k == detail::Item::Kind::word;
    redirs += k == detail::Item::Kind::redir;
  }
  cmd.argv.reserve(words);
  if (redirs) cmd.redirections.reserve(redirs);
  cmd.range = cursor.range(token->begin, token->end);

  for (uint32_t i = simple.begin; i < simple.end; ++i) {
    const detail::Item& item = store.items[i];
    if (item.kind == detail::Item::Kind::redir) {
      Redirection& r = cmd.redirections.emplace_back();
      redir_heredocs.push_back(npos);
      r.kind = static_cast<RedirKind>(item.redir & 0xFF);
      r.fd = static_cast<int32_t>(item.redir >> 8) - 1;
      r.range = cursor.range(item.begin, item.end);
      if (item.word == npos) continue;
      detail::WordData& d = store.words[item.word];
      if (!d.substitutions.empty()) word_ids.push_back(item.word);
      r.target = std::move(d.word);
      if (d.heredoc != npos) {
        redir_heredocs.back() = d.heredoc;
        const detail::HeredocData& h = store.heredocs[d.heredoc];
        r.heredoc_body = h.body;
        r.heredoc_range = h.range;
        r.heredoc_expands = h.expands;
      }
      continue;
    }
    detail::WordData& d = store.words[item.word];
    if (!d.substitutions.empty()) word_ids.push_back(item.word);
    if (item.kind == detail::Item::Kind::assign) {
      cmd.assignments.push_back(std::move(d.word));
    } else {
      argv_offsets.push_back(d.begin);
      cmd.argv.push_back(std::move(d.word));
    }
  }

  Status status = Status::ok;
  const std::string_view name = cmd.name();
  if (name == "[" || name == "[[" || name == "test" || name.starts_with("((")) {
    status = Status::unknown;
  } else if (name == "false") {
    status = Status::fail;
  }

  Ctx sub = c;
  sub.unconditional = cmd.unconditional;
  for (uint32_t id : word_ids) substitutions(store.words[id], sub, index);
  if (c.depth + 1 < detail::kMaxDepth) inner_scripts(index, sub);
  return status;
}

void ShellParser::Impl::substitutions(detail::WordData& word, const Ctx& c, uint32_t parent) {
  const Text& t = texts[word.text];
  for (uint32_t b : word.substitutions) {
    const uint32_t at = store.buffers[b].begin;
    const bool outer = std::any_of(t.expanded.begin(), t.expanded.end(),
                                   [&](const auto& r) { return at >= r.first && at < r.second; });
    if (outer) continue;  // the enclosing script already has these commands
    Ctx s = c;
    s.depth = c.depth + 1;
    s.in_substitution = true;
    s.origin = Origin::substitution;
    s.parent = parent;
    jobs.push_back({b, npos, s});
  }
  word.substitutions.clear();
}

void ShellParser::Impl::add_text_job(std::string inner, ast::SourceMap map,
                                     std::vector<std::pair<uint32_t, uint32_t>> expanded,
                                     const Ctx& ctx) {
  Text& t = texts.emplace_back();
  t.owned = std::move(inner);
  t.text = t.owned;
  t.owned_map = std::move(map);
  t.map = &t.owned_map;
  t.expanded = std::move(expanded);
  jobs.push_back({npos, static_cast<uint32_t>(texts.size() - 1), ctx});
}

void ShellParser::Impl::inner_scripts(uint32_t index, const Ctx& c) {
  const Command& cmd = script->commands[index];
  Ctx ic = c;
  ic.depth = c.depth + 1;
  ic.parent = index;
  if (const uint32_t arg = detail::shell_script_arg(cmd); arg != npos) {
    // `sh -c 'script'`: the script is the word's value, mapped back through its quotes.
    detail::Unquoted u = detail::unquote_word(cmd.argv[arg].raw, argv_offsets[arg]);
    ast::SourceMap map = detail::compose(*cur_text->map, u.pieces);
    ic.origin = Origin::shell_c;
    add_text_job(std::move(u.text), std::move(map), std::move(u.expanded), ic);
    return;
  }
  if (!detail::shell_reads_stdin(cmd)) return;
  for (size_t i = 0; i < cmd.redirections.size(); ++i) {
    const Redirection& r = cmd.redirections[i];
    if (!r.is_heredoc() || (r.fd != -1 && r.fd != 0) || redir_heredocs[i] == npos) continue;
    // `bash <<EOF`: the heredoc is the script. A RUN's Dockerfile heredoc is contiguous in the
    // source; one written in the script text maps through the text's map.
    const detail::HeredocData& h = store.heredocs[redir_heredocs[i]];
    const auto size = static_cast<uint32_t>(h.body.size());
    ast::SourceMap map;
    if (h.external) {
      map = detail::identity_map(h.range.begin, size);
    } else {
      const ast::SourceMap::Piece piece{0, h.text_begin, size};
      map = detail::compose(*cur_text->map, std::span(&piece, 1));
    }
    ic.origin = Origin::shell_stdin;
    add_text_job(h.body, std::move(map), {}, ic);
    return;
  }
}

// ---- ShellParser ------------------------------------------------------------------------------

ShellParser::ShellParser(ShellParserOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->tokenizer.fast_path = options.fast_scan;
}
ShellParser::~ShellParser() = default;
ShellParser::ShellParser(ShellParser&&) noexcept = default;
ShellParser& ShellParser::operator=(ShellParser&&) noexcept = default;

Script ShellParser::parse(std::string_view text, const ast::SourceMap& map,
                          std::span<const ExternalHeredoc> heredocs) {
  Script s;
  s.interpreter = "/bin/sh";
  parse_into(s, text, map, heredocs, Origin::script, npos, 0, true);
  return s;
}

void ShellParser::parse_into(Script& script, std::string_view text, const ast::SourceMap& map,
                             std::span<const ExternalHeredoc> heredocs, Origin origin,
                             uint32_t parent, uint32_t depth, bool unconditional) {
  Ctx ctx;
  ctx.origin = origin;
  ctx.parent = parent;
  ctx.depth = depth;
  ctx.unconditional = unconditional;
  try {
    impl_->run(script, text, map, heredocs, ctx);
  } catch (const std::exception& e) {
    // A bug, not a problem of the script: report it and leave the parser reusable.
    impl_->parser.setTokenStream(nullptr);
    impl_->store.clear();
    impl_->store.storage = nullptr;
    impl_->texts.clear();
    impl_->jobs.clear();
    impl_->elems.clear();
    impl_->script = nullptr;
    impl_->cur_text = nullptr;
    script.diagnostics.push_back({"internal-error",
                                  Severity::error,
                                  fmt::format("internal shell parser error: {}", e.what()),
                                  {}});
  }
}

}  // namespace dfopt::shell
