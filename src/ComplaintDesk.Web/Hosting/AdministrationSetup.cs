namespace ComplaintDesk.Web.Hosting;

/// <summary>Services and endpoints of the Administration area, kept out of Program.cs.</summary>
public static class AdministrationSetup
{
    public static IServiceCollection AddAdministrationArea(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication UseAdministrationArea(this WebApplication app) => app;
}
