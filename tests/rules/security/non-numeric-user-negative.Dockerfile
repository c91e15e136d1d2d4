# Numeric UIDs (the group is not checked), or an ARG whose value only the build knows, declared
# before the first FROM or in the stage; ONBUILD USER is not checked.
ARG UID=1000
FROM node:22-alpine
ARG GID=1000
USER 1000
USER 1000:node
USER ${UID}:${GID}
USER $UID
USER :staff
ONBUILD USER node
