# expect: full-base-image-variant@6 ~ "'node:20-bookworm' is the full image (about 350-450 MB); 'node:20-slim'"
FROM node:20-bookworm
CMD ["node", "server.js"]
