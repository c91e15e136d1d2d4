FROM ubuntu:24.04
# expect: user-password-set@30 ~ "`chpasswd` bakes a login password into the image; provide credentials at run time instead"
RUN echo 'root:screencast' | chpasswd
# expect: user-password-set@57
RUN useradd -m app && echo "app:${APP_PASSWORD}" | sudo chpasswd -e
# expect: user-password-set@5
RUN chpasswd < /tmp/users.txt && rm /tmp/users.txt
# A continuation with a comment line inside.
RUN useradd -m dev \
# give it a password
# expect: user-password-set@25 ~ "`passwd` reading the password from its input"
 && printf 'pw\npw\n' | passwd dev
# expect: user-password-set@5 ~ "`passwd --stdin`"
RUN passwd --stdin app <<< 'secret'
# expect: user-password-set@16 ~ "`useradd -p`"
RUN useradd -m -p '$6$salt$hash' app2
# expect: user-password-set@13 ~ "`usermod --password`"
RUN usermod --password "$(openssl passwd -1 secret)" app2
# expect: user-password-set@21
RUN <<EOF
set -e
echo 'app:secret' | chpasswd
EOF
FROM ubuntu:24.04 AS base
# expect: user-password-set@38
ONBUILD RUN echo "root:${ROOT_PW}" | chpasswd
