FROM node:22-alpine
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
# expect: package-manager-as-pid1@5 ~ "`npm start` runs as PID 1 and does not forward SIGTERM to the app"
CMD ["npm", "start"]
