namespace ComplaintDesk.Web.Api;

/// <summary>SLA policies and business calendars (administrators).</summary>
public static class SlaAdminEndpoints
{
    public static IEndpointRouteBuilder MapSlaAdminEndpoints(this IEndpointRouteBuilder app) => app;
}
