FROM alpine:3.20
ARG INTERVAL=30s
HEALTHCHECK --interval=1m30s --timeout=1.5s --start-period=0 --start-interval=1ms --retries=+3 CMD ["/app/health"]
HEALTHCHECK --interval=${INTERVAL} --timeout=-0s --retries=0 CMD ["/app/health"]
HEALTHCHECK --interval=2h --timeout=100ms --start-period=.5s --retries=-0 CMD ["/app/health"]
HEALTHCHECK NONE
