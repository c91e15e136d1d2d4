# The base image declares a HEALTHCHECK (dfopt's knowledge base), which the image inherits.
FROM gitlab/gitlab-ee:17.5.1-ee.0
EXPOSE 443 80 22
