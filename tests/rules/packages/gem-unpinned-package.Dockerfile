# Each gem of a `gem install` with no `:<version>` and no version option.
FROM ruby:3.3-slim
# expect: gem-unpinned-package@17 ~ "gem 'bundler' is not pinned; write 'bundler:<version>'"
RUN gem install bundler rake:13.2.1
# `gem i`; after `;`, `||`, in a pipeline, a subshell and `$(...)`.
# expect: gem-unpinned-package ~ "gem 'nokogiri'"
# expect: gem-unpinned-package ~ "gem 'rails'"
# expect: gem-unpinned-package ~ "gem 'puma'"
# expect: gem-unpinned-package ~ "gem 'sidekiq'"
# expect: gem-unpinned-package ~ "gem 'thor'"
RUN true; gem i nokogiri || gem install rails && yes | gem install puma \
 ; (gem install sidekiq) && echo "$(gem install thor)"
# Options may follow the gems; `install` may be any argument.
# expect: gem-unpinned-package@24 ~ "gem 'travis'"
RUN gem --norc install travis --no-document
# A continuation with a comment line inside.
# expect: gem-unpinned-package@7 ~ "gem 'pg'"
RUN gem install \
# the PostgreSQL driver
      pg \
      mysql2:0.5.6
# Variables count as unpinned unless the word holds a `:`.
# expect: gem-unpinned-package ~ "gem '$GEM' is not pinned to a version"
RUN gem install "$GEM" "json:${JSON_VERSION}"
# A heredoc, a lowercase instruction, ONBUILD and the exec form.
# expect: gem-unpinned-package ~ "gem 'foreman'"
RUN <<EOF
set -e
gem install foreman
EOF
# expect: gem-unpinned-package ~ "gem 'rubocop'"
run gem install rubocop
# expect: gem-unpinned-package@25 ~ "gem 'rspec'"
ONBUILD RUN gem install rspec
# expect: gem-unpinned-package@24 ~ "gem 'bundler'"
RUN ["gem", "install", "bundler"]
# A local gem file needs `:<version>` too.
# expect: gem-unpinned-package ~ "gem 'pkg/app-1.0.0.gem' is not pinned with ':<version>'"
RUN gem install pkg/app-1.0.0.gem
