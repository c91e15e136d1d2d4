# Ambiguous commands are not recognised as servers.
FROM node:22-alpine AS node
CMD ["npm", "start"]
FROM node AS node-server
CMD ["node", "server.js"]
FROM eclipse-temurin:21-jre AS java
CMD ["java", "-jar", "/app.jar"]
# A build stage that runs a server is not the produced image.
FROM nginx:1.27 AS build-only
CMD ["nginx", "-g", "daemon off;"]
FROM python:3.13-slim
RUN echo gunicorn
CMD ["python", "-m", "pip", "list"]
