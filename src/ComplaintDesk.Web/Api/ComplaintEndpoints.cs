using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace ComplaintDesk.Web.Api;

/// <summary>REST API v1 for complaints: each route sends exactly the command a page sends.</summary>
public static class ComplaintEndpoints
{
    public static RouteGroupBuilder MapComplaintEndpoints(this IEndpointRouteBuilder app)
    {
        var complaints = app.MapGroup("/api/v1/complaints")
            .WithTags("Complaints")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme)
                .RequireRole(Roles.Agent, Roles.Supervisor, Roles.Admin));

        complaints.MapPost("/", async Task<Created<ComplaintView>> (LogComplaintCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var complaint = await sender.Send(command, ct);
            SetETag(http, complaint);
            return TypedResults.Created($"/api/v1/complaints/{complaint.Id}", complaint);
        }).WithName("LogComplaint");

        complaints.MapGet("/", async ([AsParameters] ListComplaintsRequest request, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(request.ToQuery(), ct))).WithName("ListComplaints");

        // How many complaints each view holds under the filters; a count stops at 1000 ("capped": true beyond).
        complaints.MapGet("/counts", async ([AsParameters] CountComplaintsRequest request, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(request.ToQuery(), ct))).WithName("CountComplaints");

        complaints.MapGet("/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var complaint = await sender.Send(new GetComplaintQuery(id), ct);
            SetETag(http, complaint);
            return TypedResults.Ok(complaint);
        }).WithName("GetComplaint");

        complaints.MapGet("/{id:guid}/timeline", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetTimelineQuery(id), ct))).WithName("GetTimeline");

        MapAction<AcknowledgeComplaintCommand>(complaints, "acknowledge", bodyOptional: true);
        MapAction<StartResolvingCommand>(complaints, "start-resolving", bodyOptional: true);
        MapAction<EscalateComplaintCommand>(complaints, "escalate");
        MapAction<DecideEscalationCommand>(complaints, "escalation-decision")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Supervisor));
        MapAction<ResolveComplaintCommand>(complaints, "resolve");
        MapAction<StartFollowUpCommand>(complaints, "follow-up", bodyOptional: true);
        MapAction<ConfirmSatisfiedCommand>(complaints, "confirm-satisfied", bodyOptional: true);
        MapAction<ReopenComplaintCommand>(complaints, "reopen");
        MapAction<AssignComplaintCommand>(complaints, "assign");

        // The three that move the SLA clocks by hand: ask the customer (the resolve clock pauses), record what the
        // customer said (it resumes), correct severity or category (the deadlines are recomputed).
        MapAction<RequestInformationCommand>(complaints, "information-requests", name: "RequestInformation");
        MapAction<RecordCustomerMessageCommand>(complaints, "customer-messages", name: "RecordCustomerMessage");
        MapAction<ChangeClassificationCommand>(complaints, "classification", name: "ChangeClassification", method: HttpMethods.Put);

        complaints.MapPost("/{id:guid}/notes", async Task<Results<Created<TimelineEntry>, ProblemHttpResult>> (
            Guid id, AddNoteCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            if (!IfMatch.TryRead(http.Request, out var version))
            {
                return IfMatch.Malformed();
            }
            var entry = await sender.Send(command with { ComplaintId = id, ExpectedVersion = version }, ct);
            return TypedResults.Created($"/api/v1/complaints/{id}/timeline", entry);
        }).WithName("AddNote");

        // A public reply; with no body, the template rendered for this case is the reply. Allowed in every state.
        complaints.MapPost("/{id:guid}/replies", async Task<Results<Created<ReplyView>, ProblemHttpResult>> (
            Guid id, ReplyToComplaintCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            if (!IfMatch.TryRead(http.Request, out var version))
            {
                return IfMatch.Malformed();
            }
            var reply = await sender.Send(command with { ComplaintId = id, ExpectedVersion = version }, ct);
            return TypedResults.Created($"/api/v1/complaints/{id}/timeline", reply);
        }).WithName("ReplyToComplaint");

        // The customer's status link: a new one (the old ones stop opening; the answer, the complaint with its
        // statusLink, is the only time it can be read), or none at all.
        MapAction<IssueStatusLinkCommand>(complaints, "status-link", bodyOptional: true, name: "IssueStatusLink");
        complaints.MapDelete("/{id:guid}/status-link", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            if (!IfMatch.TryRead(http.Request, out var version))
            {
                return IfMatch.Malformed();
            }
            var complaint = await sender.Send(new RevokeStatusLinkCommand { ComplaintId = id, ExpectedVersion = version }, ct);
            SetETag(http, complaint);
            return TypedResults.NoContent();
        }).WithName("RevokeStatusLink");

        return complaints;
    }

    /// <summary>
    /// POST (or <paramref name="method"/>) /{id}/{action}: bind the command, take the id from the route and the version
    /// from If-Match, send; 200 with the resource and its new ETag.
    /// </summary>
    private static RouteHandlerBuilder MapAction<TCommand>(RouteGroupBuilder group, string action, bool bodyOptional = false,
        string? name = null, string? method = null)
        where TCommand : ComplaintCommand, ICommand<ComplaintView>, new()
    {
        async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> Handle(Guid id, TCommand? command, ISender sender, HttpContext http, CancellationToken ct)
        {
            if (!IfMatch.TryRead(http.Request, out var version))
            {
                return IfMatch.Malformed();
            }
            // `with` on the base record clones the concrete command, so this stays a TCommand.
            var target = (TCommand)((command ?? new TCommand()) with { ComplaintId = id, ExpectedVersion = version });
            var complaint = await sender.Send(target, ct);
            SetETag(http, complaint);
            if (complaint.StatusLink is not null)
            {
                http.Response.Headers.CacheControl = "no-store"; // the one answer that carries the customer's link
            }
            return TypedResults.Ok(complaint);
        }

        name ??= string.Concat(action.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        string[] methods = [method ?? HttpMethods.Post];
        return bodyOptional
            ? group.MapMethods($"/{{id:guid}}/{action}", methods, ([FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] TCommand? command, Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
                Handle(id, command, sender, http, ct)).WithName(name)
            : group.MapMethods($"/{{id:guid}}/{action}", methods, (TCommand command, Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
                Handle(id, command, sender, http, ct)).WithName(name);
    }

    private static void SetETag(HttpContext http, ComplaintView complaint) =>
        http.Response.Headers.ETag = IfMatch.ETagFor(complaint.Version);
}

/// <summary>The complaint's xmin is its ETag; If-Match carries it back so a stale write answers 412.</summary>
public static class IfMatch
{
    public static string ETagFor(uint version) => $"\"{version}\"";

    public static bool TryRead(HttpRequest request, out uint? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return true;
        }
        if (EntityTagHeaderValue.TryParse(header.Trim(), out var tag) && !tag.IsWeak
            && uint.TryParse(tag.Tag.AsSpan().Trim('"'), out var parsed))
        {
            version = parsed;
            return true;
        }
        return false;
    }

    public static ProblemHttpResult Malformed() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed, type: ProblemTypes.PreconditionFailed,
        title: Texts.Get("The complaint has changed"), detail: Texts.Get("If-Match must be an ETag this API gave out, such as \"12345\"."));
}
