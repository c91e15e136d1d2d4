// Shell lexer: POSIX sh (plus the bash syntax real Dockerfiles use) as it appears in RUN, in
// shell-form CMD, ENTRYPOINT and HEALTHCHECK, in heredoc scripts and in `sh -c` strings.
//
// This grammar cuts the text into *word parts* and operators; it does not decide where a word
// ends, which words are reserved, or what a `)` closes. Those depend on context (POSIX 2.3 and
// 2.4: reserved words only in command position, `in` only third in `for`/`case`, `)` ending a
// case pattern, heredoc bodies after the next newline) and are decided by the tokenizer in
// analyzer/shell/tokenizer.cpp, which drives this lexer and folds the parts of each word into
// one word, and the words, assignments and redirections of each simple command into one SIMPLE
// token for ShellParser (other words become WORD, FNAME or reserved-word tokens). Like the
// Dockerfile lexer it uses modes and no semantic predicate, so every rule stays in the DFA:
//
//   DEFAULT_MODE  command level: words, operators, comments; also the inside of `$(...)`,
//                 `<(...)`, `>(...)` and backticks (the tokenizer pops the mode at the `)` or
//                 backtick that closes them, because only it knows what a `)` or a backtick
//                 closes; it also pushes the mode for a backtick opened at command level)
//   DQ            inside "..."
//   PARAM         inside ${...}
//   ARITH         inside $((...)) at paren depth 0, where `))` ends it
//   ARITH_PAREN   inside parentheses within $((...))
//
// Tokens are kept large: a run of ordinary word characters, a whole '...' string, the text
// between expansions inside "..." are one token each. Blanks are skipped; the tokenizer tells
// adjacent parts (one word) from separate words by their offsets.
//
// Measured on the ANTLR 4.9 C++ runtime, the generated lexer costs about 30 ns per character
// (two mutex operations per DFA step; non-ASCII characters are never cached and go through the
// ATN) and a few hundred per token. So the tokenizer matches every token whose rule has no lexer
// command (no mode change) itself, with exactly the rule's definition, and calls the generated
// lexer for the others: quotes and expansions, which is where the modes are. This grammar is
// still the definition: with ShellParserOptions::fast_scan off every character goes through the
// generated lexer, and tests check that the results are identical over the whole corpus. Keep
// Tokenizer::scan_run (analyzer/shell/tokenizer.cpp) in step with any change to a rule without
// a command, and the redirection rules together (LESS first, AND_DGREAT last).
lexer grammar ShellLexer;

tokens {
    // Produced by the tokenizer, never by a rule below.
    SIMPLE, WORD, FNAME, REDIR,
    IF, THEN, ELSE, ELIF, FI, DO, DONE, CASE, ESAC, WHILE, UNTIL, FOR, IN, FUNCTION,
    LBRACE, RBRACE, BANG
}

// ---- DEFAULT_MODE ---------------------------------------------------------------------------

