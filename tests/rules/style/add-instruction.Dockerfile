FROM alpine:3.20
# expect: add-instruction@1 ~ "`ADD` instruction"
ADD https://example.com/tool.tar.gz /opt/
# expect: add-instruction
add app /app
