# escape=`
# A Windows image: the backtick escape keeps backslashes in paths literal.
FROM mcr.microsoft.com/windows/servercore:ltsc2022

SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]

ENV APP_HOME=C:\app
WORKDIR C:\app

RUN New-Item -ItemType Directory -Path C:\app\logs | Out-Null; `
    Invoke-WebRequest -Uri https://example.com/tool.zip -OutFile C:\tool.zip; `
    Expand-Archive C:\tool.zip -DestinationPath C:\tools; `
    Remove-Item C:\tool.zip

COPY bin\ C:\app\bin\
USER ContainerUser
ENTRYPOINT ["C:\\app\\bin\\service.exe"]
