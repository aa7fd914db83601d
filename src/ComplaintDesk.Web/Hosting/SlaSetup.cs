using ComplaintDesk.Web.Api;

namespace ComplaintDesk.Web.Hosting;

/// <summary>Services and endpoints of the SLA area (policies, calendars, clocks, the escalation desk), kept out of Program.cs.</summary>
public static class SlaSetup
{
    public static IServiceCollection AddSlaArea(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Sla:Sweeper").Get<SlaSweeperOptions>() ?? new SlaSweeperOptions();
        services.AddSingleton(options);
        if (options.Enabled)
        {
            services.AddHostedService<SlaSweeperService>();
        }
        return services;
    }

    public static WebApplication UseSlaArea(this WebApplication app)
    {
        app.MapSlaAdminEndpoints();
        app.MapSlaDeskEndpoints();
        return app;
    }
}
