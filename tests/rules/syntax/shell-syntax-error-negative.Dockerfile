# Valid sh, bash extensions Dockerfiles use, exec form, and scripts of other interpreters.
FROM alpine:3.20
RUN if [ -f /etc/alpine-release ]; then apk add --no-cache curl; fi
RUN for f in a b; do echo "$f"; done && case x in x) echo x ;; esac
RUN [[ -n "$HOME" ]] && arr=(a b c) && echo "${arr[1]}" $'tab\there' <<< "in" &> /dev/null
RUN echo "multi \
    line" && { echo group; } && (echo sub) && echo $((1 + 2)) `date`
RUN ["sh", "-c", "echo ok"]
RUN <<EOF
set -e
echo "heredoc body"
EOF
RUN python3 <<EOF
print("not (sh"
EOF
CMD ["/bin/sh", "-c", "echo ok"]
HEALTHCHECK NONE
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN if ($true) { Write-Output "ok" }
