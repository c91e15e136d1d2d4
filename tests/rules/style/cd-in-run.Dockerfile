FROM golang:1.23 AS build
WORKDIR /go
COPY . /src
# A later RUN depends on the working directory: the fix restores it after the RUN.
# expect: cd-in-run@5 ~ "use `WORKDIR /src` instead of `cd /src` to switch to a directory"
RUN cd /src && go build -o /out/app .
RUN go env GOPATH
# An absolute WORKDIR follows before anything depends on the directory: nothing to restore.
# expect: cd-in-run@5
RUN cd /src/cmd && \
    go vet ./...
WORKDIR /out
# Flags stay on the RUN; a lowercase RUN gets a lowercase WORKDIR.
# expect: cd-in-run@44
run --mount=type=cache,target=/root/.cache cd /src && go test ./...
COPY config.yaml /etc/app/
WORKDIR /
# Not the first command, a relative path, `cd -` later, an `||` after it: reported, no fix.
# expect: cd-in-run@24 ~ "use `WORKDIR` instead of `cd` to switch to a directory"
RUN go mod download && cd /src && make
# expect: cd-in-run@5 ~ "use `WORKDIR` instead"
RUN cd src && make
# expect: cd-in-run@5 ~ "use `WORKDIR` instead"
# expect: cd-in-run@24 ~ "use `WORKDIR` instead"
RUN cd /src && make && cd - && ls
# expect: cd-in-run@5 ~ "use `WORKDIR` instead"
RUN cd /src || exit 1
# In a subshell, a substitution, a heredoc, an exec-form RUN.
# expect: cd-in-run@6
# expect: cd-in-run@34
RUN (cd /src && make) && echo "$(cd /tmp && pwd)"
# expect: cd-in-run@1
RUN <<EOF
cd /src
make
EOF
# expect: cd-in-run@6
RUN ["cd", "/src"]
# hadolint (through ShellCheck) names the command after `builtin`, `command` or `exec`.
# expect: cd-in-run@5 ~ "use `WORKDIR` instead"
# expect: cd-in-run@24 ~ "use `WORKDIR` instead"
RUN builtin cd /src && command cd /tmp
# A stage that no later stage uses as its base: its working directory does not matter after it.
FROM debian:12
# expect: cd-in-run@5 ~ "use `WORKDIR /opt` instead"
RUN cd /opt && ls
# A stage that starts from scratch works in `/`.
FROM scratch
COPY --from=build /out/app /app
# expect: cd-in-run@5 ~ "use `WORKDIR /etc` instead of `cd /etc`"
RUN cd /etc && ls
CMD ["/app"]
