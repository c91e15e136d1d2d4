FROM debian:12
# expect: apt-upgrade@23 ~ "`apt-get upgrade` upgrades the base image's packages in this layer; rebuild on an updated base image instead"
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
# Behind wrappers and options, with apt and aptitude, in `sh -c` and in heredocs.
# expect: apt-upgrade@10 ~ "`apt-get upgrade`"
# expect: apt-upgrade@67 ~ "`apt upgrade`"
RUN sudo apt-get -o Dpkg::Options::=--force-confold -y upgrade && apt --yes upgrade
# expect: apt-upgrade@12 ~ "`aptitude safe-upgrade`"
RUN sh -c 'aptitude safe-upgrade -y'
# expect: apt-upgrade@1
RUN <<EOF
apt-get update
apt-get -y upgrade
EOF
# A continuation, a lowercase instruction and ONBUILD.
# expect: apt-upgrade@5
run apt-get -y \
# everything
      upgrade
# expect: apt-upgrade@13
ONBUILD RUN apt-get upgrade -y
