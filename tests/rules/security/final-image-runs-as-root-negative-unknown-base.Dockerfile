# A base image the knowledge base does not know may set its own USER (Bitnami's run as 1001).
FROM bitnami/nginx:1.27
COPY site /app
