using ComplaintDesk.Web.Api;

namespace ComplaintDesk.Web.Hosting;

/// <summary>Endpoints of the Compensation area (offers, approvals, the ledger, the policy), kept out of Program.cs.</summary>
public static class CompensationSetup
{
    public static WebApplication UseCompensationArea(this WebApplication app)
    {
        app.MapCompensationEndpoints();
        app.MapCompensationAdminEndpoints();
        return app;
    }
}
