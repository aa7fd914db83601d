using ComplaintDesk.Application.Features.Customers;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Web.Api;

/// <summary>REST API v1 for customers: personal data, so for agents and supervisors only (administrators get 403).</summary>
public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/v1/customers")
            .WithTags("Customers")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme)
                .RequireRole(Roles.Agent, Roles.Supervisor));

        // The intake lookup: ?email=… and/or ?phone=…, matched once normalised; at most five customers.
        customers.MapGet("/", async (string? email, string? phone, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new FindCustomersQuery { Email = email, Phone = phone }, ct))).WithName("FindCustomers");

        customers.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetCustomerQuery(id), ct))).WithName("GetCustomer");

        // Supervisors only (the command refuses agents with 403): VIP customers may follow their own SLA cells.
        customers.MapPut("/{id:guid}/vip", async (Guid id, MarkCustomerVipCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { CustomerId = id }, ct))).WithName("MarkCustomerVip");

        return customers;
    }
}
