# Versions, ranges, archives, paths, VCS revisions, requirements and constraints files.
FROM python:3.12-slim
RUN pip install flask==3.0.3 'alabaster>=0.7' 'attrs<24' "six!=1.15" click~=8.1 idna===3.7 \
      ./dist/app-1.0-py3-none-any.whl vendor/lib-2.0.tar.gz /src/plugin \
      git+https://github.com/pallets/click.git@8.1.7#egg=click "django==$DJANGO_VERSION"
RUN pip install -r requirements.txt && pip install --requirement requirements-dev.txt
RUN pip install . && pip install -e . && pip install --editable git+https://github.com/a/b.git
RUN pip install pykafka -c constraints.txt && pip install requests --constraint https://example.com/c.txt
# The values of options that take one are not packages.
RUN pip install --index-url https://user:pass@pypi.example.com/simple --extra-index-url \
      https://extra.example.com/simple --trusted-host pypi.example.com -t /opt/lib six==1.16.0
RUN pip install --prefix /opt/app --root /staging --src /tmp/src --platform manylinux2014_x86_64 \
      --python-version 3.12 --implementation cp --abi cp312 --only-binary :all: numpy==2.0.0
RUN pipx install --python "$(which python3)" "poetry==1.8.5"
# As in hadolint, the word after an option that takes a value is dropped unless the option has
# an `=`, even when the value is attached (`-t/opt/lib`).
RUN pip install -t/opt/lib requests
# `--` ends pip's options; it is not a package.
RUN pip install -- flask==3.0.3
# Not `pip install`: another subcommand, pipenv, no package at all, a plain argument.
RUN pip download flask && pip uninstall -y flask && pip3 show requests && pip install
RUN pipenv install requests && pipenv run python setup.py install && python -m venv install
RUN python -m pip list && python setup.py install && easy_install flask
# The command name is the literal first word.
RUN sudo pip install flask && /usr/local/bin/pip install flask && $PIP install flask
RUN echo pip install flask && printf '%s\n' "pip install flask"
# Scripts of `sh -c` strings and of heredocs fed to a shell are not read, as in hadolint.
RUN sh -c "pip install flask" && bash -c 'pip install requests'
RUN bash <<EOF
pip install flask
EOF
RUN ["/bin/sh", "-c", "pip install flask"]
# A comment inside a continuation is not a command.
RUN pip install \
# pip install flask
      flask==3.0.3
# A python heredoc is not sh.
RUN <<EOF
#!/usr/bin/env python3
import subprocess
subprocess.run(["pip", "install", "flask"])
EOF
# A powershell SHELL does not run sh.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN pip install flask
