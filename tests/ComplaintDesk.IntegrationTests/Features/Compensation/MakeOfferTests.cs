using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>
/// Making an offer: one to three options, exact money in the policy's currency, straight to the customer within the
/// proposer's remaining authority, to a supervisor above it. A refused offer writes nothing.
/// </summary>
public sealed class MakeOfferTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly OfferSteps _offers = new(app);

    [Fact]
    public async Task Within_authority_the_offer_goes_straight_to_the_customer_and_the_case_waits_on_them()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        app.Clock.Advance(TimeSpan.FromMinutes(7));

        var offer = await _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id,
            Options =
            [
                OfferSteps.Option(350.50m, CompensationKind.PartialRefund, text: "  We refund 350.50 of the price.  ", note: "  Dent on arrival.  "),
                OfferSteps.Option(600m, CompensationKind.Replacement, currency: "twd", text: "A new kettle, delivered free.", note: null),
            ],
        });

        Assert.Equal((OfferState.Offered, 1, 600m), (offer.State, offer.Version, offer.MaxCost));
        Assert.Equal(new PersonRef(agent.Id, agent.DisplayName), offer.ProposedBy);
        Assert.Null(offer.DecidedBy);
        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((complaint.Id, OfferState.Offered, 1, agent.Id, app.Clock.GetUtcNow()),
            (stored.ComplaintId, stored.State, stored.Version, stored.ProposedById, stored.ProposedAt));
        var options = stored.Options.OrderBy(o => o.Position).ToList();
        Assert.Equal([(1, CompensationKind.PartialRefund, 350.50m, "TWD", "We refund 350.50 of the price.", (string?)"Dent on arrival."),
                      (2, CompensationKind.Replacement, 600.00m, "TWD", "A new kettle, delivered free.", null)],
            options.Select(o => (o.Position, o.Kind, o.Amount, o.Currency, o.CustomerText, o.InternalNote)));
        Assert.Equal(options.Select(o => o.Id), offer.Options.Select(o => o.Id));
        var storedCase = await _offers.Complaints.StoredAsync(complaint.Id);
        Assert.True(storedCase.WaitingOnCustomer);
        Assert.False(storedCase.OfferAwaitingApproval);
        var made = await _offers.LastEventAsync(complaint.Id);
        Assert.Equal((TimelineEventKind.OfferMade, Visibility.Internal, agent.Id),
            (made.Kind, made.Visibility, made.ActorId));
        Assert.Equal("Offer v1: PartialRefund 350.50 TWD; Replacement 600.00 TWD — Offered", made.Text);
    }

    [Fact]
    public async Task Above_authority_the_offer_awaits_a_supervisor_and_the_case_does_not_wait_on_the_customer()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        // The dearest option decides: the customer may pick it.
        var offer = await _offers.MakeAsync(agent, complaint.Id, 200m, 1500m);

        Assert.Equal(OfferState.AwaitingApproval, offer.State);
        var stored = await _offers.Complaints.StoredAsync(complaint.Id);
        Assert.True(stored.OfferAwaitingApproval);
        Assert.False(stored.WaitingOnCustomer);
    }

    [Fact]
    public async Task Exactly_the_agents_limit_is_offered_at_once()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        var offer = await _offers.MakeAsync(agent, complaint.Id, OfferSteps.AgentLimit);

        Assert.Equal(OfferState.Offered, offer.State);
    }

    [Fact]
    public async Task A_supervisor_offers_within_his_own_larger_limit_without_approval()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);

        var offer = await _offers.MakeAsync(supervisor, complaint.Id, 15000m);

        Assert.Equal(OfferState.Offered, offer.State);
    }

    [Fact]
    public async Task A_per_user_override_replaces_the_role_limit()
    {
        var senior = await app.CreateAgentAsync("Sam Senior");
        await _offers.ChangePolicyAsync(userLimits: [new UserAuthority(senior.Id, 2500m)]);
        var complaint = await _offers.CaseAsync(senior);

        var within = await _offers.MakeAsync(senior, complaint.Id, 2500m);

        Assert.Equal(OfferState.Offered, within.State);
    }

    [Fact]
    public async Task An_escalation_decision_that_raises_the_authority_lets_the_agent_offer_up_to_it()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.Complaints.InStateAsync(ComplaintState.Escalated, agent);
        await _offers.Complaints.SendAsync(supervisor, new DecideEscalationCommand
        {
            ComplaintId = complaint.Id, Approved = true, Comment = "Go up to 3,000.", RaisedAuthority = 3000m,
        });

        var atTheRaisedLimit = await _offers.MakeAsync(agent, complaint.Id, 3000m);
        await _offers.DeclineAsync(agent, atTheRaisedLimit);
        var aCentAbove = await _offers.MakeAsync(agent, complaint.Id, 3000.01m);

        Assert.Equal(OfferState.Offered, atTheRaisedLimit.State);
        Assert.Equal(OfferState.AwaitingApproval, aCentAbove.State);
        // The raised authority is the case's: another case of the same agent keeps the role's limit.
        var other = await _offers.CaseAsync(agent);
        Assert.Equal(OfferState.AwaitingApproval, (await _offers.MakeAsync(agent, other.Id, 3000m)).State);
    }

    [Fact]
    public async Task Omitting_the_currency_takes_the_policys()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        var offer = await _offers.MakeAsync(agent, complaint.Id, 10m);

        Assert.Equal(OfferSteps.Currency, Assert.Single(offer.Options).Currency);
    }

    [Fact]
    public async Task The_largest_amount_there_is_waits_for_approval()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        var offer = await _offers.MakeAsync(agent, complaint.Id, Money.MaxAmount);

        Assert.Equal((OfferState.AwaitingApproval, Money.MaxAmount), (offer.State, (await _offers.StoredAsync(offer.Id)).Options[0].Amount));
    }

    [Fact]
    public async Task A_zero_amount_is_refused_on_its_field_and_nothing_is_written()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[0].Amount", () => _offers.MakeAsync(agent, complaint.Id, 0m));
    }

    [Fact]
    public async Task A_negative_amount_is_refused_on_its_field_and_nothing_is_written()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[1].Amount", () => _offers.MakeAsync(agent, complaint.Id, 10m, -5m));
    }

    [Fact]
    public async Task An_absurdly_large_amount_is_refused_on_its_field_and_nothing_is_written()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[0].Amount", () => _offers.MakeAsync(agent, complaint.Id, Money.MaxAmount + 0.01m));
        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[0].Amount", () => _offers.MakeAsync(agent, complaint.Id, decimal.MaxValue));
    }

    [Fact]
    public async Task A_three_decimal_amount_is_refused_on_its_field_and_nothing_is_written()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[2].Amount", () => _offers.MakeAsync(agent, complaint.Id, 10m, 20m, 99.999m));
        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[0].Amount", () => _offers.MakeAsync(agent, complaint.Id, 0.001m));
    }

    [Fact]
    public async Task A_trailing_zero_third_decimal_is_the_same_cent_and_allowed()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        var offer = await _offers.MakeAsync(agent, complaint.Id, 12.500m);

        Assert.Equal(12.50m, (await _offers.StoredAsync(offer.Id)).Options[0].Amount);
    }

    [Fact]
    public async Task A_wrong_currency_is_refused_on_its_field_and_nothing_is_written()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[1].Currency", () => _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id, Options = [OfferSteps.Option(10m), OfferSteps.Option(10m, currency: "USD")],
        }));
        // Not even one offer in two currencies, nor a code that is no currency at all.
        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[0].Currency", () => _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id, Options = [OfferSteps.Option(10m, currency: "TWDX")],
        }));
    }

    [Fact]
    public async Task A_kind_the_policy_disabled_is_refused_on_its_field_and_nothing_is_written()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        await _offers.ChangePolicyAsync(enabled: Enum.GetValues<CompensationKind>().Where(k => k != CompensationKind.Gift));
        try
        {
            await _offers.RefusedOnFieldAsync(complaint.Id, "Options[1].Kind", () => _offers.SendAsync(agent, new MakeOfferCommand
            {
                ComplaintId = complaint.Id, Options = [OfferSteps.Option(10m), OfferSteps.Option(20m, CompensationKind.Gift)],
            }));
        }
        finally
        {
            await _offers.ChangePolicyAsync(enabled: Enum.GetValues<CompensationKind>());
        }
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_on_its_field()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[0].Kind", () => _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id, Options = [OfferSteps.Option(10m, (CompensationKind)42)],
        }));
    }

    [Fact]
    public async Task No_options_are_refused_and_nothing_is_written()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Options", () => _offers.MakeAsync(agent, complaint.Id));
        await _offers.RefusedOnFieldAsync(complaint.Id, "Options", () => _offers.SendAsync(agent, new MakeOfferCommand { ComplaintId = complaint.Id }));
    }

    [Fact]
    public async Task Four_options_are_refused_and_nothing_is_written()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Options", () => _offers.MakeAsync(agent, complaint.Id, 10m, 20m, 30m, 40m));
    }

    [Fact]
    public async Task An_option_without_customer_text_is_refused_on_its_field()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Options[0].CustomerText", () => _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id, Options = [OfferSteps.Option(10m, text: "   ")],
        }));
    }

    [Fact]
    public async Task A_second_offer_while_one_is_open_is_refused()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        await _offers.MakeAsync(agent, complaint.Id, 100m);

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.MakeAsync(agent, complaint.Id, 50m));

        Assert.Equal(Rules.OfferAlreadyOpen, refusal.Rule);
    }

    [Fact]
    public async Task An_offer_on_a_closed_complaint_is_refused()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.Complaints.InStateAsync(ComplaintState.Closed, agent);

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.MakeAsync(agent, complaint.Id, 50m));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task An_administrator_cannot_make_an_offer()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _offers.CaseAsync(agent);

        await _offers.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _offers.MakeAsync(admin, complaint.Id, 50m));
    }

    [Fact]
    public async Task An_offer_on_an_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => _offers.MakeAsync(agent, Guid.NewGuid(), 50m));
    }

    [Fact]
    public async Task An_offer_against_a_stale_version_of_the_case_is_a_conflict()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        await _offers.Complaints.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });

        await _offers.RefusedAsync<ConcurrencyConflictException>(complaint.Id, () => _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, Options = OfferSteps.Options(50m),
        }));
    }

    [Fact]
    public async Task The_cases_offers_are_listed_newest_first_for_those_who_handle_cases()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _offers.CaseAsync(agent);
        var first = await _offers.MakeAsync(agent, complaint.Id, 100m);
        await _offers.DeclineAsync(agent, first);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _offers.MakeAsync(agent, complaint.Id, 200m, 300m);

        var listed = await app.SendAsync<IReadOnlyList<OfferView>>(agent.Actor, new ListOffersQuery(complaint.Id));

        Assert.Equal([second.Id, first.Id], listed.Select(o => o.Id));
        Assert.Equal([OfferState.Offered, OfferState.Declined], listed.Select(o => o.State));
        Assert.Equal([200m, 300m], listed[0].Options.Select(o => o.Amount));
        Assert.Empty(await app.SendAsync<IReadOnlyList<OfferView>>(agent.Actor, new ListOffersQuery((await _offers.CaseAsync(agent)).Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync<IReadOnlyList<OfferView>>(agent.Actor, new ListOffersQuery(Guid.NewGuid())));
        await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<IReadOnlyList<OfferView>>(admin.Actor, new ListOffersQuery(complaint.Id)));
    }
}
