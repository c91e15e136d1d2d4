FROM debian:12
# expect: apt-dist-upgrade@23 ~ "`apt-get dist-upgrade` may install and remove packages of the base image; change the base image to move to a new release"
RUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*
# full-upgrade, apt and aptitude, wrappers and options, `sh -c` and heredocs.
# expect: apt-dist-upgrade@10 ~ "`apt-get full-upgrade`"
# expect: apt-dist-upgrade@37 ~ "`apt full-upgrade`"
# expect: apt-dist-upgrade@58 ~ "`apt dist-upgrade`"
RUN sudo apt-get -y full-upgrade && apt full-upgrade -y; apt dist-upgrade -y
# expect: apt-dist-upgrade@12 ~ "`aptitude full-upgrade`"
RUN sh -c 'aptitude full-upgrade -y'
# expect: apt-dist-upgrade@1
RUN <<EOF
apt-get update
apt-get -y dist-upgrade
EOF
# A continuation, a lowercase instruction and ONBUILD.
# expect: apt-dist-upgrade@5
run apt-get -y \
# everything
      dist-upgrade
# expect: apt-dist-upgrade@13
ONBUILD RUN apt-get dist-upgrade -y
