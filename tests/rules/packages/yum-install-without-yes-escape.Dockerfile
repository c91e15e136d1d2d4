# escape=`
# A backtick escape and a line continuation between the command and its subcommand.
FROM centos:7
# expect: yum-install-without-yes@5 ~ "`yum install`"
# expect-fix: install -y
RUN yum `
    install httpd `
    && yum clean all
