# check=skip=MaintainerDeprecated;bogus=1
# expect: invalid-pragma@1 ~ "unknown check directive key 'bogus'"
FROM alpine:3.20
# expect: invalid-pragma@1 ~ "unknown dfopt pragma"
# dfopt ingore=DF701
RUN true
# expect: invalid-pragma ~ "expected '=' after `ignore` in dfopt pragma"
# dfopt ignore DF701
RUN true
# expect: invalid-pragma ~ "unexpected text after the rule list of dfopt pragma"
# dfopt ignore=DF701 because legacy tooling reads it
MAINTAINER someone
# expect: invalid-pragma ~ "`stage ignore` in dfopt pragma is not followed by FROM"
# dfopt stage ignore=DF701
RUN true
