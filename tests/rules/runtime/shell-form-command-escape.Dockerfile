# escape=`
FROM alpine:3.20
# A backtick continuation in lowercase: the joined command is rewritten on one line.
# expect: shell-form-command@12
# expect-fix[unsafe]: ["/app/server", "--listen", "0.0.0.0:8080"]
entrypoint /app/server `
    --listen 0.0.0.0:8080
# A backslash is not the escape character here, but the shell still reads it: no fix.
# expect: shell-form-command
CMD C:\app\run.exe
