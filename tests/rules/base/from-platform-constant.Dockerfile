# expect: from-platform-constant@6 ~ "'--platform=linux/amd64' is a constant"
FROM --platform=linux/amd64 alpine:3.20 AS build
# Quotes do not make it a variable.
# expect: from-platform-constant ~ "'--platform=linux/arm64'"
FROM --platform="linux/arm64" alpine:3.20
# x86_64 is amd64, and the name mentions another architecture.
# expect: from-platform-constant
FROM --platform=linux/x86_64 alpine:3.20 AS tools-arm64
# expect: from-platform-constant
from --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022
