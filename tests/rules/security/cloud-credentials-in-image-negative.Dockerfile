# A RUN with a secret mount; a stage that the target does not build FROM; other subcommands.
FROM python:3.12 AS builder
RUN aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY" && aws s3 cp s3://b/m /m
FROM python:3.12
COPY --from=builder /m /m
RUN --mount=type=secret,id=aws,env=AWS_SECRET_ACCESS_KEY aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY"
RUN aws configure set region eu-west-1 && aws configure get aws_access_key_id || true
RUN az login --identity && gcloud auth list && doctl auth init --context ci
RUN echo "aws configure set aws_secret_access_key x" > /tmp/howto.txt
