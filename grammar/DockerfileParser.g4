// Dockerfile parser: a file is a sequence of lines. An instruction is its keyword, the rest of
// its logical line as one ARGS token (the lexer joins physical lines at line continuations and
// drops comment and empty lines inside them, see DockerfileLexer.g4), the line ending, and for
// RUN, COPY and ADD (also inside ONBUILD) one HEREDOC token per heredoc body.
//
// Every decision is LL(1) except `line` (LL(2) on leading blanks), so SLL prediction is exact.
// The front end parses one `line` at a time over an unbuffered token stream, so memory stays
// bounded by the longest instruction, not the file.
//
// The argument text's interpretation (flags, JSON exec form with BuildKit's fallback to shell
// form, ENV/LABEL pairs, ONBUILD's inner instruction) is defined by BuildKit on the joined line
// by whole-line tests (is the text a complete JSON string array? does the first word contain
// '='?), which an LL grammar expresses poorly; the AST builder in analyzer/parse/ applies them
// and maps every value back to its source bytes.
parser grammar DockerfileParser;

options { tokenVocab = DockerfileLexer; }

dockerfile
    : line* EOF
    ;

line
    : DIRECTIVE                  # directiveLine
    | COMMENT                    # commentLine
    | BLANK                      # blankLine
    | WS? instruction            # instructionLine
    | WS                         # trailingBlanks
    ;

instruction
    : addInstr | argInstr | cmdInstr | copyInstr | entrypointInstr | envInstr | exposeInstr
    | fromInstr | healthcheckInstr | labelInstr | maintainerInstr | onbuildInstr | runInstr
    | shellInstr | stopsignalInstr | userInstr | volumeInstr | workdirInstr | otherInstr
    ;

addInstr         : ADD ARGS? end heredoc* ;
argInstr         : ARG ARGS? end ;
cmdInstr         : CMD ARGS? end ;
copyInstr        : COPY ARGS? end heredoc* ;
entrypointInstr  : ENTRYPOINT ARGS? end ;
envInstr         : ENV ARGS? end ;
exposeInstr      : EXPOSE ARGS? end ;
fromInstr        : FROM ARGS? end ;
healthcheckInstr : HEALTHCHECK ARGS? end ;
labelInstr       : LABEL ARGS? end ;
maintainerInstr  : MAINTAINER ARGS? end ;
onbuildInstr     : ONBUILD ARGS? end heredoc* ;
runInstr         : RUN ARGS? end heredoc* ;
shellInstr       : SHELL ARGS? end ;
stopsignalInstr  : STOPSIGNAL ARGS? end ;
userInstr        : USER ARGS? end ;
volumeInstr      : VOLUME ARGS? end ;
workdirInstr     : WORKDIR ARGS? end ;
// An unknown keyword, or a line whose keyword is only complete after a line continuation
// (`\` alone on the first line): the builder reads the keyword from the joined line.
otherInstr       : (WORD ARGS? | ARGS) end heredoc* ;

end
    : NEWLINE?
    ;

heredoc
    : HEREDOC
    ;
