FROM coredns/coredns:1.11.3
# expect: expose-protocol-casing@11 ~ "protocol 'UDP' of port '53/UDP' is not lowercase; write 'udp'"
# expect-fix: udp
# expect: expose-protocol-casing@32 ~ "'Sctp'"
# expect-fix: sctp
EXPOSE 53/UDP 53/tcp 9000-9001/Sctp
# A host mapping does not change where the protocol is.
# expect: expose-protocol-casing@16
# expect-fix: tcp
EXPOSE 8080:80/TCP
ARG PROTO=Tcp
# The protocol comes from a variable: reported at the word, without a fix.
# expect: expose-protocol-casing@8 ~ "protocol 'Tcp' of port '8080/Tcp'"
EXPOSE 8080/${PROTO}
