FROM alpine:3.20
RUN echo "keep   \
   these blanks" && echo 'and  \
   these' \
   && echo done
RUN echo "# not a comment" \
      && true # a comment with 'quote \
      still the comment
ENV MSG="two  spaces" \
   OTHER=x
