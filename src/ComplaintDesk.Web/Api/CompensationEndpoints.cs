using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Web.Api;

/// <summary>
/// Offers: made on a complaint, decided by a supervisor, answered, fulfilled — the commands the case page and the
/// approvals inbox send. For those who handle cases (agents and supervisors; administrators 403); deciding and the
/// inbox are for supervisors. Only the fields of each command are read from the body: a <c>state</c>,
/// <c>approvedBy</c> or <c>version</c> sent along is ignored.
/// </summary>
public static class CompensationEndpoints
{
    private static void CaseHandler(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Agent, Roles.Supervisor);

    private static void SupervisorOnly(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Supervisor);

    public static IEndpointRouteBuilder MapCompensationEndpoints(this IEndpointRouteBuilder app)
    {
        var complaints = app.MapGroup("/api/v1/complaints").WithTags("Compensation offers").RequireAuthorization(CaseHandler);

        // {options: [{kind, amount, currency?, customerText, internalNote?}]} (one to three). Within the proposer's
        // remaining authority on the case it is offered at once, above it it awaits approval. If-Match: the complaint's ETag.
        complaints.MapPost("/{id:guid}/offers", async Task<Results<Created<OfferView>, ProblemHttpResult>> (
            Guid id, MakeOfferCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            if (!IfMatch.TryRead(http.Request, out var version))
            {
                return IfMatch.Malformed();
            }
            var offer = await sender.Send(command with { ComplaintId = id, ExpectedVersion = version }, ct);
            return TypedResults.Created($"/api/v1/complaints/{id}/offers", offer);
        }).WithName("MakeOffer");

        // The case's offers, newest first.
        complaints.MapGet("/{id:guid}/offers", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListOffersQuery(id), ct))).WithName("ListOffers");

        var offers = app.MapGroup("/api/v1/offers").WithTags("Compensation offers").RequireAuthorization(CaseHandler);

        // The approvals inbox: offers awaiting approval, oldest first (at most 200, "more" beyond).
        offers.MapGet("/pending-approval", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListPendingApprovalsQuery(), ct)))
            .RequireAuthorization(SupervisorOnly).WithName("ListPendingApprovals");

        // {approved, comment}: never by the proposer (403), only while awaiting approval (409).
        offers.MapPost("/{offerId:guid}/decision", async (Guid offerId, DecideOfferCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { OfferId = offerId }, ct)))
            .RequireAuthorization(SupervisorOnly).WithName("DecideOffer");

        // {offerVersion, optionId?, declined?, reason?}: once per offer. An answer to an older version is a 409
        // offer-version-stale problem carrying the offer as it is now (currentOffer).
        offers.MapPost("/{offerId:guid}/answer", async Task<Results<Ok<OfferView>, ProblemHttpResult>> (
            Guid offerId, AnswerOfferCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                return TypedResults.Ok(await sender.Send(command with { OfferId = offerId }, ct));
            }
            catch (ComplaintRuleException stale) when (stale.Rule == Rules.OfferVersionStale)
            {
                var problem = ApiExceptionHandler.Map(http, stale);
                problem.Extensions["currentOffer"] = await sender.Send(new GetOfferQuery(offerId), ct);
                return TypedResults.Problem(problem);
            }
        }).WithName("AnswerOffer");

        // {reference}: the accepted option was delivered.
        offers.MapPost("/{offerId:guid}/fulfil", async (Guid offerId, FulfilOfferCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { OfferId = offerId }, ct))).WithName("FulfilOffer");

        // {options: [...]}: a changed offer is a new version (the authority check runs again; any approval is gone).
        offers.MapPut("/{offerId:guid}", async (Guid offerId, ReviseOfferCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { OfferId = offerId }, ct))).WithName("ReviseOffer");

        return app;
    }
}
