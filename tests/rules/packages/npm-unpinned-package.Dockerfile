# Each package of an `npm install <package>` with no version, tag or commit.
FROM node:22-alpine
# expect: npm-unpinned-package@26 ~ "package 'pm2' is not pinned; write 'pm2@<version>'"
RUN npm install --global pm2 nodemon@3.1.4
# Scoped packages; after `;`, `||`, in a pipeline, a subshell and `$(...)`.
# expect: npm-unpinned-package ~ "package '@angular/cli' is not pinned; write '@angular/cli@<version>'"
# expect: npm-unpinned-package ~ "package 'typescript'"
# expect: npm-unpinned-package ~ "package 'eslint'"
# expect: npm-unpinned-package ~ "package 'prettier'"
# expect: npm-unpinned-package ~ "package 'serve'"
RUN true; npm install -g @angular/cli || npm install typescript && yes | npm install eslint \
 ; (npm install -D prettier) && echo "$(npm install serve)"
# The values of --loglevel and --registry are skipped; `--registry=URL` carries its value.
# expect: npm-unpinned-package@71 ~ "package 'express'"
# expect: npm-unpinned-package ~ "package 'lodash'"
RUN npm install --loglevel verbose --registry https://npm.example.com express \
 && npm install --registry=https://npm.example.com lodash
# git URLs need a commit or tag after `#`.
# expect: npm-unpinned-package ~ "package 'git+https://github.com/npm/cli.git' is not pinned to a commit; add '#<commit-or-tag>'"
RUN npm install git+https://github.com/npm/cli.git
# A continuation with a comment line inside.
# expect: npm-unpinned-package@7 ~ "package 'sharp'"
RUN npm install \
# image processing
      sharp \
      --save-exact
# Variables count as unpinned unless the word holds an `@` after its name.
# expect: npm-unpinned-package ~ "package '$PACKAGE' is not pinned to a version"
RUN npm install "$PACKAGE" "react@${REACT_VERSION}"
# A heredoc, a lowercase instruction, ONBUILD and the exec form.
# expect: npm-unpinned-package ~ "package 'yarn'"
RUN <<EOF
set -e
npm install -g yarn
EOF
# expect: npm-unpinned-package ~ "package 'pnpm'"
run npm install -g pnpm
# expect: npm-unpinned-package@34 ~ "package 'http-server'"
ONBUILD RUN npm install --global http-server
# expect: npm-unpinned-package@24 ~ "package 'dotenv'"
RUN ["npm", "install", "dotenv"]
