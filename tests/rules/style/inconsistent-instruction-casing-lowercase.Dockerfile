# A lowercase file: the uppercase FROM and the mixed-case ENV are the odd ones out. The global
# ARG before the first FROM is neither counted nor flagged.
ARG BASE=alpine:3.20
# expect: inconsistent-instruction-casing ~ "'FROM' should be lowercase"
# expect-fix: from
FROM $BASE
run echo hi
copy a /a
# expect: inconsistent-instruction-casing
# expect-fix: env
Env A=1
