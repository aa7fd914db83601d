using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Web.Api;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ComplaintDesk.Web.Hosting;

/// <summary>Services and endpoints of the Notifications area, kept out of Program.cs.</summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddNotificationsArea(this IServiceCollection services, IConfiguration configuration)
    {
        // The DbContext takes every registered interceptor: notifications commit with the change that causes them.
        services.AddScoped<ISaveChangesInterceptor, NotificationInterceptor>();
        return services;
    }

    public static WebApplication UseNotificationsArea(this WebApplication app)
    {
        app.MapNotificationEndpoints();
        return app;
    }
}
