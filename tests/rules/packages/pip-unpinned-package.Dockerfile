# Each package of a `pip install` with no version operator, archive, path or VCS revision.
FROM python:3.12-slim
# expect: pip-unpinned-package@32 ~ "package 'flask' is not pinned; write 'flask==<version>'"
RUN pip install --no-cache-dir flask gunicorn==22.0.0
# pip3, pip3.12, pipx and `python -m pip`, after `;`, `||`, in a pipeline, a subshell and `$(...)`.
# expect: pip-unpinned-package ~ "package 'requests'"
# expect: pip-unpinned-package ~ "package 'black'"
# expect: pip-unpinned-package ~ "package 'httpx'"
# expect: pip-unpinned-package ~ "package 'rich'"
# expect: pip-unpinned-package ~ "package 'uvicorn'"
# expect: pip-unpinned-package ~ "package 'numpy'"
RUN true; pip3 install requests || pipx install black && yes | pip3.12 install -q httpx \
 ; (python -m pip install rich) && echo "$(python3 -m pip install --user uvicorn)" \
 && python3.12 -m pip install -U numpy
# The values of -i, --trusted-host, --target and --extra-index-url are not packages; the word
# after them is. `--index-url=URL` carries its value, so the next word is a package.
# expect: pip-unpinned-package@84 ~ "package 'scipy'"
# expect: pip-unpinned-package ~ "package 'pandas'"
RUN pip install -i https://pypi.example.com/simple --trusted-host pypi.example.com scipy \
 && pip install --index-url=https://pypi.example.com/simple pandas \
 && pip install --target /opt/lib --extra-index-url https://extra.example.com six==1.16.0
# `install` may be any argument; options may follow the packages.
# expect: pip-unpinned-package ~ "package 'attrs'"
RUN pip --disable-pip-version-check install attrs --upgrade
# A VCS URL needs an `@` revision.
# expect: pip-unpinned-package ~ "package 'git+https://github.com/pallets/click.git#egg=click' is not pinned to a revision; add '@<tag-or-commit>'"
RUN pip install git+https://github.com/pallets/click.git#egg=click
# A continuation with a comment line inside.
# expect: pip-unpinned-package@7 ~ "package 'boto3'"
RUN pip install \
# the AWS SDK
      boto3 \
      botocore==1.34.0
# Variables and substitutions count as unpinned unless the word holds a version operator.
# expect: pip-unpinned-package ~ "package '$PACKAGES' is not pinned to a version"
# expect: pip-unpinned-package ~ "package '$(cat /tmp/extra.txt)' is not pinned to a version"
RUN pip install $PACKAGES "$(cat /tmp/extra.txt)" "django==${DJANGO_VERSION}"
# A heredoc, a lowercase instruction, ONBUILD and the exec form.
# expect: pip-unpinned-package ~ "package 'pyyaml'"
RUN <<EOF
set -e
pip install pyyaml
EOF
# expect: pip-unpinned-package ~ "package 'toml'"
run pip install toml
# expect: pip-unpinned-package@40 ~ "package 'celery'"
ONBUILD RUN pip install --no-cache-dir celery
# expect: pip-unpinned-package@34 ~ "package 'redis'"
RUN ["pip", "install", "--user", "redis"]
# A name that starts like a VCS scheme is a plain package.
# expect: pip-unpinned-package ~ "package 'gitpython' is not pinned; write 'gitpython==<version>'"
RUN pip install gitpython
