# hadolint checks every ARG and ENV, global ARGs and ONBUILD included.
# expect: secret-name-in-arg-or-env@5 ~ "`ARG` 'GITHUB_TOKEN' may hold sensitive data"
ARG GITHUB_TOKEN
FROM python:3.13-slim
# A substring is enough: `tokenizer` contains `token`.
# expect: secret-name-in-arg-or-env@5 ~ "`ENV` 'TOKENIZER_PATH'"
ENV TOKENIZER_PATH=/models
# expect: secret-name-in-arg-or-env@13 ~ "`ARG` 'db_Password'"
ONBUILD ARG db_Password
# A known name, in any case.
# expect: secret-name-in-arg-or-env ~ "'stripe_device_name'"
env stripe_device_name=ci
