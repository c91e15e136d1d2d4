FROM nginx:1.27
# expect: expose-port-out-of-range@15 ~ "port '80443' is out of range (0-65535)"
EXPOSE 80 443 80443
# expect: expose-port-out-of-range@8 ~ "port range '8000-70000' goes beyond 65535"
# expect: expose-port-out-of-range@19 ~ "port '65536/udp' is out of range"
# expect: expose-port-out-of-range@5 ~ "port '99999999999999999999999/tcp'"
expose 8000-70000 65536/udp \
    99999999999999999999999/tcp
