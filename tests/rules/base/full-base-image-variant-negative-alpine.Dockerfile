FROM node:22-alpine3.20 AS a
FROM eclipse-temurin:21-jre
