# Pinned versions and local paths.
FROM golang:1.23
RUN go install golang.org/x/tools/gopls@v0.16.2 "github.com/bufbuild/buf/cmd/buf@$BUF_VERSION" \
 && go get github.com/spf13/cobra@v1.8.1 && go install . && go install ./cmd/... \
 && go install /src/tools/gen && go get -u ./... && go install -ldflags "-s -w" ./cmd/server
# An option's value joined with `=` is part of the option.
RUN go install -tags=netgo -ldflags="-s -w" ./cmd/server
# The `tool` meta-package (Go 1.24) and a bare `go get`.
RUN go install tool && go get tool && go get
# `go run` of a pinned package or a local path; the program's arguments are not packages.
RUN go run github.com/swaggo/swag/cmd/swag@v1.16.3 init github.com/unpinned/arg \
 && go run ./cmd/migrate up && go run /src/main.go --flag value && go run . serve
# When a RUN contains a `go run`, its `go install` and `go get` are not checked (as hadolint).
RUN go run ./tools/gen.go && go install golang.org/x/tools/gopls
# Other go subcommands, and not literally `go`.
RUN go build -o /app ./cmd/app && go mod download && go test ./... && go vet ./...
RUN sudo go install golang.org/x/tools/gopls && /usr/local/go/bin/go install golang.org/x/tools/gopls
RUN echo go install golang.org/x/tools/gopls
# Scripts of `sh -c` strings and of heredocs fed to a shell are not read, as in hadolint.
RUN sh -c "go install golang.org/x/tools/gopls"
RUN bash <<EOF
go install golang.org/x/tools/gopls
EOF
RUN ["/bin/sh", "-c", "go install golang.org/x/tools/gopls"]
# A comment inside a continuation is not a command.
RUN go build \
# go install golang.org/x/tools/gopls
      ./...
# A powershell SHELL does not run sh.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN go install golang.org/x/tools/gopls
