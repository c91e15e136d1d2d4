# An init forwards signals; build stages and other npm commands are not PID 1.
FROM node:22-alpine AS build
CMD ["npm", "start"]
FROM node:22-alpine
RUN npm start
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["npm", "start"]
