using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>
/// The attacks of the quality bars that must fail, each on its own, through the real pipeline: each refusal
/// writes nothing. (Mass assignment and agents calling the supervisor routes are HTTP matters: OfferApiTests.)
/// </summary>
public sealed class OfferAttackTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly OfferSteps _offers = new(app);

    [Fact]
    public async Task An_agent_cannot_approve_their_own_offer()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1500m);

        await _offers.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _offers.DecideAsync(agent, offer.Id, approved: true));
        await _offers.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _offers.DecideAsync(agent, offer.Id, approved: false));
        Assert.Equal(OfferState.AwaitingApproval, (await _offers.StoredAsync(offer.Id)).State);
    }

    [Fact]
    public async Task A_supervisor_cannot_approve_his_own_offer()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(supervisor, complaint.Id, OfferSteps.SupervisorLimit + 1m);

        var refusal = await _offers.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _offers.DecideAsync(supervisor, offer.Id, approved: true));

        Assert.Contains("second person", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_cannot_approve_a_revision_he_made_of_someone_elses_offer()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1500m);
        await _offers.ReviseAsync(supervisor, offer.Id, OfferSteps.SupervisorLimit + 1m);

        await _offers.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _offers.DecideAsync(supervisor, offer.Id, approved: true));
    }

    [Fact]
    public async Task An_offer_that_was_never_submitted_for_approval_cannot_be_approved()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offered = await _offers.MakeAsync(agent, complaint.Id, 100m); // within authority: offered, not submitted

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.DecideAsync(supervisor, offered.Id, approved: true));

        Assert.Equal(Rules.OfferStateNotAllowed, refusal.Rule);
        Assert.Null((await _offers.StoredAsync(offered.Id)).DecidedById);
    }

    [Fact]
    public async Task An_offer_awaiting_approval_cannot_be_answered()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1500m);

        var accept = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.AcceptAsync(agent, offer));
        var decline = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.DeclineAsync(agent, offer));

        Assert.Equal((Rules.OfferStateNotAllowed, Rules.OfferStateNotAllowed), (accept.Rule, decline.Rule));
        Assert.Empty(await _offers.LedgerOfCaseAsync(complaint.Id));
    }

    [Fact]
    public async Task A_rejected_offer_cannot_be_answered()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1500m);
        await _offers.DecideAsync(supervisor, offer.Id, approved: false, comment: "No.");

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.AcceptAsync(agent, offer));

        Assert.Equal(Rules.OfferStateNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task A_superseded_version_cannot_be_answered()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var first = await _offers.MakeAsync(agent, complaint.Id, 900m);
        var second = await _offers.ReviseAsync(agent, first.Id, 400m);

        // The customer answers what they saw: version 1, and an option that no longer exists.
        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.AcceptAsync(agent, first));

        Assert.Equal(Rules.OfferVersionStale, refusal.Rule);
        Assert.Contains("version 1", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("current version is 2", refusal.Message, StringComparison.Ordinal);
        // Even naming an option of the current version, version 1 is refused; version 2 is answered.
        await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.SendAsync(agent, new AnswerOfferCommand
        {
            OfferId = first.Id, OfferVersion = 1, OptionId = second.Options[0].Id,
        }));
        Assert.Equal(OfferState.Accepted, (await _offers.AcceptAsync(agent, second)).State);
        Assert.Equal(400m, Assert.Single(await _offers.LedgerOfCaseAsync(complaint.Id)).Amount);
    }

    [Fact]
    public async Task An_expired_offer_cannot_be_answered()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 300m);
        var answerBy = Assert.IsType<DateTimeOffset>(offer.AnswerBy);
        app.Clock.Advance(answerBy - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await app.SweepAsync();
        Assert.Equal(OfferState.Expired, (await _offers.StoredAsync(offer.Id)).State);
        Assert.Equal(TimelineEventKind.OfferExpired, (await _offers.LastEventAsync(complaint.Id)).Kind);
        Assert.False((await _offers.Complaints.StoredAsync(complaint.Id)).WaitingOnCustomer);

        var accept = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.AcceptAsync(agent, offer));
        var decline = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.DeclineAsync(agent, offer));
        var revise = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.ReviseAsync(agent, offer.Id, 200m));

        Assert.Equal([Rules.OfferStateNotAllowed, Rules.OfferStateNotAllowed, Rules.OfferStateNotAllowed], new[] { accept.Rule, decline.Rule, revise.Rule });
        Assert.Empty(await _offers.LedgerOfCaseAsync(complaint.Id));
        // An expired offer grants nothing: a new one may use the whole limit.
        Assert.Equal(OfferState.Offered, (await _offers.MakeAsync(agent, complaint.Id, OfferSteps.AgentLimit)).State);
    }

    [Fact]
    public async Task One_cent_over_the_limit_needs_approval_and_the_limit_itself_does_not()
    {
        var agent = await app.CreateAgentAsync();
        var overCase = await _offers.CaseAsync(agent);
        var atCase = await _offers.CaseAsync(agent);

        var over = await _offers.MakeAsync(agent, overCase.Id, 1000.01m);
        var at = await _offers.MakeAsync(agent, atCase.Id, 1000.00m);

        Assert.Equal(OfferState.AwaitingApproval, over.State);
        Assert.Equal(OfferState.Offered, at.State);
        // Awaiting approval, it cannot reach the customer: nothing can be accepted, no ledger line.
        await _offers.RefusedAsync<ComplaintRuleException>(overCase.Id, () => _offers.AcceptAsync(agent, over));
    }

    [Fact]
    public async Task Three_offers_of_half_the_limit_each_the_third_waits_for_approval()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var half = OfferSteps.AgentLimit / 2;

        var first = await _offers.MakeAsync(agent, complaint.Id, half);
        await _offers.AcceptAsync(agent, first);
        var second = await _offers.MakeAsync(agent, complaint.Id, half);
        await _offers.AcceptAsync(agent, second);
        var third = await _offers.MakeAsync(agent, complaint.Id, half);

        Assert.Equal([OfferState.Offered, OfferState.Offered, OfferState.AwaitingApproval], new[] { first.State, second.State, third.State });
        // Beyond the agent now: the customer cannot take it before a supervisor approves it.
        await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.AcceptAsync(agent, third));
        Assert.Equal(2, (await _offers.LedgerOfCaseAsync(complaint.Id)).Count);
    }

    [Fact]
    public async Task An_open_offer_counts_at_its_dearest_option_so_a_revision_cannot_hide_the_total()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        await _offers.AcceptAsync(agent, await _offers.MakeAsync(agent, complaint.Id, 600m));

        var next = await _offers.MakeAsync(agent, complaint.Id, 100m, 400.01m);

        Assert.Equal(OfferState.AwaitingApproval, next.State);
    }

    [Fact]
    public async Task Raising_an_approved_offers_amount_makes_a_new_version_awaiting_approval_and_the_old_approval_is_gone()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1500m);
        var approved = await _offers.DecideAsync(supervisor, offer.Id, approved: true, comment: "1,500 is fine.");
        Assert.Equal(OfferState.Offered, approved.State);
        Assert.True((await _offers.Complaints.StoredAsync(complaint.Id)).WaitingOnCustomer);

        var raised = await _offers.ReviseAsync(agent, offer.Id, 4000m);

        Assert.Equal((2, OfferState.AwaitingApproval), (raised.Version, raised.State));
        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((OfferState.AwaitingApproval, (string?)null, (DateTimeOffset?)null, (string?)null),
            (stored.State, stored.DecidedById, stored.DecidedAt, stored.DecisionComment));
        Assert.Equal(4000m, Assert.Single(stored.Options).Amount);
        var storedCase = await _offers.Complaints.StoredAsync(complaint.Id);
        Assert.True(storedCase.OfferAwaitingApproval);
        // Nothing is in front of the customer any more: the case no longer waits on them.
        Assert.False(storedCase.WaitingOnCustomer);
        // The customer cannot take the raised amount on the strength of the old approval, in either version.
        await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.AcceptAsync(agent, approved));
        await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.AcceptAsync(agent, raised));
        Assert.Empty(await _offers.LedgerOfCaseAsync(complaint.Id));

        await _offers.DecideAsync(supervisor, offer.Id, approved: false, comment: "Too much.");
        var rejected = await _offers.Complaints.StoredAsync(complaint.Id);
        Assert.Equal((false, false), (rejected.OfferAwaitingApproval, rejected.WaitingOnCustomer));
    }

    [Fact]
    public async Task A_case_with_an_offer_awaiting_approval_cannot_be_resolved_until_it_is_decided()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.Complaints.InStateAsync(ComplaintState.Resolving, agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1500m);
        var resolve = new ResolveComplaintCommand { ComplaintId = complaint.Id, Summary = "Settled.", Outcome = ResolutionOutcome.Upheld };

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.Complaints.SendAsync(agent, resolve));
        var asSupervisor = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.Complaints.SendAsync(supervisor, resolve));

        Assert.Equal((Rules.OfferAwaitingApproval, Rules.OfferAwaitingApproval), (refusal.Rule, asSupervisor.Rule));
        await _offers.DecideAsync(supervisor, offer.Id, approved: false, comment: "No.");
        Assert.Equal(ComplaintState.Closed, (await _offers.Complaints.SendAsync(agent, resolve)).State);
    }
}
