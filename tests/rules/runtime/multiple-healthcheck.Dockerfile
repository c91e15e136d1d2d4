FROM nginx:1.27 AS web
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
# HEALTHCHECK NONE counts as a HEALTHCHECK too.
# expect: multiple-healthcheck@1 ~ "`HEALTHCHECK` overrides the `HEALTHCHECK` on line 2"
HEALTHCHECK NONE
# expect: multiple-healthcheck ~ "on line 5"
healthcheck --interval=10s CMD ["curl", "-f", "http://localhost/health"]
