# syntax=docker/dockerfile:1   


  # build stage
from   golang:1.22 as build
workdir /src
  copy  --link --chown=1000:1000 go.mod go.sum ./
run   --mount=type=cache,target=/root/.cache/go-build \
  go build -o /out/app .   



from gcr.io/distroless/static AS final
COPY --from=build /out/app /app
user 65532
entrypoint   ["/app",   "--serve"]


