# No EXPOSE in the produced image: a batch job or CLI, not a service.
FROM alpine:3.20 AS server
EXPOSE 8080
FROM alpine:3.20
CMD ["/bin/true"]
