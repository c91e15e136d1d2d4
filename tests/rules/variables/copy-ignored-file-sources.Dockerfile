FROM alpine:3.20 AS build
# Not from the build context: another stage, a URL, a Git source, a heredoc.
COPY --from=build /src/README.md /docs/
ADD https://example.com/README.md /docs/
ADD git@github.com:acme/docs.md.git /docs/
COPY <<README.md /docs/
inline
README.md
# Not matched: the patterns are anchored to the context root.
COPY docs/README.txt src/build/x /app/
# hadolint and BuildKit do not look inside ONBUILD.
ONBUILD COPY README.md /docs/
