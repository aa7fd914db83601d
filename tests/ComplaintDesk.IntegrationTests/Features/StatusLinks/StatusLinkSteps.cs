using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.StatusLinks;

/// <summary>A case with its status link, as the acknowledgement hands it out; the token is the last path segment.</summary>
public sealed record LinkedCase(Guid Id, string Reference, string Link)
{
    public string Token => new Uri(Link).AbsolutePath["/s/".Length..];
    public string Path => new Uri(Link).AbsolutePath;
}

public sealed class StatusLinkSteps(ComplaintDeskApp app)
{
    public ComplaintSteps Complaints { get; } = new(app);

    /// <summary>Logged and acknowledged by <paramref name="agent"/> (the acknowledgement issues the link); Resolving when <paramref name="resolving"/>.</summary>
    public async Task<LinkedCase> AcknowledgedAsync(TestUser agent, string language = "en", string name = "Ann Customer", bool resolving = false,
        Severity severity = Severity.High)
    {
        var logged = await Complaints.LogAsync(agent, ComplaintSteps.NewComplaint(name: name) with
        {
            Severity = severity,
            Customer = new CustomerInput { Name = name, Email = $"c.{Guid.NewGuid():N}@example.test", PreferredLanguage = language },
        });
        var acknowledged = await Complaints.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = logged.Id, Message = "We are on it." });
        if (resolving)
        {
            await Complaints.SendAsync(agent, new StartResolvingCommand { ComplaintId = logged.Id });
        }
        return new LinkedCase(logged.Id, logged.Reference, acknowledged.StatusLink!);
    }

    /// <summary>Brought on from acknowledged to follow-up (resolved, then the follow-up question sent).</summary>
    public async Task<LinkedCase> InFollowUpAsync(TestUser agent, string language = "en")
    {
        var linked = await AcknowledgedAsync(agent, language, resolving: true);
        await ToFollowUpAsync(agent, linked.Id);
        return linked;
    }

    public async Task ToFollowUpAsync(TestUser agent, Guid id)
    {
        await Complaints.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = id, Summary = "Replacement sent.", Outcome = ResolutionOutcome.Upheld });
        await Complaints.SendAsync(agent, new StartFollowUpCommand { ComplaintId = id });
    }

    public Task<StatusPageView> PageAsync(string token) => app.SendAsync<StatusPageView>(Actor.System, new GetStatusPageQuery(token));
}
