namespace ComplaintDesk.Web.Api;

/// <summary>At-risk clocks (staff) and the escalation desk (supervisors).</summary>
public static class SlaDeskEndpoints
{
    public static IEndpointRouteBuilder MapSlaDeskEndpoints(this IEndpointRouteBuilder app) => app;
}
