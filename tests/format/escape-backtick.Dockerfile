# escape=`

from mcr.microsoft.com/windows/servercore:ltsc2022
run powershell -Command `
      $ErrorActionPreference = 'Stop'; `
      Write-Host hello
workdir C:\app
copy  app.exe  C:\app\
