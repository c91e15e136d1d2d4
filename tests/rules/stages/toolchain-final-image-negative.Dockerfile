# The usual multi-stage build: the produced stage is a runtime image.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /app .

FROM maven:3.9-eclipse-temurin-21 AS jar
RUN mvn -B package

FROM gcr.io/distroless/static-debian12
COPY --from=build /app /app
CMD ["/app"]
