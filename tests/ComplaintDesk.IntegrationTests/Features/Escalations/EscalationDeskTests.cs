using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Escalations;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Compensation;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Escalations;

/// <summary>Shared steps of the escalation desk's tests.</summary>
internal static class DeskSteps
{
    public static Task<EscalationDesk> DeskAsync(this ComplaintDeskApp app, TestUser supervisor, string? timeZone = null) =>
        app.SendAsync<EscalationDesk>(supervisor.Actor, new GetEscalationDeskQuery { TimeZone = timeZone });

    public static Task<ComplaintView> LogCriticalAsync(this ComplaintSteps steps, TestUser agent, string subject) =>
        steps.LogAsync(agent, ComplaintSteps.NewComplaint(subject) with { Severity = Severity.Critical });

    public static Task<ComplaintView> EscalateAsync(this ComplaintSteps steps, TestUser agent, Guid id, string reason) =>
        steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = id, Reason = reason });

    /// <summary>The case's open escalation-decision clock as stored.</summary>
    public static Task<SlaClock> DecisionClockAsync(this ComplaintDeskApp app, Guid id) =>
        app.QueryDbAsync(db => db.SlaClocks.AsNoTracking()
            .SingleAsync(c => c.ComplaintId == id && c.Kind == SlaClockKind.EscalationDecision && c.StoppedAt == null,
                TestContext.Current.CancellationToken));
}

