using System.Security.Claims;
using ComplaintDesk.Application.Features.Escalations;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Web.Localization;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Web.Api;

/// <summary>At-risk clocks (staff) and the escalation desk (supervisors).</summary>
public static class SlaDeskEndpoints
{
    public static IEndpointRouteBuilder MapSlaDeskEndpoints(this IEndpointRouteBuilder app)
    {
        // Open staff deadlines past their warning point or breached, soonest first; ?limit= (1–200, default 50) and
        // the nextCursor of the previous page.
        app.MapGroup("/api/v1/sla")
            .WithTags("SLA")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme)
                .RequireRole(Roles.Agent, Roles.Supervisor, Roles.Admin))
            .MapGet("/at-risk", async (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAtRiskClocksQuery { Limit = limit, Cursor = cursor }, ct)))
            .WithName("ListAtRiskClocks");

        // The supervisor's desk: the strip and the escalated cases, oldest escalation first (at most 200, "more" beyond).
        // "Breaches today" is today in ?timeZone= (an IANA id), else in the caller's own time zone (My settings).
        app.MapGroup("/api/v1/escalations")
            .WithTags("Escalations")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Supervisor))
            .MapGet("/", async (string? timeZone, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetEscalationDeskQuery
                {
                    TimeZone = string.IsNullOrWhiteSpace(timeZone) ? StaffTime.ZoneOf(user).Id : timeZone,
                }, ct)))
            .WithName("GetEscalationDesk");
        return app;
    }
}
