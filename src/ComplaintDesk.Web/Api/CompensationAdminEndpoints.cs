namespace ComplaintDesk.Web.Api;

/// <summary>The compensation ledger and policy.</summary>
public static class CompensationAdminEndpoints
{
    public static IEndpointRouteBuilder MapCompensationAdminEndpoints(this IEndpointRouteBuilder app) => app;
}
