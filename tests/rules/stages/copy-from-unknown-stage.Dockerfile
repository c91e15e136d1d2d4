FROM golang:1.22 AS builder
RUN go build -o /out/app .

FROM alpine:3.20
# expect: copy-from-unknown-stage@6 ~ "'--from=buidler' does not name a previous stage; did you mean 'builder'?"
COPY --from=buidler /out/app /app
# Not a stage: an image, and one without a tag.
# expect: copy-from-unknown-stage ~ "; BuildKit would pull an image called 'nginx'"
COPY --from=nginx /etc/nginx/nginx.conf /etc/nginx/
# Two FROMs so far: indexes 0 and 1 exist.
# expect: copy-from-unknown-stage ~ "'--from=2' does not name a previous stage; there are only 2 stages so far"
COPY --from=2 /x /x
# expect: copy-from-unknown-stage ~ "stage 'later' is defined later, on line 16"
copy --from=later /x /x

FROM alpine:3.20 AS later
# Names compare as written, like hadolint (BuildKit would accept this one).
# expect: copy-from-unknown-stage ~ "did you mean 'builder'?"
COPY --from=Builder /out/app /app
# expect: copy-from-unknown-stage ~ "'--from=$STAGE' does not name a previous stage; BuildKit does not expand variables in --from"
COPY --from=$STAGE /x /x
# expect: copy-from-unknown-stage ~ "'--from=' does not name a previous stage; the value is empty"
COPY --from= /x /x
