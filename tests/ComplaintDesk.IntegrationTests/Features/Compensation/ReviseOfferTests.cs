using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>
/// A changed offer is a new version: new options, the authority check again (not counting the offer's own old
/// options), any decision gone, and an answer to the old version refused.
/// </summary>
public sealed class ReviseOfferTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly OfferSteps _offers = new(app);

    [Fact]
    public async Task Revising_an_offered_offer_makes_a_new_version_with_new_options()
    {
        var agent = await app.CreateAgentAsync();
        var colleague = await app.CreateAgentAsync("Colin Colleague");
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 300m, 500m);
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        var revised = await _offers.SendAsync(colleague, new ReviseOfferCommand
        {
            OfferId = offer.Id, Options = [OfferSteps.Option(450m, CompensationKind.ShippingFeeWaiver, text: "We waive the shipping fee.")],
        });

        Assert.Equal((offer.Id, 2, OfferState.Offered), (revised.Id, revised.Version, revised.State));
        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((2, colleague.Id, app.Clock.GetUtcNow()), (stored.Version, stored.ProposedById, stored.ProposedAt));
        var option = Assert.Single(stored.Options);
        Assert.Equal((CompensationKind.ShippingFeeWaiver, 450m, "We waive the shipping fee."), (option.Kind, option.Amount, option.CustomerText));
        Assert.DoesNotContain(option.Id, offer.Options.Select(o => o.Id));
        var made = await _offers.LastEventAsync(complaint.Id);
        Assert.Equal((TimelineEventKind.OfferMade, "Offer v2: ShippingFeeWaiver 450.00 TWD — Offered"), (made.Kind, made.Text));
    }

    [Fact]
    public async Task The_offers_own_old_options_do_not_count_against_its_revision()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 800m);

        var revised = await _offers.ReviseAsync(agent, offer.Id, 900m);

        Assert.Equal(OfferState.Offered, revised.State);
    }

    [Fact]
    public async Task Revising_down_into_authority_sends_an_offer_awaiting_approval_straight_to_the_customer()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1500m);

        var revised = await _offers.ReviseAsync(agent, offer.Id, 900m);

        Assert.Equal((2, OfferState.Offered), (revised.Version, revised.State));
        var storedCase = await _offers.Complaints.StoredAsync(complaint.Id);
        Assert.False(storedCase.OfferAwaitingApproval);
        Assert.True(storedCase.WaitingOnCustomer);
    }

    [Fact]
    public async Task A_rejected_offer_may_be_revised_into_a_new_version_that_needs_its_own_decision()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 3000m);
        await _offers.DecideAsync(supervisor, offer.Id, approved: false, comment: "Too much; try 2,000.");

        var revised = await _offers.ReviseAsync(agent, offer.Id, 2000m);

        Assert.Equal((2, OfferState.AwaitingApproval, (PersonRef?)null, (string?)null), (revised.Version, revised.State, revised.DecidedBy, revised.DecisionComment));
        Assert.True((await _offers.Complaints.StoredAsync(complaint.Id)).OfferAwaitingApproval);
    }

    [Fact]
    public async Task An_answered_offer_cannot_be_revised()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var accepted = await _offers.AcceptAsync(agent, await _offers.MakeAsync(agent, complaint.Id, 100m));

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.ReviseAsync(agent, accepted.Id, 999m));

        Assert.Equal(Rules.OfferStateNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task A_revision_is_held_to_the_same_money_rules()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 100m);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[0].Amount", () => _offers.ReviseAsync(agent, offer.Id, 10.001m));
        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[0].Amount", () => _offers.ReviseAsync(agent, offer.Id, 0m));
        await _offers.RefusedOnFieldAsync(complaint.Id, "Options", () => _offers.ReviseAsync(agent, offer.Id, 1m, 2m, 3m, 4m));
        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[0].Currency", () => _offers.SendAsync(agent, new ReviseOfferCommand
        {
            OfferId = offer.Id, Options = [OfferSteps.Option(10m, currency: "EUR")],
        }));
    }

    [Fact]
    public async Task Revising_an_unknown_offer_is_not_found_and_an_administrator_may_not_revise()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 100m);

        await Assert.ThrowsAsync<NotFoundException>(() => _offers.ReviseAsync(agent, Guid.NewGuid(), 10m));
        await _offers.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _offers.ReviseAsync(admin, offer.Id, 10m));
    }
}
