// Shell parser: the POSIX shell grammar (XCU 2.10) over the tokens the tokenizer makes from
// ShellLexer's parts (analyzer/shell/tokenizer.cpp): SIMPLE (a whole simple command), WORD (the
// words of for/case headers and of redirections after compound commands), FNAME (the name in
// `name()`), REDIR (a redirection operator with its descriptor), reserved words (only where
// POSIX recognizes them), operators and NEWLINE.
//
// A simple command is one token, as an instruction's arguments are one ARGS token in the
// Dockerfile grammar: its structure (assignments, then words and redirections in any order,
// POSIX's cmd_prefix cmd_word cmd_suffix) is a flat sequence with no nesting, which the
// tokenizer already reads to tell assignments, names and redirection targets apart. Giving each
// word a token of its own cost more than the rest of the shell model together: ANTLR 4.9 makes a
// terminal node, a children-vector push and several virtual calls per token (measured with
// benchmarks/shell_bench.cpp). What nests, lists, and-or lists, pipelines and compound
// commands, is here.
//
// Every decision is LL(1) with the global FOLLOW sets ANTLR's code generator uses, so the
// generated code predicts with a `switch` on one token and never runs the ATN simulator (SLL and
// LL prediction are then the same). The shapes are chosen for that:
//   * a list never has two and-or lists in a row, so nothing that starts a command can follow
//     one; it accepts stray separators (`a ; ; b`, `; a`), which the builder reports;
//   * separators and pipelines have no rule of their own: every rule invocation costs the
//     runtime a context object, and these are the most frequent;
//   * every case item ends with DSEMI: the tokenizer inserts an empty one before an `esac`
//     that closes an item without `;;`, as POSIX allows;
//   * the `()` of a function definition is consumed by the tokenizer (it knows the name).
// Loops rather than recursion wherever the shell repeats, so the recursion depth is the nesting
// depth of compound commands only, which the tokenizer bounds.
//
// Command substitutions are not in this grammar: the tokenizer folds `$(...)`, backticks and
// `<(...)` into the word that contains them and hands their tokens to a separate parse.
parser grammar ShellParser;

options { tokenVocab = ShellLexer; }

script
    : list EOF
    ;

list
    : (SEMI | AMP | NEWLINE)* (andOr ((SEMI | AMP | NEWLINE) andOr?)*)?
    ;

// An and-or list with its pipelines inline: the builder groups the commands joined by `|` into
// pipelines, which bind tighter than `&&` and `||`. `!` is accepted before any command; POSIX
// allows it only at the start of a pipeline, and the builder reports it anywhere else.
andOr
    : BANG* command ((AND_IF | OR_IF | PIPE | PIPE_AMP) NEWLINE* BANG* command)*
    ;

// A simple command, a compound command with its redirections, or a function definition.
command
    : SIMPLE
    | compoundCommand redirect*
    | functionDef
    ;

// A redirection of a compound command (those of a simple command are in its SIMPLE token).
redirect
    : REDIR WORD
    ;

compoundCommand
    : braceGroup
    | subshell
    | ifClause
    | loopClause
    | forClause
    | caseClause
    ;

braceGroup
    : LBRACE list RBRACE
    ;

subshell
    : LPAREN list RPAREN
    ;

ifClause
    : IF list THEN list (ELIF list THEN list)* (ELSE list)? FI
    ;

// while and until
loopClause
    : (WHILE | UNTIL) list DO list DONE
    ;

// `for name [in word...] do ... done`; bash's `for ((...))` header is one WORD
forClause
    : FOR WORD (SEMI | NEWLINE)* (IN WORD* (SEMI | NEWLINE)*)? DO list DONE
    ;

caseClause
    : CASE WORD NEWLINE* IN NEWLINE* caseItem* ESAC
    ;

caseItem
    : LPAREN? WORD (PIPE WORD)* RPAREN list DSEMI NEWLINE*
    ;

// `name() body` and bash's `function name [()] body`; the tokenizer drops the `()`
functionDef
    : (FNAME | FUNCTION WORD) NEWLINE* compoundCommand redirect*
    ;
