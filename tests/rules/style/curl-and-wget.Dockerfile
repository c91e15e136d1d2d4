FROM debian:12 AS build
RUN curl -fsSLo /tmp/a https://example.com/a
# expect: curl-and-wget@5 ~ "this stage also uses `curl` (line 2); use one of `curl` and `wget`"
RUN wget -q -O /tmp/b https://example.com/b
# Once both are used, every RUN using either is reported; a RUN without them is not.
RUN echo done
# expect: curl-and-wget@18 ~ "this stage also uses `wget` (line 4)"
RUN test -f x || curl -fsSL https://example.com/c | sh
# Each FROM starts over; both in one RUN, in a substitution and after a continuation.
FROM debian:12
# expect: curl-and-wget@13 ~ "this `RUN` uses both `curl` and `wget`; use one of them"
RUN echo "$(curl -fsSL https://example.com/v)" \
# a comment
 && wget -q https://example.com/d
# In a heredoc, and after `exec`.
FROM debian:12
RUN <<EOF
curl -fsSLO https://example.com/e
EOF
# expect: curl-and-wget@10 ~ "this stage also uses `curl`"
run exec wget -q https://example.com/f
# ONBUILD triggers are counted on their own, across the whole file.
ONBUILD RUN wget -q https://example.com/g
FROM debian:12
# expect: curl-and-wget@13 ~ "an `ONBUILD` trigger also uses `wget` (line 23)"
ONBUILD RUN curl -fsSLO https://example.com/h
