FROM golang:1.23 AS build
RUN useradd --uid 10001 app
USER app
RUN go build -o /out/app ./cmd/app

# expect: final-image-runs-as-root@6 ~ "it starts from `scratch` and sets no `USER`"
from scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
