namespace ComplaintDesk.Web.Api;

/// <summary>Offers: made on a complaint, decided by a supervisor, answered, fulfilled.</summary>
public static class CompensationEndpoints
{
    public static IEndpointRouteBuilder MapCompensationEndpoints(this IEndpointRouteBuilder app) => app;
}
