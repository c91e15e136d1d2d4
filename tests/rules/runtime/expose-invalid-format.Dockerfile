FROM nginx:1.27
# expect: expose-invalid-format@8 ~ "'8080:80' maps host port 8080; `EXPOSE` only declares container ports"
# expect-fix: 80
# expect: expose-invalid-format@16 ~ "'127.0.0.1:8443:443/tcp' names IP address 127.0.0.1"
# expect-fix: 443/tcp
EXPOSE 8080:80 127.0.0.1:8443:443/tcp
# expect: expose-invalid-format ~ "names IP address [::1]"
# expect-fix: 5000-5001
expose [::1]:5000-5001:5000-5001
ARG HOST_PORT=9090
# Produced by a variable: reported at the word, without a fix.
# expect: expose-invalid-format@8 ~ "'9090:9090' maps host port 9090"
EXPOSE ${HOST_PORT}:9090
# Not a valid IP address: reported (the check runs first), but BuildKit then fails; no fix.
# expect: expose-invalid-format ~ "names IP address 999.0.0.1"
EXPOSE 999.0.0.1:80:80
