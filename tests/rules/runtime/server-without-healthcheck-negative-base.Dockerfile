# The base image declares a HEALTHCHECK, which the image inherits, even when the image starts a
# server of its own.
FROM gitlab/gitlab-ce:17.5.1-ce.0
COPY gitlab.rb /etc/gitlab/gitlab.rb
CMD ["nginx", "-g", "daemon off;"]
