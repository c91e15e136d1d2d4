# test-options: label-superfluous.strict-labels=true
# test-options: label-superfluous.required-labels=maintainer,org.example.version:semver
FROM alpine:3.20
LABEL "maintainer"=jane org.example.version=1.0.0
# Not looked at inside ONBUILD.
ONBUILD LABEL another=1
