FROM scratch AS base
# From scratch, every undefined name is reported.
# expect: undefined-variable@11 ~ "undefined variable '$NOPE'"
ENV VALUE=$NOPE
ARG VERSION=1.0
# expect: undefined-variable ~ "undefined variable '$VERSON'; did you mean '$VERSION'?"
LABEL version=${VERSON}
ARG USER_ID
# expect: undefined-variable ~ "'$DEST'"
COPY --chown=$USER_ID app/ ${DEST}/
# expect: undefined-variable ~ "'$CACHE_DIR'"
RUN --mount=type=cache,target=$CACHE_DIR make
# expect: undefined-variable ~ "'$NAME'"
COPY <<EOF /etc/motd
hello $NAME
EOF
FROM alpine:3.20
# Outside scratch stages, a name declared elsewhere in the file is reported (here: a later ARG).
# expect: undefined-variable ~ "'$LATER'"
WORKDIR /srv/$LATER
ARG LATER=x
# ... and so is a typo of a visible name.
ENV APP_HOME=/srv
# expect: undefined-variable ~ "did you mean '$APP_HOME'?"
VOLUME ["$APP_HOEM/data"]
