FROM alpine:3.20
ARG PREFIX
ENV PREFIX=/usr PREFIX_BIN=$PREFIX/bin
ENV HOME_DIR=/home/app
ENV HOME_DIR=/root HOME_LIB=$HOME_DIR/lib
# Only ${NAME} and $NAME followed by a non-name character are recognised.
ENV C=1 D=${C:-0} E=$CC
ENV SELF=$SELF:x
ENV SINGLE=1
ONBUILD ENV O=1 P=$O
