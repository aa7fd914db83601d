using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>The accepted option delivered: a reference, who and when — on the offer and on its ledger line.</summary>
public sealed class FulfilOfferTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly OfferSteps _offers = new(app);

    [Fact]
    public async Task Fulfilling_records_the_reference_who_and_when_on_the_offer_and_its_ledger_line()
    {
        var agent = await app.CreateAgentAsync();
        var colleague = await app.CreateAgentAsync("Colin Colleague");
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.AcceptAsync(agent, await _offers.MakeAsync(agent, complaint.Id, 300m));
        app.Clock.Advance(TimeSpan.FromDays(2));

        var fulfilled = await _offers.FulfilAsync(colleague, offer.Id, reference: "  REFUND-7781  ");

        Assert.Equal((OfferState.Fulfilled, "REFUND-7781", app.Clock.GetUtcNow(), colleague.DisplayName),
            (fulfilled.State, fulfilled.FulfilmentReference, fulfilled.FulfilledAt, fulfilled.FulfilledBy));
        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((OfferState.Fulfilled, "REFUND-7781", colleague.DisplayName), (stored.State, stored.FulfilmentReference, stored.FulfilledByName));
        var line = Assert.Single(await _offers.LedgerOfCaseAsync(complaint.Id));
        Assert.Equal((300m, app.Clock.GetUtcNow()), (line.Amount, line.FulfilledAt));
        var done = await _offers.LastEventAsync(complaint.Id);
        Assert.Equal((TimelineEventKind.OfferFulfilled, Visibility.Internal, colleague.Id, "REFUND-7781"), (done.Kind, done.Visibility, done.ActorId, done.Text));
    }

    [Fact]
    public async Task A_fulfilled_offer_still_counts_against_the_cases_authority()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.AcceptAsync(agent, await _offers.MakeAsync(agent, complaint.Id, 700m));
        await _offers.FulfilAsync(agent, offer.Id);

        Assert.Equal(OfferState.AwaitingApproval, (await _offers.MakeAsync(agent, complaint.Id, 300.01m)).State);
    }

    [Fact]
    public async Task Only_an_accepted_offer_can_be_fulfilled()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offered = await _offers.MakeAsync(agent, complaint.Id, 100m);

        var notYet = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.FulfilAsync(agent, offered.Id));
        await _offers.DeclineAsync(agent, offered);
        var declined = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.FulfilAsync(agent, offered.Id));

        Assert.Equal((Rules.OfferStateNotAllowed, Rules.OfferStateNotAllowed), (notYet.Rule, declined.Rule));
    }

    [Fact]
    public async Task Fulfilling_twice_is_refused()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.AcceptAsync(agent, await _offers.MakeAsync(agent, complaint.Id, 100m));
        await _offers.FulfilAsync(agent, offer.Id, "VOUCHER-1");

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.FulfilAsync(agent, offer.Id, "VOUCHER-2"));

        Assert.Equal(Rules.OfferStateNotAllowed, refusal.Rule);
        Assert.Equal("VOUCHER-1", (await _offers.StoredAsync(offer.Id)).FulfilmentReference);
    }

    [Fact]
    public async Task A_fulfilment_needs_a_reference_of_at_most_200_characters()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.AcceptAsync(agent, await _offers.MakeAsync(agent, complaint.Id, 100m));

        await _offers.RefusedOnFieldAsync(complaint.Id, "Reference", () => _offers.FulfilAsync(agent, offer.Id, " "));
        await _offers.RefusedOnFieldAsync(complaint.Id, "Reference", () => _offers.FulfilAsync(agent, offer.Id, new string('R', 201)));
    }

    [Fact]
    public async Task An_unknown_offer_is_not_found_and_an_administrator_may_not_fulfil()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.AcceptAsync(agent, await _offers.MakeAsync(agent, complaint.Id, 100m));

        await Assert.ThrowsAsync<NotFoundException>(() => _offers.FulfilAsync(agent, Guid.NewGuid()));
        await _offers.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _offers.FulfilAsync(admin, offer.Id));
    }

    [Fact]
    public async Task With_the_offer_fulfilled_the_case_resolves()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.Complaints.InStateAsync(ComplaintState.Resolving, agent);
        var offer = await _offers.AcceptAsync(agent, await _offers.MakeAsync(agent, complaint.Id, 100m));
        await _offers.FulfilAsync(agent, offer.Id);

        var resolved = await _offers.Complaints.SendAsync(agent, new ResolveComplaintCommand
        {
            ComplaintId = complaint.Id, Summary = "Refunded 100.", Outcome = ResolutionOutcome.Upheld,
        });

        Assert.Equal(ComplaintState.Closed, resolved.State);
    }
}
