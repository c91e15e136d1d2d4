FROM alpine:3.20
# expect: invalid-label-key@7 ~ "label key 'Maintainer' does not start with a lowercase letter"
LABEL Maintainer="x"
# expect: invalid-label-key@7 ~ "reserved by Docker"
# expect: invalid-label-key@26 ~ "consecutive separators"
LABEL com.docker.thing=1 org..example=2
# expect: invalid-label-key ~ "'org.example.' does not end with"
LABEL "org.example."=3
# expect: invalid-label-key ~ "has characters other than"
LABEL org.example_key=4
# Variables are not expanded: the key starts with '$'.
# expect: invalid-label-key ~ "'$KEY'"
LABEL $KEY=5
