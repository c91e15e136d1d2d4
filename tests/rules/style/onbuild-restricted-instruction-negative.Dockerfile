FROM alpine:3.20
ONBUILD RUN echo "ONBUILD FROM alpine"
ONBUILD COPY --from=build /a /b
ONBUILD LABEL maintainer="jane@example.com"
RUN echo ONBUILD ONBUILD
