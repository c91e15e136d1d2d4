# expect: toolchain-final-image ~ "`dotnet publish` on line 4); compile in a builder stage and copy the result onto `mcr.microsoft.com/dotnet/aspnet`"
FROM mcr.microsoft.com/dotnet/sdk:8.0
COPY . /src
RUN ["dotnet", "publish", "/src/app.csproj", "-c", "Release", "-o", "/out"]
ENTRYPOINT ["dotnet", "/out/app.dll"]
