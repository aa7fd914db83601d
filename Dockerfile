# syntax=docker/dockerfile:1

# --- build: restore (cached while no project file changes), then publish the web app ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ComplaintDesk.Domain/ComplaintDesk.Domain.csproj src/ComplaintDesk.Domain/
COPY src/ComplaintDesk.Application/ComplaintDesk.Application.csproj src/ComplaintDesk.Application/
COPY src/ComplaintDesk.Web/ComplaintDesk.Web.csproj src/ComplaintDesk.Web/
RUN dotnet restore src/ComplaintDesk.Web/ComplaintDesk.Web.csproj
COPY src/ src/
RUN dotnet publish src/ComplaintDesk.Web/ComplaintDesk.Web.csproj \
        --configuration Release --no-restore --output /app -p:UseAppHost=false

# --- runtime: ASP.NET Core only, as the image's unprivileged "app" user ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=true \
    DOTNET_CLI_TELEMETRY_OPTOUT=true
COPY --from=build /app ./
# Evidence files live here (a volume in docker-compose.yml), owned by the app user.
RUN mkdir -p /var/lib/complaintdesk/evidence && chown $APP_UID /var/lib/complaintdesk/evidence
USER $APP_UID
EXPOSE 8080
# Needs ConnectionStrings__ComplaintDesk; migrations are applied at start (Database__MigrateOnStartup=false turns that off).
# Health: GET /health/live (process) and /health/ready (database reachable, migrations applied).
ENTRYPOINT ["dotnet", "ComplaintDesk.Web.dll"]
