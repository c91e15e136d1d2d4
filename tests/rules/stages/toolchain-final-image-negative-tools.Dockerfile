# A toolchain image that installs tools or runs tests does not compile the application
# (a development image).
FROM golang:1.22
RUN go install golang.org/x/tools/gopls@latest
RUN go test ./...
RUN echo "go build" > /notes
RUN go install github.com/go-delve/delve/cmd/dlv
RUN go get -d github.com/gogo/protobuf/protoc-gen-gogo && \
    cd /go/src/github.com/gogo/protobuf/protoc-gen-gogo && \
    go install