/// <summary>
/// The supervisors' escalation desk: escalated cases oldest escalation first, each with the reason and time of its last
/// escalation, how long it waited, its decision deadline, its customer and its open offers. Tests of this class share a
/// database, so each looks only at its own cases.
/// </summary>
public sealed class EscalationDeskTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);
    private readonly OfferSteps _offers = new(app);

    [Fact]
    public async Task Escalated_cases_come_oldest_escalation_first_with_reason_waiting_time_decision_deadline_customer_and_open_offers()
    {
        var agent = await app.CreateAgentAsync("Desk Agent");
        var supervisor = await app.CreateSupervisorAsync();
        var email = $"repeat.{Guid.NewGuid():N}@example.test";
        await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("An earlier complaint", email: email, name: "Rita Repeat"));
        var loggedFirst = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("Logged first, escalated second", email: email, name: "Rita Repeat"));
        var loggedSecond = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("Logged second, escalated first"));
        var notEscalated = await _steps.LogAsync(agent);

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await _steps.EscalateAsync(agent, loggedSecond.Id, "Customer threatens legal action.");
        var secondEscalatedAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await _steps.EscalateAsync(agent, loggedFirst.Id, "Refund above my authority.");
        var firstEscalatedAt = app.Clock.GetUtcNow();
        // Open offers: one above the agent's authority (to a supervisor), and one to the customer after a declined one.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var awaiting = await _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = loggedFirst.Id,
            Options = [OfferSteps.Option(200m, text: "Part of the price back."), OfferSteps.Option(1500m, CompensationKind.Replacement, text: "A new kettle.")],
        });
        var awaitingAt = app.Clock.GetUtcNow();
        var declined = await _offers.MakeAsync(agent, loggedSecond.Id, 300m);
        await _offers.DeclineAsync(agent, declined);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var offered = await _offers.MakeAsync(agent, loggedSecond.Id, 400m);
        var offeredAt = app.Clock.GetUtcNow();
        var answerBy = (await _offers.StoredAsync(offered.Id)).AnswerBy;
        Assert.Equal((OfferState.AwaitingApproval, OfferState.Offered), (awaiting.State, offered.State));
        Assert.NotNull(answerBy);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var desk = await app.DeskAsync(supervisor);

        var mine = desk.Cases.Where(c => c.Id == loggedFirst.Id || c.Id == loggedSecond.Id || c.Id == notEscalated.Id).ToList();
        Assert.Equal([loggedSecond.Id, loggedFirst.Id], mine.Select(c => c.Id));
        Assert.False(desk.More);
        Assert.Equal(desk.Cases.OrderBy(c => c.EscalatedAt).ThenBy(c => c.Id).Select(c => c.Id), desk.Cases.Select(c => c.Id));

        var first = mine[0];
        Assert.Equal((loggedSecond.Reference, "Logged second, escalated first", Severity.High, "productQuality", 1),
            (first.Reference, first.Subject, first.Severity, first.Category, first.EscalationLevel));
        Assert.Equal(("Customer threatens legal action.", "Desk Agent", (DateTimeOffset?)secondEscalatedAt, 35),
            (first.Reason, first.EscalatedBy, first.EscalatedAt, first.WaitedMinutes));
        var clock = await app.DecisionClockAsync(loggedSecond.Id);
        Assert.Equal(new DecisionDeadline(clock.DueAt, SlaClockState.Running, null), first.Decision);
        Assert.True(first.Decision!.DueAt > secondEscalatedAt);
        Assert.Equal((await _steps.StoredAsync(loggedSecond.Id)).Version, first.Version);
        Assert.Equal([new PendingOffer(offered.Id, "We refund part of the price.", 400m, false, offeredAt, answerBy)], first.PendingOffers);

        var second = mine[1];
        Assert.Equal(("Refund above my authority.", (DateTimeOffset?)firstEscalatedAt, 15), (second.Reason, second.EscalatedAt, second.WaitedMinutes));
        Assert.Equal(new EscalationCustomer(loggedFirst.Customer.Id, "Rita Repeat", 2, 0m), second.Customer);
        Assert.Equal([new PendingOffer(awaiting.Id, "Part of the price back. / A new kettle.", 1500m, true, awaitingAt, null)], second.PendingOffers);
        Assert.Equal(OfferSteps.Currency, desk.Currency);
        Assert.Equal(((string?)null, (string?)null), (second.OwnerId, second.OwnerName)); // logged and escalated without an owner
    }

    [Fact]
    public async Task A_case_escalated_again_shows_its_last_escalation()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await _steps.SendAsync(supervisor, new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = false, Comment = "Offer the standard refund." });
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await _steps.EscalateAsync(agent, complaint.Id, "The customer refused the standard refund.");
        var escalatedAt = app.Clock.GetUtcNow();

        var item = Assert.Single((await app.DeskAsync(supervisor)).Cases, c => c.Id == complaint.Id);

        Assert.Equal(("The customer refused the standard refund.", (DateTimeOffset?)escalatedAt, 2), (item.Reason, item.EscalatedAt, item.EscalationLevel));
        var clock = await app.DecisionClockAsync(complaint.Id);
        Assert.Equal(escalatedAt, clock.StartedAt);
        Assert.Equal(clock.DueAt, item.Decision!.DueAt);
    }

    [Fact]
    public async Task An_automatic_escalation_reads_as_an_SLA_breach_by_the_system_and_a_missed_decision_shows_breached()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.LogCriticalAsync(agent, "Nobody acknowledged it");
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await app.SweepAsync();
        var sweptAt = app.Clock.GetUtcNow();

        var item = Assert.Single((await app.DeskAsync(supervisor)).Cases, c => c.Id == complaint.Id);
        Assert.Equal(("SLA breach: the acknowledge deadline passed", "System", (DateTimeOffset?)sweptAt),
            (item.Reason, item.EscalatedBy, item.EscalatedAt));
        Assert.Equal(new DecisionDeadline(sweptAt.AddHours(2), SlaClockState.Running, null), item.Decision); // critical: 2 h, around the clock

        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.SweepAsync();

        item = Assert.Single((await app.DeskAsync(supervisor)).Cases, c => c.Id == complaint.Id);
        Assert.Equal(new DecisionDeadline(sweptAt.AddHours(2), SlaClockState.Breached, sweptAt.AddHours(2)), item.Decision);
        Assert.Equal(120, item.WaitedMinutes);
    }

    [Fact]
    public async Task A_decided_or_closed_case_leaves_the_desk()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var approved = await _steps.InStateAsync(ComplaintState.Escalated, agent);
        var closed = await _steps.InStateAsync(ComplaintState.Escalated, agent);
        Assert.Equal(2, (await app.DeskAsync(supervisor)).Cases.Count(c => c.Id == approved.Id || c.Id == closed.Id));

        await _steps.SendAsync(supervisor, new DecideEscalationCommand { ComplaintId = approved.Id, Approved = true, Comment = "Go ahead." });
        await _steps.SendAsync(supervisor, new ResolveComplaintCommand
        {
            ComplaintId = closed.Id, Summary = "Refunded by the supervisor.", Outcome = ResolutionOutcome.Upheld,
        });

        Assert.DoesNotContain((await app.DeskAsync(supervisor)).Cases, c => c.Id == approved.Id || c.Id == closed.Id);
    }

    [Fact]
    public async Task Only_supervisors_see_the_desk()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);

        await Assert.ThrowsAsync<ActionForbiddenException>(() => app.DeskAsync(agent));
        await Assert.ThrowsAsync<ActionForbiddenException>(() => app.DeskAsync(admin));
    }

    [Fact]
    public async Task The_time_zone_must_be_one_we_know()
    {
        var supervisor = await app.CreateSupervisorAsync();

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => app.DeskAsync(supervisor, "Mars/Olympus_Mons"));

        Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(GetEscalationDeskQuery.TimeZone));
        Assert.NotNull(await app.DeskAsync(supervisor, "Europe/London"));
    }
}

