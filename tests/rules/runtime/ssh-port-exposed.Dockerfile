FROM ubuntu:24.04 AS sshd
# expect: ssh-port-exposed@8 ~ "port '22' (SSH) is exposed"
EXPOSE 22
FROM alpine:3.20
# expect: ssh-port-exposed@11 ~ "'22/tcp'"
# expect: ssh-port-exposed@18 ~ "'22/udp'"
expose 80 22/tcp 22/udp
