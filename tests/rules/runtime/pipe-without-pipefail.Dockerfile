FROM debian:12 AS build
# expect: pipe-without-pipefail@37 ~ "this pipe hides the failure of any command but the last"
RUN wget -O - https://example.com/x | tar -xz -C /opt
# A pipe in a substitution, after a continuation with a comment inside, and `|&`.
# expect: pipe-without-pipefail@36
RUN test -n "$(cat /etc/os-release | grep ID)" \
# a comment
    && make |& tee build.log
# expect: pipe-without-pipefail@10
RUN make |& tee build.log
# expect: pipe-without-pipefail@15
run (cd /src) | (cat)
# expect: pipe-without-pipefail@15
RUN { a; b; } | c
# expect: pipe-without-pipefail@17
RUN <<EOF
ls /
cat /etc/passwd | wc -l
EOF
# A SHELL with pipefail exempts the RUNs after it, until the next FROM.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN wget -O - https://example.com/x | tar -xz -C /opt
# hadolint resets at FROM even when the stage is built from one whose SHELL sets pipefail.
FROM build
# expect: pipe-without-pipefail@10
RUN ls / | sort
# The last SHELL counts: plain sh with pipefail is not accepted, nor is a shell found through env.
FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
SHELL ["/bin/sh", "-o", "pipefail", "-c"]
# expect: pipe-without-pipefail@10
RUN ls / | sort
SHELL ["/usr/bin/env", "bash", "-o", "pipefail", "-c"]
# expect: pipe-without-pipefail@10
RUN ls / | sort
