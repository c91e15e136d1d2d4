# expect: toolchain-final-image@6 ~ "the final image is the toolchain image 'golang:1.22' and compiles in place (`go build` on line 5); compile in a builder stage and copy the result onto `gcr.io/distroless/static-debian12` (about 1-3 MB instead of about 250-350 MB)"
FROM golang:1.22
WORKDIR /src
COPY . .
RUN go mod download && CGO_ENABLED=0 go build -o /app .
CMD ["/app"]
