# Each package of `go install` and `go get`, or the program of `go run`, that is neither a local
# path nor pinned to a version other than @latest and @none.
FROM golang:1.23
# expect: go-unpinned-package@16 ~ "package 'golang.org/x/tools/gopls' is not pinned; write 'golang.org/x/tools/gopls@<version>'"
RUN go install golang.org/x/tools/gopls
# `@latest` and `@none` move.
# expect: go-unpinned-package ~ "package 'honnef.co/go/tools/cmd/staticcheck@latest' is not pinned; write 'honnef.co/go/tools/cmd/staticcheck@<version>'"
# expect: go-unpinned-package ~ "package 'github.com/spf13/cobra@none'"
RUN go install honnef.co/go/tools/cmd/staticcheck@latest && go get github.com/spf13/cobra@none
# After `;`, `||`, in a pipeline, a subshell and `$(...)`; options are skipped.
# expect: go-unpinned-package ~ "package 'github.com/go-delve/delve/cmd/dlv'"
# expect: go-unpinned-package ~ "package 'github.com/google/wire/cmd/wire'"
# expect: go-unpinned-package ~ "package 'mvdan.cc/gofumpt'"
# expect: go-unpinned-package ~ "package 'github.com/a-h/templ/cmd/templ'"
RUN true; go install -v github.com/go-delve/delve/cmd/dlv || go get -u github.com/google/wire/cmd/wire \
 && yes | go install mvdan.cc/gofumpt && echo "$(go install github.com/a-h/templ/cmd/templ)"
# `go run`: the program, not its arguments; a file needs a local path.
# expect: go-unpinned-package@12 ~ "package 'github.com/swaggo/swag/cmd/swag'"
RUN go run github.com/swaggo/swag/cmd/swag init --parseDependency
# expect: go-unpinned-package@12 ~ "'main.go' is not read as a local file; write './main.go'"
RUN go run main.go --config /etc/app.yaml
# A continuation with a comment line inside.
# expect: go-unpinned-package@7 ~ "package 'github.com/golangci/golangci-lint/cmd/golangci-lint'"
RUN go install \
# the linter
      github.com/golangci/golangci-lint/cmd/golangci-lint
# Variables count as unpinned unless the word holds an `@` version.
# expect: go-unpinned-package ~ "package '$TOOL' is not pinned to a version"
RUN go install "$TOOL" "github.com/bufbuild/buf/cmd/buf@${BUF_VERSION}"
# A heredoc, a lowercase instruction, ONBUILD and the exec form.
# expect: go-unpinned-package ~ "package 'github.com/air-verse/air'"
RUN <<EOF
set -e
go install github.com/air-verse/air
EOF
# expect: go-unpinned-package ~ "package 'github.com/securego/gosec/v2/cmd/gosec'"
run go install github.com/securego/gosec/v2/cmd/gosec
# expect: go-unpinned-package@24 ~ "package 'github.com/pressly/goose/v3/cmd/goose'"
ONBUILD RUN go install github.com/pressly/goose/v3/cmd/goose
# expect: go-unpinned-package@23 ~ "package 'github.com/sqlc-dev/sqlc/cmd/sqlc'"
RUN ["go", "install", "github.com/sqlc-dev/sqlc/cmd/sqlc"]
# An option's value written as a separate word is read as a package; `std` cannot be pinned.
# expect: go-unpinned-package@22 ~ "'netgo osusergo' is read as a package and is not pinned; if it is an option's value, join it to the option with `=`"
# expect: go-unpinned-package ~ "package pattern 'std' is not pinned to a version"
RUN go install -tags 'netgo osusergo' ./cmd/server && go install -race std
