FROM alpine:3.20
# The ignore file re-includes a file with '!', so BuildKit (and dfopt) do not check at all.
COPY README.md /docs/
COPY notes.txt /docs/
