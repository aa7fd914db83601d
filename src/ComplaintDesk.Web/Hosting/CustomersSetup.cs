using ComplaintDesk.Web.Api;

namespace ComplaintDesk.Web.Hosting;

/// <summary>Services and endpoints of the Customers area, kept out of Program.cs.</summary>
public static class CustomersSetup
{
    public static IServiceCollection AddCustomersArea(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication UseCustomersArea(this WebApplication app)
    {
        app.MapCustomerEndpoints();
        return app;
    }
}
