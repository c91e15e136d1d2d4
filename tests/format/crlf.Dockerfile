FROM alpine:3.20   


  # comment
RUN apk add --no-cache \
  curl   
cmd ["sh"]