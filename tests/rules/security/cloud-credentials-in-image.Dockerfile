FROM python:3.12 AS base
ARG AWS_SECRET_ACCESS_KEY
# expect: cloud-credentials-in-image@5 ~ "`aws configure set aws_secret_access_key` stores a cloud credential in the image; mount it with `RUN --mount=type=secret` for the commands that need it instead"
RUN aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY"
# expect: cloud-credentials-in-image@27 ~ "`aws configure set profile.dev.aws_access_key_id`"
RUN pip install awscli && aws configure set profile.dev.aws_access_key_id AKIAEXAMPLE
# expect: cloud-credentials-in-image@5 ~ "`gcloud auth activate-service-account`"
RUN gcloud auth activate-service-account --key-file=/tmp/key.json
# A continuation with a comment line inside.
RUN set -e \
# log in to run the deployment
# expect: cloud-credentials-in-image@5 ~ "`az login -p`"
 && az login --service-principal -u "$AZ_APP" -p "$AZ_SECRET" --tenant example.onmicrosoft.com
# expect: cloud-credentials-in-image@10 ~ "`doctl auth init -t`"
RUN sudo doctl auth init -t "$DO_TOKEN"
# expect: cloud-credentials-in-image@13 ~ "`aws configure import`"
ONBUILD RUN aws configure import --csv file:///tmp/credentials.csv
# The last stage builds FROM `base`, so its layers are in the image.
FROM base
# expect: cloud-credentials-in-image@5 ~ "`gcloud auth login --cred-file`"
RUN gcloud auth login --cred-file=/tmp/cred.json
