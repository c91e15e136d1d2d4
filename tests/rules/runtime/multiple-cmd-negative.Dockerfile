# One CMD per stage; an ONBUILD CMD belongs to the images built from this one.
FROM alpine:3.20 AS base
CMD ["base"]
ONBUILD CMD ["for", "children"]
FROM base
CMD ["child"]
FROM alpine:3.20
RUN echo "CMD twice" && echo CMD
CMD ["last"]
