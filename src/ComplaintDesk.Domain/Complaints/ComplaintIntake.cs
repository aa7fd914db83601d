namespace ComplaintDesk.Domain.Complaints;

/// <summary>What the customer told us when the complaint was logged: what happened and what they want.</summary>
public sealed record ComplaintIntake(
    Channel Channel,
    string CategoryCode,
    Severity Severity,
    string Subject,
    string Description,
    DateOnly? IncidentDate,
    string? OrderReference,
    string? ProductName,
    DateOnly? PurchaseDate,
    string? ProductUsage,
    DesiredResolution? DesiredResolution,
    string? DesiredResolutionText);

/// <summary>Settings the lifecycle's extra conditions depend on.</summary>
public sealed record LifecycleSettings(TimeSpan ReopenWindow)
{
    public static LifecycleSettings Default { get; } = new(TimeSpan.FromDays(30));
}
