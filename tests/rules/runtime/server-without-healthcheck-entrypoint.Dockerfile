# The server may be the CMD of a wrapper ENTRYPOINT, in a parent stage, behind exec/gosu.
FROM nginx:1.27 AS web
COPY site/ /usr/share/nginx/html/
FROM web
ENTRYPOINT ["/docker-entrypoint.sh"]
# expect: server-without-healthcheck ~ "`nginx`"
CMD exec gosu www-data nginx -g 'daemon off;'
