FROM debian:12
RUN apt-get update
# Comment lines in between do not matter; blank lines are removed by the fix.

# expect: consecutive-run@1 ~ "`RUN` right after the `RUN` on line 2 adds a layer; merge the two with `&&`"
RUN apt-get install -y --no-install-recommends ca-certificates
# A series: each RUN is merged with the one before it.
# expect: consecutive-run@1 ~ "the `RUN` on line 6"
RUN update-ca-certificates
# expect: consecutive-run@1
run \
    rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Same mounts, options in another order.
RUN --mount=type=cache,target=/root/.cache,sharing=locked pip download -d /wheels flask
# expect: consecutive-run@1
RUN --mount=sharing=locked,target=/root/.cache,type=cache pip install --no-index -f /wheels flask
# Tests and arithmetic are not commands; a RUN without commands counts as one with few.
RUN [ -d /app ] && mkdir -p /app/data
# expect: consecutive-run@1
RUN A=1
# A `#` inside quotes is no comment.
COPY . .
RUN echo "# generated" > /etc/motd
# expect: consecutive-run@1
RUN make
# Only a fix where the first RUN can be joined: not after a comment in the script, a compound
# command, a `cd`, or an exec-form RUN.
COPY . .
RUN make # build it
# expect: consecutive-run@1
RUN make install
COPY . .
RUN if [ -f Makefile ]; then make; fi
# expect: consecutive-run@1
RUN make install
COPY . .
RUN cd /app
# expect: consecutive-run@1
RUN make
COPY . .
RUN ["make"]
# expect: consecutive-run@1
RUN make install