// A carriage return counts as a blank: CRLF heredoc scripts would otherwise end every line's
// last word with '\r'.
BLANK      : [ \t\r\f\u000B]+ -> skip ;
NEWLINE    : '\n' ;
// Backslash-newline is removed before tokenization (POSIX 2.2.1); the tokenizer treats it as
// glue between the parts of one word.
CONT       : '\\' '\r'? '\n' ;
// Only at the start of a word; `a#b` is one LIT, and a '#' right after a quote or expansion is
// re-read as a literal by the tokenizer.
COMMENT    : '#' ~[\n]* ;
LIT        : ~[ \t\r\f\u000B\n\\'"`$|&;<>()#] ~[ \t\r\f\u000B\n\\'"`$|&;<>()]* ;
ESC        : '\\' ~[\n\r] ;
BACKSLASH  : '\\' ;  // at the end of the text
SQ         : '\'' ~'\''* '\'' ;
SQ_OPEN    : '\'' ~'\''* ;  // unterminated: the tokenizer reports it
ANSI       : '$\'' (~[\\'] | '\\' .)* '\'' ;  // bash $'...'
ANSI_OPEN  : '$\'' (~[\\'] | '\\' .)* ;
DQ_START   : '"' -> pushMode(DQ) ;
LOCALE_DQ  : '$"' -> type(DQ_START), pushMode(DQ) ;  // bash $"..."
VAR        : '$' ([A-Za-z_] [A-Za-z0-9_]* | [0-9@*#?$!-]) ;
PARAM_START: '${' -> pushMode(PARAM) ;
SUBST_START: '$(' -> pushMode(DEFAULT_MODE) ;
ARITH_START: '$((' -> pushMode(ARITH) ;
DOLLAR     : '$' ;
// Opens or closes a command substitution: the tokenizer decides which, and pushes/pops.
BACKTICK   : '`' ;
// bash process substitution <(...) and >(...)
PROC_SUBST : [<>] '(' -> pushMode(DEFAULT_MODE) ;

AND_IF     : '&&' ;
OR_IF      : '||' ;
DSEMI      : ';;' | ';&' | ';;&' ;  // bash's ;& and ;;& end a case item too
SEMI       : ';' ;
AMP        : '&' ;
PIPE       : '|' ;
PIPE_AMP   : '|&' ;
LPAREN     : '(' ;
RPAREN     : ')' ;

// Redirections, each with its optional descriptor number (POSIX IO_NUMBER): a word of digits
// directly before the operator. `a2>x` lexes as LIT `a2` and `>`: the longest match wins.
LESS       : [0-9]* '<' ;
GREAT      : [0-9]* '>' ;
DGREAT     : [0-9]* '>>' ;
DLESS      : [0-9]* '<<' ;
DLESSDASH  : [0-9]* '<<-' ;
TLESS      : [0-9]* '<<<' ;  // bash here-string
LESSAND    : [0-9]* '<&' ;
GREATAND   : [0-9]* '>&' ;
LESSGREAT  : [0-9]* '<>' ;
CLOBBER    : [0-9]* '>|' ;
AND_GREAT  : '&>' ;   // bash: stdout and stderr
AND_DGREAT : '&>>' ;

// ---- DQ: inside "..." -----------------------------------------------------------------------
mode DQ;

DQ_TEXT        : ~["\\$`]+ ;
DQ_ESC         : '\\' . ;
DQ_BACKSLASH   : '\\' -> type(BACKSLASH) ;
DQ_END         : '"' -> popMode ;
DQ_VAR         : '$' ([A-Za-z_] [A-Za-z0-9_]* | [0-9@*#?$!-]) -> type(VAR) ;
DQ_PARAM_START : '${' -> type(PARAM_START), pushMode(PARAM) ;
DQ_SUBST_START : '$(' -> type(SUBST_START), pushMode(DEFAULT_MODE) ;
DQ_ARITH_START : '$((' -> type(ARITH_START), pushMode(ARITH) ;
DQ_DOLLAR      : '$' -> type(DOLLAR) ;
DQ_BACKTICK    : '`' -> type(BACKTICK), pushMode(DEFAULT_MODE) ;

// ---- PARAM: inside ${...} -------------------------------------------------------------------
mode PARAM;

PARAM_TEXT        : ~[}$`"'\\]+ ;
PARAM_ESC         : '\\' . -> type(ESC) ;
PARAM_BACKSLASH   : '\\' -> type(BACKSLASH) ;
PARAM_END         : '}' -> popMode ;
PARAM_SQ          : '\'' ~'\''* '\'' -> type(SQ) ;
PARAM_SQ_OPEN     : '\'' ~'\''* -> type(SQ_OPEN) ;
PARAM_DQ_START    : '"' -> type(DQ_START), pushMode(DQ) ;
PARAM_VAR         : '$' ([A-Za-z_] [A-Za-z0-9_]* | [0-9@*#?$!-]) -> type(VAR) ;
PARAM_PARAM_START : '${' -> type(PARAM_START), pushMode(PARAM) ;
PARAM_SUBST_START : '$(' -> type(SUBST_START), pushMode(DEFAULT_MODE) ;
PARAM_ARITH_START : '$((' -> type(ARITH_START), pushMode(ARITH) ;
PARAM_DOLLAR      : '$' -> type(DOLLAR) ;
PARAM_BACKTICK    : '`' -> type(BACKTICK), pushMode(DEFAULT_MODE) ;

// ---- ARITH: inside $((...)) -----------------------------------------------------------------
mode ARITH;

ARITH_TEXT        : ~[()$`\\]+ ;
ARITH_ESC         : '\\' . -> type(ESC) ;
ARITH_BACKSLASH   : '\\' -> type(BACKSLASH) ;
ARITH_END         : '))' -> popMode ;
// A lone ')' at depth 0 is malformed ($((a) b)); it ends the expansion so that the rest of the
// script still lexes, and the tokenizer reports it.
ARITH_BAD_END     : ')' -> type(ARITH_END), popMode ;
ARITH_OPEN        : '(' -> pushMode(ARITH_PAREN) ;
ARITH_VAR         : '$' ([A-Za-z_] [A-Za-z0-9_]* | [0-9@*#?$!-]) -> type(VAR) ;
ARITH_PARAM_START : '${' -> type(PARAM_START), pushMode(PARAM) ;
ARITH_SUBST_START : '$(' -> type(SUBST_START), pushMode(DEFAULT_MODE) ;
ARITH_ARITH_START : '$((' -> type(ARITH_START), pushMode(ARITH) ;
ARITH_DOLLAR      : '$' -> type(DOLLAR) ;
ARITH_BACKTICK    : '`' -> type(BACKTICK), pushMode(DEFAULT_MODE) ;

// ---- ARITH_PAREN: inside (...) within $((...)) ----------------------------------------------
mode ARITH_PAREN;

AP_TEXT        : ~[()$`\\]+ -> type(ARITH_TEXT) ;
AP_ESC         : '\\' . -> type(ESC) ;
AP_BACKSLASH   : '\\' -> type(BACKSLASH) ;
AP_OPEN        : '(' -> type(ARITH_OPEN), pushMode(ARITH_PAREN) ;
AP_CLOSE       : ')' -> popMode ;
AP_VAR         : '$' ([A-Za-z_] [A-Za-z0-9_]* | [0-9@*#?$!-]) -> type(VAR) ;
AP_PARAM_START : '${' -> type(PARAM_START), pushMode(PARAM) ;
AP_SUBST_START : '$(' -> type(SUBST_START), pushMode(DEFAULT_MODE) ;
AP_ARITH_START : '$((' -> type(ARITH_START), pushMode(ARITH) ;
AP_DOLLAR      : '$' -> type(DOLLAR) ;
AP_BACKTICK    : '`' -> type(BACKTICK), pushMode(DEFAULT_MODE) ;
