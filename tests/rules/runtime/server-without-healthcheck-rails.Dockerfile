FROM ruby:3.3-slim
# expect: server-without-healthcheck ~ "`rails server`"
CMD ["bundle", "exec", "rails", "server", "-b", "0.0.0.0"]
