FROM node:20
  onbuild   copy  . /app
ONBUILD   run npm ci
healthcheck --interval=30s   cmd curl -f http://localhost/ || exit 1
stopsignal SIGTERM
