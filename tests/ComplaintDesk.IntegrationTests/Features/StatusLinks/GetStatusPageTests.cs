using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.Domain.StatusLinks;
using ComplaintDesk.IntegrationTests.Features.Compensation;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.StatusLinks;

public sealed class GetStatusPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly StatusLinkSteps _steps = new(app);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_acknowledged_case_shows_its_reference_working_on_it_and_the_resolve_deadline()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);

        var page = await _steps.PageAsync(linked.Token);

        Assert.Equal(linked.Reference, page.Reference);
        Assert.Equal(CustomerStage.Working, page.Stage);
        var resolve = await app.QueryDbAsync(db => db.SlaClocks.AsNoTracking()
            .SingleAsync(k => k.ComplaintId == linked.Id && k.Kind == SlaClockKind.Resolve && k.StoppedAt == null, Ct));
        Assert.Equal(new NextStep(NextStepKind.Resolve, resolve.DueAt), page.Next);
        Assert.False(page.FollowUpOpen);
        Assert.Null(page.Offer);
        Assert.True(page.CanAddPhoto);
        Assert.Equal("en", page.PreferredLanguage);
        var calendar = await app.QueryDbAsync(db => db.BusinessCalendars.AsNoTracking()
            .SingleAsync(c => c.Id == db.SlaClocks.Where(k => k.ComplaintId == linked.Id && k.CalendarId != null)
                .OrderByDescending(k => k.Id).Select(k => k.CalendarId).First(), Ct));
        Assert.Equal(calendar.TimeZoneId, page.TimeZoneId); // the case calendar's zone: the desk's hours made the promise
    }

    [Fact]
    public async Task Each_state_has_its_customer_stage()
    {
        var agent = await app.CreateAgentAsync();
        var waiting = await _steps.AcknowledgedAsync(agent, resolving: true);
        await _steps.Complaints.SendAsync(agent, new RequestInformationCommand { ComplaintId = waiting.Id, Message = "Please send the receipt." });
        var escalated = await _steps.AcknowledgedAsync(agent, resolving: true);
        await _steps.Complaints.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = escalated.Id, Reason = "Needs a senior." });
        var closed = await _steps.AcknowledgedAsync(agent, resolving: true);
        await _steps.Complaints.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = closed.Id, Summary = "Done.", Outcome = ResolutionOutcome.Upheld });
        var followUp = await _steps.InFollowUpAsync(agent);

        Assert.Equal(CustomerStage.WaitingForYou, (await _steps.PageAsync(waiting.Token)).Stage);
        Assert.Equal(new NextStep(NextStepKind.AnswerInformationRequest, null), (await _steps.PageAsync(waiting.Token)).Next);
        Assert.Equal(CustomerStage.Senior, (await _steps.PageAsync(escalated.Token)).Stage);
        Assert.Equal(NextStepKind.EscalationDecision, (await _steps.PageAsync(escalated.Token)).Next.Kind);
        Assert.Equal(CustomerStage.Resolved, (await _steps.PageAsync(closed.Token)).Stage);
        var inFollowUp = await _steps.PageAsync(followUp.Token);
        Assert.Equal(CustomerStage.FollowUp, inFollowUp.Stage);
        Assert.True(inFollowUp.FollowUpOpen);
        Assert.Equal(NextStepKind.AnswerFollowUp, inFollowUp.Next.Kind);
    }

    [Fact]
    public async Task The_timeline_holds_public_events_only_with_staff_by_first_name()
    {
        var agent = await app.CreateAgentAsync("Alice Agent");
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);
        await app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand { ComplaintId = linked.Id, Body = "Internal: refund risk, check abuse.", Visibility = Visibility.Internal });
        await _steps.Complaints.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = linked.Id, Reason = "Internal escalation reason." });

        var page = await _steps.PageAsync(linked.Token);

        Assert.Equal([TimelineEventKind.ResolvingStarted, TimelineEventKind.Acknowledged, TimelineEventKind.Logged], page.Timeline.Select(e => e.Kind));
        var acknowledged = page.Timeline[1];
        Assert.Equal(TimelineAuthor.Staff, acknowledged.Author);
        Assert.Equal("Alice", acknowledged.StaffFirstName);
        Assert.Equal("We are on it.", acknowledged.Text);
        Assert.DoesNotContain(page.Timeline, e => e.Text?.Contains("Internal") == true);
        Assert.DoesNotContain(page.Timeline, e => e.StaffFirstName == "Alice Agent");
    }

    [Fact]
    public async Task The_open_offer_shows_what_the_customer_receives_and_nothing_internal()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);
        var offer = await app.SendAsync<OfferView>(agent.Actor, new MakeOfferCommand
        {
            ComplaintId = linked.Id,
            Options = [OfferSteps.Option(300m, note: "Cheap for us."), OfferSteps.Option(500m, CompensationKind.Voucher, text: "A voucher.", note: "Margin 80 %.")],
        });

        var page = await _steps.PageAsync(linked.Token);

        var shown = Assert.IsType<CustomerOffer>(page.Offer);
        Assert.Equal(offer.Id, shown.Id);
        Assert.Equal(offer.Version, shown.Version);
        Assert.Equal(offer.AnswerBy, shown.AnswerBy);
        Assert.Equal([(offer.Options[0].Id, CompensationKind.PartialRefund, 300m), (offer.Options[1].Id, CompensationKind.Voucher, 500m)],
            shown.Options.Select(o => (o.Id, o.Kind, o.Amount)));
        Assert.Equal(NextStepKind.AnswerOffer, page.Next.Kind);
        Assert.Equal(CustomerStage.WaitingForYou, page.Stage);
    }

    [Fact]
    public async Task Unknown_malformed_and_revoked_tokens_are_the_same_not_found_that_names_no_token()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent);
        var revoked = await _steps.AcknowledgedAsync(agent);
        await _steps.Complaints.SendAsync(agent, new RevokeStatusLinkCommand { ComplaintId = revoked.Id });
        var oneOff = linked.Token[..^1] + (linked.Token[^1] == 'A' ? 'B' : 'A');

        var messages = new List<string>();
        foreach (var token in new[] { StatusLinkToken.New(), oneOff, "short", linked.Token + "x", "../../etc/passwd", "", revoked.Token })
        {
            var refusal = await Assert.ThrowsAsync<NotFoundException>(() => _steps.PageAsync(token));
            if (token.Length > 0)
            {
                Assert.DoesNotContain(token, refusal.Message);
            }
            messages.Add(refusal.Message);
        }
        Assert.Single(messages.Distinct());
        Assert.Equal(linked.Reference, (await _steps.PageAsync(linked.Token)).Reference);
    }

    [Fact]
    public async Task A_link_expires_the_configured_time_after_final_closure_and_not_before()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);
        await _steps.Complaints.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = linked.Id, Summary = "Done.", Outcome = ResolutionOutcome.Upheld });

        app.Clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        Assert.Equal(CustomerStage.Resolved, (await _steps.PageAsync(linked.Token)).Stage);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<StatusLinkExpiredException>(() => _steps.PageAsync(linked.Token));
        await Assert.ThrowsAsync<StatusLinkExpiredException>(() => app.SendAsync<StatusLinkAccess>(agent.Actor, new ResolveStatusLinkQuery(linked.Token)));
    }

    [Fact]
    public async Task Reading_the_page_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);
        var before = await _steps.Complaints.SnapshotAsync(linked.Id);
        var links = await app.QueryDbAsync(db => db.StatusLinks.CountAsync(Ct));

        for (var i = 0; i < 3; i++)
        {
            await _steps.PageAsync(linked.Token);
            await app.SendAsync<StatusLinkAccess>(agent.Actor, new ResolveStatusLinkQuery(linked.Token));
        }

        Assert.Equal(before, await _steps.Complaints.SnapshotAsync(linked.Id));
        Assert.Equal(links, await app.QueryDbAsync(db => db.StatusLinks.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("Alice Agent", "Alice")]
    [InlineData("陳美玲", "美玲")]
    [InlineData("王明", "王明")]
    [InlineData("  Bob  ", "Bob")]
    public void Staff_are_named_by_first_name(string full, string first) => Assert.Equal(first, CustomerNames.FirstName(full));
}
