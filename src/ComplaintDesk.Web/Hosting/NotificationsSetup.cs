namespace ComplaintDesk.Web.Hosting;

/// <summary>Services and endpoints of the Notifications area, kept out of Program.cs.</summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddNotificationsArea(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication UseNotificationsArea(this WebApplication app) => app;
}
