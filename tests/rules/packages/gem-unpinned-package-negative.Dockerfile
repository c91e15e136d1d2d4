# `<gem>:<version>`, or a version option for the whole command.
FROM ruby:3.3-slim
RUN gem install bundler:2.5.16 rake:13.2.1 "json:$JSON_VERSION" && gem i nokogiri:1.16.7
RUN gem install bundler -v 2.5.16 && gem install bundler --version '2.5.16' \
 && gem install bundler --version=2.5.16 && gem install github-pages -v "$PAGES_VERSION"
# What follows `--` goes to the gem's build.
RUN gem install bundler:2.5.16 -- --use-system-libraries true && gem install pg:1.5.7 -- pg
# The word after an option is taken as its value, as hadolint does.
RUN gem install --no-document fpm && gem install bundler:2.5.16 --use-system-libraries true
# Not `gem install`, or not literally `gem`.
RUN gem update --system && gem list && gem uninstall rails && bundle install
RUN sudo gem install rails && /usr/local/bin/gem install rails && echo gem install rails
# Scripts of `sh -c` strings and of heredocs fed to a shell are not read, as in hadolint.
RUN sh -c "gem install rails"
RUN bash <<EOF
gem install rails
EOF
RUN ["/bin/sh", "-c", "gem install rails"]
# A comment inside a continuation is not a command.
RUN gem install \
# gem install rails
      rails:7.1.3
# A powershell SHELL does not run sh.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN gem install rails
