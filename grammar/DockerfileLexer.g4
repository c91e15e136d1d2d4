// Dockerfile lexer: physical-line structure as BuildKit reads it.
//
// Modes:
//   DEFAULT_MODE  the start of a physical line outside an instruction
//   INSTR         the rest of an instruction's line
//   CONT          the start of a physical line that continues an instruction
//
// The context-sensitive parts live in the hand-written subclass (analyzer/parse/lexer.cpp),
// which wraps nextToken() and never uses predicates, so every rule below stays in the DFA:
//   * parser directives at the top re-type COMMENT as DIRECTIVE and may change the escape token;
//   * BACKSLASH/BACKTICK become ESCAPE (the active escape token), LINE_CONT (escape token, blanks
//     and the line ending, when BuildKit would continue the line) or TEXT (the inactive one);
//   * the NEWLINE that ends an instruction pops INSTR; after a LINE_CONT the lexer is put in CONT;
//   * the tokens after the keyword up to the line ending (TEXT, ESCAPE, LINE_CONT, CONT_COMMENT,
//     CONT_EMPTY) are folded into one ARGS token for the parser, while the subclass joins the
//     logical line from them with a map back to source bytes; so the parser sees a handful of
//     tokens per instruction however many lines it spans;
//   * heredoc bodies after RUN/COPY/ADD become HEREDOC tokens, one per heredoc.
lexer grammar DockerfileLexer;

tokens { ESCAPE, LINE_CONT, DIRECTIVE, HEREDOC, ARGS }

// ---- DEFAULT_MODE ---------------------------------------------------------------------------

// A whitespace-only line, including its '\n'.
BLANK   : [ \t\f\u000B\r]* '\n' ;
// A comment line with its leading blanks and its '\n' (absent at end of file).
COMMENT : [ \t\f\u000B\r]* '#' ~[\n]* '\n'? ;
// Leading blanks of an instruction line, or trailing blanks at the end of the file.
WS      : [ \t\f\u000B\r]+ ;

// Instruction keywords, any case. A longer word (FROMX) lexes as WORD instead.
ADD         : A D D                 -> pushMode(INSTR) ;
ARG         : A R G                 -> pushMode(INSTR) ;
CMD         : C M D                 -> pushMode(INSTR) ;
COPY        : C O P Y               -> pushMode(INSTR) ;
ENTRYPOINT  : E N T R Y P O I N T   -> pushMode(INSTR) ;
ENV         : E N V                 -> pushMode(INSTR) ;
EXPOSE      : E X P O S E           -> pushMode(INSTR) ;
FROM        : F R O M               -> pushMode(INSTR) ;
HEALTHCHECK : H E A L T H C H E C K -> pushMode(INSTR) ;
LABEL       : L A B E L             -> pushMode(INSTR) ;
MAINTAINER  : M A I N T A I N E R   -> pushMode(INSTR) ;
ONBUILD     : O N B U I L D         -> pushMode(INSTR) ;
RUN         : R U N                 -> pushMode(INSTR) ;
SHELL       : S H E L L             -> pushMode(INSTR) ;
STOPSIGNAL  : S T O P S I G N A L   -> pushMode(INSTR) ;
USER        : U S E R               -> pushMode(INSTR) ;
VOLUME      : V O L U M E           -> pushMode(INSTR) ;
WORKDIR     : W O R K D I R         -> pushMode(INSTR) ;

// Any other first word: an unknown instruction (BuildKit parses it and the build rejects it).
WORD        : ~[ \t\f\u000B\r\n#\\`] ~[ \t\f\u000B\r\n\\`]* -> pushMode(INSTR) ;
START_BACKSLASH : '\\' -> type(BACKSLASH), pushMode(INSTR) ;
START_BACKTICK  : '`'  -> type(BACKTICK), pushMode(INSTR) ;

fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ;
fragment E : [eE] ; fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ;
fragment I : [iI] ; fragment K : [kK] ; fragment L : [lL] ; fragment M : [mM] ;
fragment N : [nN] ; fragment O : [oO] ; fragment P : [pP] ; fragment R : [rR] ;
fragment S : [sS] ; fragment T : [tT] ; fragment U : [uU] ; fragment V : [vV] ;
fragment W : [wW] ; fragment X : [xX] ; fragment Y : [yY] ;

// ---- INSTR: the rest of an instruction line --------------------------------------------------
mode INSTR;

// Everything up to an escape candidate or the end of the line, blanks included: the builder
// splits words itself, exactly as BuildKit's line parsers do on the joined logical line.
TEXT      : ~[\n\\`]+ ;
BACKSLASH : '\\' ;
BACKTICK  : '`' ;
// Ends the instruction unless the subclass turned the preceding escape into LINE_CONT.
NEWLINE   : '\n' ;

// ---- CONT: the start of a continuation line --------------------------------------------------
mode CONT;

// BuildKit drops comment lines and whitespace-only lines inside a continuation.
CONT_COMMENT : [ \t\f\u000B\r]* '#' ~[\n]* '\n'? ;
CONT_EMPTY   : [ \t\f\u000B\r]* '\n' ;
// Otherwise the line's text, leading blanks kept, joins the logical line.
CONT_TEXT    : [ \t\f\u000B\r]* ~[ \t\f\u000B\r\n#\\`] ~[\n\\`]* -> type(TEXT), mode(INSTR) ;
CONT_WS      : [ \t\f\u000B\r]+ -> type(TEXT), mode(INSTR) ;
CONT_BACKSLASH : '\\' -> type(BACKSLASH), mode(INSTR) ;
CONT_BACKTICK  : '`'  -> type(BACKTICK), mode(INSTR) ;
