FROM alpine:3.20
# expect: empty-continuation-line ~ "empty continuation line in 'RUN' instruction"
RUN apk add \

    curl
# expect: empty-continuation-line ~ "2 empty continuation lines"
RUN echo a \
    
    b \
	
    c
# expect: empty-continuation-line
ONBUILD RUN a \

    b
