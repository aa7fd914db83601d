namespace ComplaintDesk.Web.Hosting;

/// <summary>Services and endpoints of the Evidence area, kept out of Program.cs.</summary>
public static class EvidenceSetup
{
    public static IServiceCollection AddEvidenceArea(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication UseEvidenceArea(this WebApplication app) => app;
}
