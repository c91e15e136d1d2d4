# expect: from-as-casing@18 ~ "'as' does not match the case of 'FROM'; write 'AS'"
# expect-fix: AS
FROM golang:1.22 as build
# expect: from-as-casing ~ "'AS' does not match the case of 'from'; write 'as'"
# expect-fix: as
from alpine:3.20 AS final
# expect: from-as-casing
# expect-fix: AS
FROM --platform=$BUILDPLATFORM alpine:3.20 As tools
# expect: from-as-casing
# expect-fix: as
from alpine:3.20 \
  aS cont
