ARG BASE=alpine:3.20
FROM $BASE
ARG USER_ID
ARG A=1 B=$A
ENV HOME_DIR=/home/app PATH=$PATH:/opt/bin
# Shell-form commands, exec-form arguments, EXPOSE and HEALTHCHECK are not checked.
RUN echo $UNDEFINED_IN_SHELL
CMD ["echo", "$UNDEFINED_IN_EXEC"]
EXPOSE $PORT
HEALTHCHECK CMD curl -f http://localhost:$PORT/
USER $USER_ID
WORKDIR $HOME_DIR
# The base image may define it (e.g. GOPATH in golang): not reported outside scratch stages.
COPY src $GOPATH/src/
COPY <<'EOF' /etc/quoted
$NOT_EXPANDED
EOF
ONBUILD ENV X=$ONBUILD_ONLY
FROM scratch
ARG BASE
COPY --from=0 /etc/os-release /$BASE/
