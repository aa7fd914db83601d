using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>
/// An offer in front of the customer opens its answer window (7 days in the seeded policy) and pauses the resolve clock;
/// the answer closes the window and resumes the clock; a window that runs out expires the offer, through the sweeper.
/// </summary>
public sealed class OfferClockTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MakeOfferCommand Offer(Guid complaintId, params decimal[] amounts) => new()
    {
        ComplaintId = complaintId,
        Options = amounts.Select(a => new OfferOptionRequest
        {
            Kind = CompensationKind.PartialRefund, Amount = a, CustomerText = $"A refund of {a:0.00}", InternalNote = "Goodwill",
        }).ToList(),
    };

    private Task<List<SlaClock>> ClocksAsync(Guid complaintId, SlaClockKind kind) =>
        app.QueryDbAsync(db => db.SlaClocks.AsNoTracking().Where(c => c.ComplaintId == complaintId && c.Kind == kind).OrderBy(c => c.Id).ToListAsync(Ct));

    [Fact]
    public async Task An_offer_within_authority_opens_its_answer_window_and_pauses_the_resolve_clock()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);

        var offer = await app.SendAsync<OfferView>(agent.Actor, Offer(complaint.Id, 500m));

        Assert.Equal(OfferState.Offered, offer.State);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(7), offer.AnswerBy);
        var window = Assert.Single(await ClocksAsync(complaint.Id, SlaClockKind.OfferAnswer));
        Assert.Equal((SlaClockState.Running, offer.Id, offer.AnswerBy), (window.State, window.OfferId, (DateTimeOffset?)window.DueAt));
        Assert.Equal(SlaClockState.Paused, (await ClocksAsync(complaint.Id, SlaClockKind.Resolve)).Single().State);
        Assert.True((await _steps.StoredAsync(complaint.Id)).WaitingOnCustomer);
    }

    [Fact]
    public async Task The_customers_answer_closes_the_window_resumes_the_resolve_clock_and_writes_one_ledger_line()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);
        var offer = await app.SendAsync<OfferView>(agent.Actor, Offer(complaint.Id, 300m, 450.50m));
        app.Clock.Advance(TimeSpan.FromHours(2));

        var answered = await app.SendAsync<OfferView>(agent.Actor, new AnswerOfferCommand
        {
            OfferId = offer.Id, OfferVersion = offer.Version, OptionId = offer.Options[1].Id,
        });

        Assert.Equal((OfferState.Accepted, offer.Options[1].Id), (answered.State, answered.AcceptedOptionId));
        Assert.Equal(SlaClockState.Met, (await ClocksAsync(complaint.Id, SlaClockKind.OfferAnswer)).Single().State);
        Assert.Equal(SlaClockState.Running, (await ClocksAsync(complaint.Id, SlaClockKind.Resolve)).Single().State);
        Assert.False((await _steps.StoredAsync(complaint.Id)).WaitingOnCustomer);
        var line = Assert.Single(await app.QueryDbAsync(db => db.Ledger.AsNoTracking().Where(l => l.OfferId == offer.Id).ToListAsync(Ct)));
        Assert.Equal((450.50m, "TWD", CompensationKind.PartialRefund), (line.Amount, line.Currency, line.Kind));
    }

    [Fact]
    public async Task An_unanswered_offer_expires_when_its_window_ends_and_the_case_stops_waiting()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);
        var offer = await app.SendAsync<OfferView>(agent.Actor, Offer(complaint.Id, 200m));

        app.Clock.SetUtcNow(offer.AnswerBy!.Value.AddMinutes(-1));
        await app.SweepAsync();
        Assert.Equal(OfferState.Offered, (await app.QueryDbAsync(db => db.Offers.AsNoTracking().SingleAsync(o => o.Id == offer.Id, Ct))).State);
        app.Clock.SetUtcNow(offer.AnswerBy!.Value);
        await app.SweepAsync();
        await app.SweepAsync();

        var expired = await app.QueryDbAsync(db => db.Offers.AsNoTracking().SingleAsync(o => o.Id == offer.Id, Ct));
        Assert.Equal(OfferState.Expired, expired.State);
        Assert.Equal(SlaClockState.Breached, (await ClocksAsync(complaint.Id, SlaClockKind.OfferAnswer)).Single().State);
        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.False(stored.WaitingOnCustomer);
        var events = await _steps.EventsAsync(complaint.Id);
        var expiry = Assert.Single(events, e => e.Kind == TimelineEventKind.OfferExpired);
        Assert.Equal(SlaSweeper.OfferExpiredText, expiry.Text);
        // An expired offer cannot be answered any more.
        await Assert.ThrowsAsync<Domain.ComplaintRuleException>(() => app.SendAsync<OfferView>(agent.Actor, new AnswerOfferCommand
        {
            OfferId = offer.Id, OfferVersion = offer.Version, OptionId = offer.Options[0].Id,
        }));
        Assert.Empty(await app.QueryDbAsync(db => db.Ledger.AsNoTracking().Where(l => l.OfferId == offer.Id).ToListAsync(Ct)));
    }

    [Fact]
    public async Task An_offer_awaiting_approval_has_no_window_until_a_supervisor_approves_it()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);

        var offer = await app.SendAsync<OfferView>(agent.Actor, Offer(complaint.Id, 1000.01m));

        Assert.Equal(OfferState.AwaitingApproval, offer.State);
        Assert.Null(offer.AnswerBy);
        Assert.Empty(await ClocksAsync(complaint.Id, SlaClockKind.OfferAnswer));
        Assert.True((await _steps.StoredAsync(complaint.Id)).OfferAwaitingApproval);
        app.Clock.Advance(TimeSpan.FromHours(1));

        var approved = await app.SendAsync<OfferView>(supervisor.Actor, new DecideOfferCommand { OfferId = offer.Id, Approved = true, Comment = "Fair." });

        Assert.Equal(OfferState.Offered, approved.State);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(7), approved.AnswerBy);
        Assert.Single(await ClocksAsync(complaint.Id, SlaClockKind.OfferAnswer));
        Assert.False((await _steps.StoredAsync(complaint.Id)).OfferAwaitingApproval);
    }

    [Fact]
    public async Task An_offer_taken_back_for_approval_and_rejected_leaves_the_resolve_clock_running()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);
        var offer = await app.SendAsync<OfferView>(agent.Actor, Offer(complaint.Id, 500m));
        var paused = (await ClocksAsync(complaint.Id, SlaClockKind.Resolve)).Single();
        Assert.Equal(SlaClockState.Paused, paused.State);
        app.Clock.Advance(TimeSpan.FromHours(3));

        var raised = await app.SendAsync<OfferView>(agent.Actor, new ReviseOfferCommand { OfferId = offer.Id, Options = Offer(complaint.Id, 1500m).Options });

        Assert.Equal(OfferState.AwaitingApproval, raised.State);
        Assert.False((await _steps.StoredAsync(complaint.Id)).WaitingOnCustomer);
        Assert.Equal(SlaClockState.Cancelled, Assert.Single(await ClocksAsync(complaint.Id, SlaClockKind.OfferAnswer)).State);
        var resumed = (await ClocksAsync(complaint.Id, SlaClockKind.Resolve)).Single();
        Assert.Equal((SlaClockState.Running, (DateTimeOffset?)null), (resumed.State, resumed.PausedSince));
        Assert.True(resumed.DueAt >= paused.DueAt); // the time in front of the customer is added back (if any was open time)
        app.Clock.Advance(TimeSpan.FromHours(1));

        await app.SendAsync<OfferView>(supervisor.Actor, new DecideOfferCommand { OfferId = offer.Id, Approved = false, Comment = "Too much." });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal((false, false), (stored.WaitingOnCustomer, stored.OfferAwaitingApproval));
        var resolve = (await ClocksAsync(complaint.Id, SlaClockKind.Resolve)).Single();
        Assert.Equal((SlaClockState.Running, resumed.DueAt), (resolve.State, resolve.DueAt));
        Assert.Equal(resolve.DueAt, stored.NextDueAt);
    }

    [Fact]
    public async Task An_offer_that_never_reached_the_customer_leaves_an_open_question_to_them_waiting()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "The receipt, please." });

        var offer = await app.SendAsync<OfferView>(agent.Actor, Offer(complaint.Id, 1500m));
        var revised = await app.SendAsync<OfferView>(agent.Actor, new ReviseOfferCommand { OfferId = offer.Id, Options = Offer(complaint.Id, 1800m).Options });
        await app.SendAsync<OfferView>(supervisor.Actor, new DecideOfferCommand { OfferId = offer.Id, Approved = false, Comment = "No." });

        Assert.Equal((OfferState.AwaitingApproval, 2), (revised.State, revised.Version));
        Assert.True((await _steps.StoredAsync(complaint.Id)).WaitingOnCustomer);
        Assert.Equal(SlaClockState.Paused, (await ClocksAsync(complaint.Id, SlaClockKind.Resolve)).Single().State);
    }
}
