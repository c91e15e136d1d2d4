# expect: unused-stage@6 ~ "stage #0 is never used by the target stage #3"
FROM golang:1.22
RUN go build -o /out/app .

FROM golang:1.22 AS build
RUN go build -o /out/app .

# Used only by a stage that is itself unused.
# expect: unused-stage@6 ~ "stage #2 is never used by the target stage #3"
from alpine:3.20
COPY --from=build /out/app /app

FROM alpine:3.20
COPY --from=build /out/app /app
