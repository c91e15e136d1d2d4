# `node` itself as PID 1, `npm` without a script, and an ONBUILD CMD.
FROM node:22-alpine
ONBUILD CMD ["npm", "start"]
CMD ["npm", "--version"]
HEALTHCHECK CMD npm start
CMD node server.js
