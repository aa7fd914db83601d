using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class ChangeClassificationTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);
    private readonly SlaSteps _sla = new(app);

    private Task<ComplaintView> LogMediumAsync(TestUser agent) =>
        _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with { Severity = Severity.Medium });

    [Fact]
    public async Task A_higher_severity_replaces_the_running_deadlines_with_the_new_cells_counted_from_the_same_start()
    {
        var agent = await app.CreateAgentAsync();
        var monday = _sla.ToMondayAtFivePmInTaipei();
        var complaint = await LogMediumAsync(agent);
        var old = await _sla.ClocksAsync(complaint.Id);
        Assert.Equal([SlaClockKind.Acknowledge, SlaClockKind.Resolve, SlaClockKind.Regulatory], old.Select(c => c.Kind).Order());
        app.Clock.Advance(TimeSpan.FromHours(1));

        var view = await _steps.SendAsync(agent, new ChangeClassificationCommand
        {
            ComplaintId = complaint.Id, Severity = Severity.High, Category = Category.Codes.ProductQuality,
        });

        var now = app.Clock.GetUtcNow();
        var clocks = await _sla.ClocksAsync(complaint.Id);
        Assert.All(clocks.Where(c => old.Any(o => o.Id == c.Id)), c =>
        {
            Assert.Equal(SlaClockState.Cancelled, c.State);
            Assert.Equal(now, c.StoppedAt);
            Assert.Null(c.NextCheckAt);
        });
        var fresh = clocks.Where(c => old.All(o => o.Id != c.Id)).ToDictionary(c => c.Kind);
        Assert.Equal([SlaClockKind.Acknowledge, SlaClockKind.Resolve, SlaClockKind.Regulatory], fresh.Keys.Order());
        Assert.All(fresh.Values, c =>
        {
            Assert.Equal(SlaClockState.Running, c.State);
            Assert.Equal(monday, c.StartedAt);
        });
        // High: acknowledge within 4 business hours (Monday 17:00 → Tuesday 12:00 in Taipei), warning at 75 % = 3 h
        // (Tuesday 11:00); resolve within 24 (Thursday 17:00); the regulatory 15 calendar days do not change.
        Assert.Equal(TimeSpan.FromHours(4), fresh[SlaClockKind.Acknowledge].Allowed);
        Assert.Equal(monday.AddHours(19), fresh[SlaClockKind.Acknowledge].DueAt);
        Assert.Equal(monday.AddHours(18), fresh[SlaClockKind.Acknowledge].WarnAt);
        Assert.Equal(TimeSpan.FromHours(24), fresh[SlaClockKind.Resolve].Allowed);
        Assert.Equal(monday.AddDays(3), fresh[SlaClockKind.Resolve].DueAt);
        Assert.Equal(monday.AddDays(15), fresh[SlaClockKind.Regulatory].DueAt);
        Assert.True(fresh.Values.All(c => c.Business == (c.Kind != SlaClockKind.Regulatory)));

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(Severity.High, stored.Severity);
        Assert.Equal(monday.AddHours(19), stored.NextDueAt);
        Assert.Equal(monday.AddHours(18), stored.NextWarnAt);
        var changed = ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.ClassificationChanged, null, null,
            Visibility.Internal, agent, now);
        Assert.Equal("severity Medium → High", changed.Text);
        Assert.Equal(Severity.High, view.Severity);
        Assert.Equal(6, view.SlaClocks.Count);
        Assert.Equal(3, view.SlaClocks.Count(c => c.State == SlaClockState.Cancelled));
    }

    [Fact]
    public async Task A_paused_resolve_clock_is_recomputed_and_stays_paused()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogMediumAsync(agent);
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Receipt?" });
        var pausedSince = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        await _steps.SendAsync(agent, new ChangeClassificationCommand { ComplaintId = complaint.Id, Severity = Severity.Low, Category = Category.Codes.ProductQuality });

        var resolve = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal(SlaClockState.Paused, resolve.State);
        Assert.Equal(pausedSince, resolve.PausedSince);
        Assert.Equal(TimeSpan.FromHours(80), resolve.Allowed); // low: ten business days
        var calendar = await _sla.OfficeHoursAsync();
        Assert.Equal(calendar.Add(resolve.StartedAt, TimeSpan.FromHours(80)), resolve.DueAt);
    }

    [Fact]
    public async Task A_new_category_is_recorded_and_the_deadlines_are_worked_out_again()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogMediumAsync(agent);
        var old = await _sla.ClocksAsync(complaint.Id);

        await _steps.SendAsync(agent, new ChangeClassificationCommand { ComplaintId = complaint.Id, Severity = Severity.High, Category = Category.Codes.Logistics });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(Category.Codes.Logistics, stored.CategoryCode);
        Assert.Equal("severity Medium → High; category productQuality → logistics", (await _steps.EventsAsync(complaint.Id))[^1].Text);
        Assert.Equal(3, (await _sla.ClocksAsync(complaint.Id)).Count(c => c.IsOpen && old.All(o => o.Id != c.Id)));
    }

    [Fact]
    public async Task The_classification_the_case_already_has_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogMediumAsync(agent);
        var clocks = await _sla.ClocksAsync(complaint.Id);
        var before = await _steps.SnapshotAsync(complaint.Id);

        var view = await _steps.SendAsync(agent, new ChangeClassificationCommand
        {
            ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, Severity = Severity.Medium, Category = Category.Codes.ProductQuality,
        });

        Assert.Equal(before, await _steps.SnapshotAsync(complaint.Id));
        Assert.Equal(clocks.Select(c => (c.Id, c.State)), (await _sla.ClocksAsync(complaint.Id)).Select(c => (c.Id, c.State)));
        Assert.Equal(complaint.Version, view.Version);
    }

    [Fact]
    public async Task A_breached_deadline_stays_breached_when_the_severity_changes()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogMediumAsync(agent);
        var acknowledge = await _sla.OpenAsync(complaint.Id, SlaClockKind.Acknowledge);
        app.Clock.SetUtcNow(acknowledge.DueAt);
        await app.SweepAsync(); // breached, and escalated automatically

        await _steps.SendAsync(agent, new ChangeClassificationCommand { ComplaintId = complaint.Id, Severity = Severity.Low, Category = Category.Codes.ProductQuality });

        var clocks = await _sla.ClocksAsync(complaint.Id);
        var stillOwed = Assert.Single(clocks, c => c.Kind == SlaClockKind.Acknowledge && c.IsOpen);
        Assert.Equal(acknowledge.Id, stillOwed.Id);
        Assert.Equal(SlaClockState.Breached, stillOwed.State);
        Assert.True((await _steps.StoredAsync(complaint.Id)).Overdue);
    }

    [Theory]
    [InlineData("noSuchCategory")]
    [InlineData("")]
    public async Task An_unknown_category_is_refused(string category)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogMediumAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ChangeClassificationCommand.Category), () => _steps.SendAsync(agent,
            new ChangeClassificationCommand { ComplaintId = complaint.Id, Severity = Severity.High, Category = category }));
    }

    [Fact]
    public async Task A_severity_is_required()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogMediumAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ChangeClassificationCommand.Severity), () => _steps.SendAsync(agent,
            new ChangeClassificationCommand { ComplaintId = complaint.Id, Category = Category.Codes.Billing }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ChangeClassificationCommand.Severity), () => _steps.SendAsync(agent,
            new ChangeClassificationCommand { ComplaintId = complaint.Id, Severity = (Severity)42, Category = Category.Codes.Billing }));
    }

    [Fact]
    public async Task A_retired_category_cannot_be_chosen_but_a_case_keeps_its_own_when_its_severity_changes()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var code = "retiring" + Guid.NewGuid().ToString("N")[..8];
        await app.SendAsync<CategoryOption>(admin.Actor, new AddCategoryCommand { Code = code, Name = $"Retiring {code}" });
        var onRetired = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with { Category = code, Severity = Severity.Medium });
        var other = await LogMediumAsync(agent);
        await app.SendAsync<CategoryOption>(admin.Actor, new UpdateCategoryCommand { Code = code, Retired = true });

        await _steps.RefusedOnFieldAsync(other.Id, nameof(ChangeClassificationCommand.Category), () => _steps.SendAsync(agent,
            new ChangeClassificationCommand { ComplaintId = other.Id, Severity = Severity.Medium, Category = code }));
        var view = await _steps.SendAsync(agent, new ChangeClassificationCommand { ComplaintId = onRetired.Id, Severity = Severity.High, Category = code });

        Assert.Equal(Severity.High, view.Severity);
        Assert.Equal(code, view.Category);
    }

    [Theory]
    [InlineData(ComplaintState.Closed)]
    [InlineData(ComplaintState.FollowUp)]
    public async Task A_closed_case_keeps_its_classification(ComplaintState state)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(state, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _steps.SendAsync(agent,
            new ChangeClassificationCommand { ComplaintId = complaint.Id, Severity = Severity.Critical, Category = Category.Codes.ProductQuality }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
        Assert.DoesNotContain("changeClassification", (await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id))).AllowedActions);
    }

    [Fact]
    public async Task An_admin_may_not_change_it_a_stale_version_conflicts_and_an_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await LogMediumAsync(agent);
        await app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand { ComplaintId = complaint.Id, Body = "Moved on.", Visibility = Visibility.Internal });

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _steps.SendAsync(admin,
            new ChangeClassificationCommand { ComplaintId = complaint.Id, Severity = Severity.High, Category = Category.Codes.ProductQuality }));
        await _steps.RefusedAsync<ConcurrencyConflictException>(complaint.Id, () => _steps.SendAsync(agent,
            new ChangeClassificationCommand { ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, Severity = Severity.High, Category = Category.Codes.ProductQuality }));
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync(agent,
            new ChangeClassificationCommand { ComplaintId = Guid.NewGuid(), Severity = Severity.High, Category = Category.Codes.ProductQuality }));
    }
}
