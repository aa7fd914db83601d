using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

/// <summary>The queue sorted by the next deadline: cases with one soonest first, then those without one, newest first.</summary>
public sealed class QueueDueSortTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);
    private readonly SlaSteps _sla = new(app);

    private static string NewTag() => "due" + Guid.NewGuid().ToString("N")[..10];

    private Task<ComplaintPage> ListAsync(TestUser user, ListComplaintsQuery query) => app.SendAsync<ComplaintPage>(user.Actor, query);

    private Task<ComplaintView> LogLaterAsync(TestUser agent, string subject, Severity severity)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        return _steps.LogAsync(agent, ComplaintSteps.NewComplaint(subject) with { Severity = severity });
    }

    private async Task CloseAsync(TestUser agent, Guid id)
    {
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = id });
        await _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = id });
        await _steps.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = id, Summary = "Refunded.", Outcome = ResolutionOutcome.Upheld });
    }

    /// <summary>The order the due sort must give, worked out from the stored rows: deadline, then (received desc) for the rest.</summary>
    private async Task<List<Guid>> ExpectedAsync(IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        var rows = await app.QueryDbAsync(db => db.Complaints.AsNoTracking().Where(c => list.Contains(c.Id))
            .Select(c => new { c.Id, c.NextDueAt, c.ReceivedAt }).ToListAsync(TestContext.Current.CancellationToken));
        return rows.Where(r => r.NextDueAt is not null).OrderBy(r => r.NextDueAt).ThenBy(r => r.ReceivedAt).Select(r => r.Id)
            .Concat(rows.Where(r => r.NextDueAt is null).OrderByDescending(r => r.ReceivedAt).Select(r => r.Id))
            .ToList();
    }

    private async Task<List<ComplaintListItem>> WalkAsync(TestUser user, ListComplaintsQuery query)
    {
        var seen = new List<ComplaintListItem>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(user, query with { Cursor = cursor });
            Assert.True(page.Items.Count <= (query.Limit ?? ListComplaintsQuery.DefaultLimit));
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            Assert.True(seen.Count <= 100, "Paging did not end.");
        }
        while (cursor is not null);
        return seen;
    }

    [Fact]
    public async Task The_soonest_deadline_comes_first_then_the_cases_without_one_and_every_page_size_walks_across_the_boundary()
    {
        var agent = await app.CreateAgentAsync();
        _sla.ToMondayAtFivePmInTaipei();
        var tag = NewTag();
        var logged = new List<ComplaintView>();
        foreach (var severity in new[] { Severity.Low, Severity.Medium, Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.High })
        {
            logged.Add(await LogLaterAsync(agent, $"Due {tag} {logged.Count}", severity));
        }
        // Closed cases owe no staff deadline; a case waiting on the customer still owes the others.
        await CloseAsync(agent, logged[1].Id);
        await CloseAsync(agent, logged[5].Id);
        await CloseAsync(agent, logged[6].Id);
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = logged[4].Id });
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = logged[4].Id, Message = "Photo?" });
        var expected = await ExpectedAsync(logged.Select(c => c.Id));
        // Four with a deadline (critical, high, low, and the waiting one on its regulatory deadline), three without.
        Assert.Equal([logged[2].Id, logged[3].Id, logged[0].Id, logged[4].Id], expected.Take(4));
        Assert.Equal([logged[6].Id, logged[5].Id, logged[1].Id], expected.Skip(4));

        foreach (var limit in new[] { 1, 2, 3, 4, 5, 7, 25 })
        {
            var seen = await WalkAsync(agent, new ListComplaintsQuery { Q = tag, Sort = QueueSort.Due, Limit = limit });

            Assert.Equal(expected, seen.Select(i => i.Id));
        }
    }

    [Fact]
    public async Task Each_row_carries_its_next_deadline_its_warning_point_and_whether_it_is_overdue()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        var late = await LogLaterAsync(agent, $"Late {tag}", Severity.Critical);
        var fine = await LogLaterAsync(agent, $"Fine {tag}", Severity.Low);
        var closed = await LogLaterAsync(agent, $"Closed {tag}", Severity.High);
        await CloseAsync(agent, closed.Id);
        var lateDue = late.NextDueAt!.Value;
        app.Clock.SetUtcNow(lateDue.AddMinutes(1));
        await app.SweepAsync();

        var items = (await ListAsync(agent, new ListComplaintsQuery { Q = tag, Sort = QueueSort.Due })).Items;

        Assert.Equal([late.Id, fine.Id, closed.Id], items.Select(i => i.Id));
        var stored = await app.QueryDbAsync(db => db.Complaints.AsNoTracking().Where(c => c.Subject.Contains(tag))
            .ToDictionaryAsync(c => c.Id, TestContext.Current.CancellationToken));
        Assert.All(items, i =>
        {
            Assert.Equal(stored[i.Id].NextDueAt, i.NextDueAt);
            Assert.Equal(stored[i.Id].NextWarnAt, i.AtRiskFrom);
            Assert.Equal(stored[i.Id].Overdue, i.Overdue);
        });
        var lateItem = items[0];
        Assert.True(lateItem.Overdue); // breached by the sweeper, and still owed
        Assert.Equal(lateDue, lateItem.NextDueAt);
        Assert.Equal(ComplaintState.Escalated, lateItem.State);
        Assert.False(items[1].Overdue);
        Assert.True(items[1].AtRiskFrom > app.Clock.GetUtcNow());
        Assert.Null(items[2].NextDueAt);
        Assert.Null(items[2].AtRiskFrom);
    }

    [Fact]
    public async Task A_due_cursor_belongs_to_the_due_sort_only()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        var first = await LogLaterAsync(agent, $"Cursor {tag} 1", Severity.Medium);
        var second = await LogLaterAsync(agent, $"Cursor {tag} 2", Severity.Medium);
        await CloseAsync(agent, second.Id);
        var dueCursor = (await ListAsync(agent, new ListComplaintsQuery { Q = tag, Sort = QueueSort.Due, Limit = 1 })).NextCursor;
        var newestCursor = (await ListAsync(agent, new ListComplaintsQuery { Q = tag, Limit = 1 })).NextCursor;
        Assert.NotNull(dueCursor);
        Assert.NotNull(newestCursor);

        var wrongForNewest = await Assert.ThrowsAsync<ValidationException>(() => ListAsync(agent, new ListComplaintsQuery { Q = tag, Cursor = dueCursor }));
        var wrongForDue = await Assert.ThrowsAsync<ValidationException>(() => ListAsync(agent, new ListComplaintsQuery { Q = tag, Sort = QueueSort.Due, Cursor = newestCursor }));

        Assert.Contains(wrongForNewest.Errors, e => e.PropertyName == nameof(ListComplaintsQuery.Cursor));
        Assert.Contains(wrongForDue.Errors, e => e.PropertyName == nameof(ListComplaintsQuery.Cursor));
        Assert.Equal([second.Id], (await ListAsync(agent, new ListComplaintsQuery { Q = tag, Sort = QueueSort.Due, Cursor = dueCursor })).Items.Select(i => i.Id));
        Assert.Equal(first.Id, (await ListAsync(agent, new ListComplaintsQuery { Q = tag, Sort = QueueSort.Due, Limit = 1 })).Items.Single().Id);
    }

    [Fact]
    public async Task The_due_sort_keeps_the_view_and_filters()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        var open = await LogLaterAsync(agent, $"View {tag} open", Severity.High);
        var closed = await LogLaterAsync(agent, $"View {tag} closed", Severity.High);
        await CloseAsync(agent, closed.Id);

        Assert.Equal([open.Id], (await ListAsync(agent, new ListComplaintsQuery { Q = tag, Sort = QueueSort.Due, View = QueueView.Open })).Items.Select(i => i.Id));
        Assert.Equal([closed.Id], (await ListAsync(agent, new ListComplaintsQuery { Q = tag, Sort = QueueSort.Due, View = QueueView.Closed })).Items.Select(i => i.Id));
    }
}
