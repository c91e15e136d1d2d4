FROM alpine:3.20 AS base
# expect: inconsistent-instruction-casing@1 ~ "instruction 'run' should be uppercase"
# expect-fix: RUN
run echo hi
# expect: inconsistent-instruction-casing@1 ~ "'Copy'"
# expect-fix: COPY
Copy a /a
ENV A=1
# The ONBUILD keyword counts; the keyword of its trigger is not looked at.
ONBUILD run echo child