/// <summary>
/// The dashboard strip on a database of its own, so every number is exact. The clock starts on Monday 2026-11-02 at
/// 09:00 UTC (17:00 in Taipei); critical cases: acknowledge within 1 h, resolve within 24 h, decide within 2 h,
/// warnings at 75 %, around the clock.
/// </summary>
public sealed class EscalationDeskStripTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Breaches_today_at_risk_now_and_compliance_over_30_days_follow_the_clocks()
    {
        var t0 = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(t0, app.Clock.GetUtcNow());
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var onTime = await _steps.LogCriticalAsync(agent, "Acknowledged on time");
        var late = await _steps.LogCriticalAsync(agent, "Never acknowledged");
        var resolved = await _steps.LogCriticalAsync(agent, "Acknowledged and resolved");

        var empty = (await app.DeskAsync(supervisor)).Strip;
        Assert.Equal((0, 0, new Compliance(0, 0, null), new Compliance(0, 0, null)),
            (empty.BreachesToday, empty.AtRiskNow, empty.FirstResponse, empty.Resolution));

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = onTime.Id });
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = resolved.Id });
        await _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = resolved.Id });
        app.Clock.Advance(TimeSpan.FromMinutes(10)); // 10:00 UTC: the late one's acknowledgement is due
        await app.SweepAsync();

        var strip = (await app.DeskAsync(supervisor)).Strip;
        Assert.Equal(1, strip.BreachesToday);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), strip.TodayStartedAt);
        Assert.Equal(1, strip.AtRiskNow); // the breached acknowledgement, still owed
        Assert.Equal(new Compliance(2, 1, 0.6667), strip.FirstResponse);
        Assert.Equal(new Compliance(0, 0, null), strip.Resolution);
        Assert.False(strip.AtRiskCapped || strip.BreachesTodayCapped);

        app.Clock.Advance(TimeSpan.FromHours(1)); // 11:00
        await _steps.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = resolved.Id, Summary = "Replaced.", Outcome = ResolutionOutcome.Upheld });
        strip = (await app.DeskAsync(supervisor)).Strip;
        Assert.Equal(new Compliance(1, 0, 1.0), strip.Resolution);
        Assert.Equal(1, strip.AtRiskNow);

        app.Clock.Advance(TimeSpan.FromMinutes(40)); // 11:40: the escalation's decision (due 12:00) passed its warning point at 11:30
        Assert.Equal(2, (await app.DeskAsync(supervisor)).Strip.AtRiskNow);

        // 16:30 UTC is already Tuesday 00:30 in Taipei: today there began at 16:00 UTC, after both breaches (10:00, 12:00).
        app.Clock.Advance(new TimeSpan(4, 50, 0));
        await app.SweepAsync();
        var utc = (await app.DeskAsync(supervisor)).Strip;
        var taipei = (await app.DeskAsync(supervisor, "Asia/Taipei")).Strip;
        Assert.Equal((2, new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)), (utc.BreachesToday, utc.TodayStartedAt));
        Assert.Equal((0, new DateTimeOffset(2026, 11, 2, 16, 0, 0, TimeSpan.Zero)), (taipei.BreachesToday, taipei.TodayStartedAt));
        Assert.Equal(new Compliance(2, 1, 0.6667), taipei.FirstResponse);

        // A month on, everything above has left the 30-day window.
        app.Clock.Advance(TimeSpan.FromDays(32));
        await app.SweepAsync();
        var later = (await app.DeskAsync(supervisor)).Strip;
        Assert.Equal((new Compliance(0, 0, null), new Compliance(0, 0, null)), (later.FirstResponse, later.Resolution));
    }
}

/// <summary>The desk is bounded: at most 200 cases, the oldest escalations, and a flag when there are more.</summary>
public sealed class EscalationDeskCapTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Beyond_200_escalations_the_oldest_200_are_listed_and_more_is_flagged()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var escalated = new List<Guid>();
        for (var i = 0; i <= GetEscalationDeskHandler.MaxCases; i++)
        {
            var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint($"Escalation {i}"));
            await _steps.EscalateAsync(agent, complaint.Id, $"Reason {i}");
            escalated.Add(complaint.Id);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var desk = await app.DeskAsync(supervisor);

        Assert.True(desk.More);
        Assert.Equal(escalated.Take(GetEscalationDeskHandler.MaxCases), desk.Cases.Select(c => c.Id));
    }
}
