using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Severity = ComplaintDesk.Domain.Complaints.Severity;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

/// <summary>What a refused command must leave exactly as it was: the row (its xmin), the state and the timeline.</summary>
public sealed record ComplaintSnapshot(
    ComplaintState State, uint Version, int Events, string? OwnerId, int EscalationLevel,
    DateTimeOffset? AcknowledgedAt, DateTimeOffset? ClosedAt, DateTimeOffset LastChangedAt);

/// <summary>Slice-test steps: send commands through the app's ISender and read back what PostgreSQL stored.</summary>
public sealed class ComplaintSteps(ComplaintDeskApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static LogComplaintCommand NewComplaint(string subject = "Kettle stopped working", string? email = null, string? phone = null,
        string name = "Ann Customer") => new()
    {
        Customer = new CustomerInput { Name = name, Email = email ?? $"ann.{Guid.NewGuid():N}@example.test", Phone = phone },
        Channel = Channel.Email,
        Category = Category.Codes.ProductQuality,
        Severity = Severity.High,
        Subject = subject,
        Description = "It stopped heating after two days.",
    };

    public Task<ComplaintView> LogAsync(TestUser by, LogComplaintCommand? command = null) =>
        app.SendAsync<ComplaintView>(by.Actor, command ?? NewComplaint());

    public Task<ComplaintView> SendAsync(TestUser by, ICommand<ComplaintView> command) =>
        app.SendAsync<ComplaintView>(by.Actor, command);

    /// <summary>A fresh complaint brought to <paramref name="state"/> along the table's moves.</summary>
    public async Task<ComplaintView> InStateAsync(ComplaintState state, TestUser agent)
    {
        var complaint = await LogAsync(agent);
        var id = complaint.Id;
        if (state == ComplaintState.Received)
        {
            return complaint;
        }
        complaint = await SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = id });
        if (state == ComplaintState.Acknowledged)
        {
            return complaint;
        }
        complaint = await SendAsync(agent, new StartResolvingCommand { ComplaintId = id });
        switch (state)
        {
            case ComplaintState.Resolving:
                return complaint;
            case ComplaintState.Escalated:
                return await SendAsync(agent, new EscalateComplaintCommand { ComplaintId = id, Reason = "Customer threatens to go to the media." });
        }
        complaint = await SendAsync(agent, new ResolveComplaintCommand
        {
            ComplaintId = id, Summary = "Replacement kettle sent.", Outcome = ResolutionOutcome.Upheld,
        });
        if (state == ComplaintState.Closed)
        {
            return complaint;
        }
        return await SendAsync(agent, new StartFollowUpCommand { ComplaintId = id });
    }

    public Task<Complaint> StoredAsync(Guid id) =>
        app.QueryDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Customer).SingleAsync(c => c.Id == id, Ct));

    /// <summary>The timeline as stored, in the order it was written.</summary>
    public Task<List<TimelineEvent>> EventsAsync(Guid id) =>
        app.QueryDbAsync(db => db.TimelineEvents.AsNoTracking().Where(e => e.ComplaintId == id).OrderBy(e => e.Id).ToListAsync(Ct));

    public async Task<ComplaintSnapshot> SnapshotAsync(Guid id)
    {
        var complaint = await StoredAsync(id);
        var events = await app.QueryDbAsync(db => db.TimelineEvents.CountAsync(e => e.ComplaintId == id, Ct));
        return new ComplaintSnapshot(complaint.State, complaint.Version, events, complaint.OwnerId, complaint.EscalationLevel,
            complaint.AcknowledgedAt, complaint.ClosedAt, complaint.LastChangedAt);
    }

    /// <summary>Runs a command that must be refused with <typeparamref name="TException"/>, and checks it changed nothing.</summary>
    public async Task<TException> RefusedAsync<TException>(Guid id, Func<Task> act) where TException : Exception
    {
        var before = await SnapshotAsync(id);
        var refusal = await Assert.ThrowsAsync<TException>(act);
        Assert.Equal(before, await SnapshotAsync(id));
        return refusal;
    }

    /// <summary>A validation refusal that names <paramref name="property"/> and leaves the complaint untouched.</summary>
    public async Task RefusedOnFieldAsync(Guid id, string property, Func<Task> act)
    {
        var refusal = await RefusedAsync<ValidationException>(id, act);
        Assert.Contains(refusal.Errors, e => e.PropertyName == property);
    }

    /// <summary>The last event must be <paramref name="kind"/>, written by <paramref name="actor"/>, with the given move and visibility.</summary>
    public static TimelineEvent AssertEvent(TimelineEvent e, TimelineEventKind kind, ComplaintState? from, ComplaintState? to,
        Visibility visibility, TestUser actor, DateTimeOffset at)
    {
        Assert.Equal(kind, e.Kind);
        Assert.Equal(from, e.From);
        Assert.Equal(to, e.To);
        Assert.Equal(visibility, e.Visibility);
        Assert.Equal(actor.Id, e.ActorId);
        Assert.Equal(actor.DisplayName, e.ActorName);
        Assert.Equal(at, e.At);
        return e;
    }
}
