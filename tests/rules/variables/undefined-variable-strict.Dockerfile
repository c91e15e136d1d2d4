# test-options: undefined-variable.strict-base-env=true
FROM golang:1.22
# With strict-base-env, names the base image might define are reported too.
# expect: undefined-variable ~ "'$GOPATH'"
WORKDIR $GOPATH/src
# expect: undefined-variable ~ "'$SIGNAL'"
STOPSIGNAL $SIGNAL
