FROM alpine:3.20
# expect: workdir-system-directory@9 ~ "WORKDIR '/proc/app' is inside the system directory '/proc/'"
WORKDIR /proc/app
# expect: workdir-system-directory ~ "'/dev/'"
WORKDIR "/dev/shm/work"
# expect: workdir-system-directory
workdir /lost+found/x
