using System.Text.Json;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record CustomerSummary(Guid Id, string Name, string? Email, string? Phone, string PreferredLanguage);

/// <summary>The complaint resource, as the API returns it and the case page shows it.</summary>
public sealed record ComplaintView(
    Guid Id,
    string Reference,
    ComplaintState State,
    Severity Severity,
    string Category,
    Channel Channel,
    string Subject,
    string Description,
    CustomerSummary Customer,
    string? OrderReference,
    string? ProductName,
    DateOnly? PurchaseDate,
    DateOnly? IncidentDate,
    string? ProductUsage,
    DesiredResolution? DesiredResolution,
    string? DesiredResolutionText,
    string? OwnerId,
    string? OwnerName,
    int EscalationLevel,
    bool RiskFlag,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClosedAt,
    ResolutionOutcome? Outcome,
    string? ResolutionSummary,
    int? SatisfactionScore,
    IReadOnlyList<string> AllowedActions,
    uint Version)
{
    public static ComplaintView From(Complaint c, Actor actor, DateTimeOffset now, LifecycleSettings settings) => new(
        c.Id, c.Reference, c.State, c.Severity, c.CategoryCode, c.Channel, c.Subject, c.Description,
        new CustomerSummary(c.Customer.Id, c.Customer.Name, c.Customer.Email, c.Customer.Phone, c.Customer.PreferredLanguage),
        c.OrderReference, c.ProductName, c.PurchaseDate, c.IncidentDate, c.ProductUsage, c.DesiredResolution,
        c.DesiredResolutionText, c.OwnerId, c.OwnerName, c.EscalationLevel, c.RiskFlag, c.ReceivedAt, c.AcknowledgedAt, c.ClosedAt,
        c.Outcome, c.ResolutionSummary, c.SatisfactionScore, ComplaintActions.For(c, actor, now, settings), c.Version);

    public bool Allows(string action) => AllowedActions.Contains(action);
}

/// <summary>Action names as the API and the pages know them: the lifecycle triggers plus assign and addNote.</summary>
public static class ComplaintActions
{
    public const string Assign = "assign";
    public const string AddNote = "addNote";

    public static string Name(ComplaintTrigger trigger) => CamelCase(trigger.ToString());

    public static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    public static IReadOnlyList<string> For(Complaint complaint, Actor actor, DateTimeOffset now, LifecycleSettings settings)
    {
        var actions = complaint.AllowedTriggers(actor, now, settings).Select(Name).ToList();
        if (complaint.CanBeAssignedBy(actor))
        {
            actions.Add(Assign);
        }
        if (actor.Is(Party.Agent | Party.Supervisor))
        {
            actions.Add(AddNote);
        }
        return actions;
    }
}
