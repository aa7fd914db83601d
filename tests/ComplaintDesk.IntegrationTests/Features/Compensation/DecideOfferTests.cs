using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>
/// Four eyes: a supervisor who did not propose the offer approves it (within his own authority) or rejects it, with a
/// comment; the approvals inbox lists what waits, oldest first, with the customer's 12-month compensation.
/// </summary>
public sealed class DecideOfferTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly OfferSteps _offers = new(app);

    [Fact]
    public async Task Approving_puts_the_offer_in_front_of_the_customer()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1200m);
        app.Clock.Advance(TimeSpan.FromMinutes(30));

        var approved = await _offers.DecideAsync(supervisor, offer.Id, approved: true, comment: "  Fair: the kettle burnt the counter.  ");

        Assert.Equal(OfferState.Offered, approved.State);
        Assert.Equal(new PersonRef(supervisor.Id, supervisor.DisplayName), approved.DecidedBy);
        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((OfferState.Offered, 1, supervisor.Id, app.Clock.GetUtcNow(), "Fair: the kettle burnt the counter."),
            (stored.State, stored.Version, stored.DecidedById, stored.DecidedAt, stored.DecisionComment));
        var storedCase = await _offers.Complaints.StoredAsync(complaint.Id);
        Assert.False(storedCase.OfferAwaitingApproval);
        Assert.True(storedCase.WaitingOnCustomer);
        var decided = await _offers.LastEventAsync(complaint.Id);
        Assert.Equal((TimelineEventKind.OfferApproved, Visibility.Internal, supervisor.Id, "Fair: the kettle burnt the counter."),
            (decided.Kind, decided.Visibility, decided.ActorId, decided.Text));
    }

    [Fact]
    public async Task Rejecting_ends_the_offer_frees_its_authority_and_lets_the_case_resolve()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.Complaints.InStateAsync(ComplaintState.Resolving, agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1200m);

        var rejected = await _offers.DecideAsync(supervisor, offer.Id, approved: false, comment: "Too generous for a scratch.");

        Assert.Equal(OfferState.Rejected, rejected.State);
        Assert.Equal("Too generous for a scratch.", (await _offers.StoredAsync(offer.Id)).DecisionComment);
        Assert.Equal(TimelineEventKind.OfferRejected, (await _offers.LastEventAsync(complaint.Id)).Kind);
        var storedCase = await _offers.Complaints.StoredAsync(complaint.Id);
        Assert.False(storedCase.OfferAwaitingApproval);
        Assert.False(storedCase.WaitingOnCustomer);
        // A rejected offer grants nothing: the agent's whole limit is left.
        Assert.Equal(OfferState.Offered, (await _offers.MakeAsync(agent, complaint.Id, OfferSteps.AgentLimit)).State);
    }

    [Fact]
    public async Task A_supervisor_cannot_approve_beyond_his_own_authority_but_may_reject()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, OfferSteps.SupervisorLimit + 0.01m);

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.DecideAsync(supervisor, offer.Id, approved: true));

        Assert.Equal(Rules.BeyondAuthority, refusal.Rule);
        Assert.Equal(OfferState.Rejected, (await _offers.DecideAsync(supervisor, offer.Id, approved: false, comment: "Needs the director.")).State);
    }

    [Fact]
    public async Task A_supervisor_with_a_higher_override_may_approve_what_the_role_limit_may_not()
    {
        var agent = await app.CreateAgentAsync();
        var director = await app.CreateSupervisorAsync("Dee Director");
        await _offers.ChangePolicyAsync(userLimits: [new UserAuthority(director.Id, 50000m)]);
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 30000m);

        Assert.Equal(OfferState.Offered, (await _offers.DecideAsync(director, offer.Id, approved: true)).State);
    }

    [Fact]
    public async Task A_decision_without_a_comment_or_a_verdict_is_refused_on_its_field()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1200m);

        await _offers.RefusedOnFieldAsync(complaint.Id, "Comment", () => _offers.DecideAsync(supervisor, offer.Id, approved: true, comment: " "));
        await _offers.RefusedOnFieldAsync(complaint.Id, "Approved", () => _offers.SendAsync(supervisor, new DecideOfferCommand
        {
            OfferId = offer.Id, Comment = "Yes.",
        }));
    }

    [Fact]
    public async Task Deciding_twice_is_refused_the_decision_is_final_for_that_version()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var other = await app.CreateSupervisorAsync("Otto Other");
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 1200m);
        await _offers.DecideAsync(supervisor, offer.Id, approved: false, comment: "No.");

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.DecideAsync(other, offer.Id, approved: true));

        Assert.Equal(Rules.OfferStateNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task Deciding_an_unknown_offer_is_not_found()
    {
        var supervisor = await app.CreateSupervisorAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => _offers.DecideAsync(supervisor, Guid.NewGuid(), approved: true));
        await Assert.ThrowsAsync<ValidationException>(() => _offers.DecideAsync(supervisor, Guid.Empty, approved: true));
    }

    [Fact]
    public async Task The_inbox_lists_offers_awaiting_approval_oldest_first_with_the_case_and_the_customers_history()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var email = $"squeaky.{Guid.NewGuid():N}@example.test";
        // The customer was granted 5,000.00 before (exactly the threshold: no warning yet) …
        var earlier = await _offers.CaseAsync(agent, email);
        var granted = await _offers.MakeAsync(supervisor, earlier.Id, 5000m);
        await _offers.AcceptAsync(agent, granted);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await _offers.CaseAsync(agent, email);
        var older = await _offers.MakeAsync(agent, again.Id, 1500m);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var other = await _offers.CaseAsync(agent);
        var newer = await _offers.MakeAsync(supervisor, other.Id, 25000m);
        var offered = await _offers.MakeAsync(agent, (await _offers.CaseAsync(agent)).Id, 10m); // not waiting: not listed

        var inbox = await app.SendAsync<PendingApprovals>(supervisor.Actor, new ListPendingApprovalsQuery());

        var mine = inbox.Items.Where(i => i.Offer.Id == older.Id || i.Offer.Id == newer.Id || i.Offer.Id == offered.Id).ToList();
        Assert.Equal([older.Id, newer.Id], mine.Select(i => i.Offer.Id));
        Assert.False(inbox.More);
        var first = mine[0];
        Assert.Equal((again.Id, again.Reference, "Kettle stopped working", Domain.Complaints.Severity.High, "productQuality"),
            (first.ComplaintId, first.Reference, first.Subject, first.Severity, first.Category));
        Assert.Equal((again.Customer.Id, "Ann Customer"), (first.CustomerId, first.CustomerName));
        Assert.Equal(earlier.Customer.Id, again.Customer.Id);
        Assert.Equal((5000m, false), (first.CustomerCompensationLast12Months, first.AboveWarningThreshold));
        Assert.Equal((new PersonRef(agent.Id, agent.DisplayName), false), (first.ProposedBy, first.ProposedByYou));
        Assert.Equal((OfferState.AwaitingApproval, 1500m), (first.Offer.State, first.Offer.MaxCost));
        var second = mine[1];
        Assert.Equal((other.Id, other.Reference, 0m, true), (second.ComplaintId, second.Reference, second.CustomerCompensationLast12Months, second.ProposedByYou));
    }

    [Fact]
    public async Task The_inbox_warns_when_the_customers_12_month_compensation_is_beyond_the_threshold()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var email = $"loud.{Guid.NewGuid():N}@example.test";
        var earlier = await _offers.CaseAsync(agent, email);
        await _offers.AcceptAsync(agent, await _offers.MakeAsync(supervisor, earlier.Id, 5000.01m));
        var waiting = await _offers.MakeAsync(agent, (await _offers.CaseAsync(agent, email)).Id, 2000m);

        var inbox = await app.SendAsync<PendingApprovals>(supervisor.Actor, new ListPendingApprovalsQuery());

        var item = Assert.Single(inbox.Items, i => i.Offer.Id == waiting.Id);
        Assert.Equal((5000.01m, true), (item.CustomerCompensationLast12Months, item.AboveWarningThreshold));
    }

    [Fact]
    public async Task The_inbox_drops_an_offer_once_decided()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var offer = await _offers.MakeAsync(agent, (await _offers.CaseAsync(agent)).Id, 1500m);
        await _offers.DecideAsync(supervisor, offer.Id, approved: true);

        var inbox = await app.SendAsync<PendingApprovals>(supervisor.Actor, new ListPendingApprovalsQuery());

        Assert.DoesNotContain(inbox.Items, i => i.Offer.Id == offer.Id);
    }

    [Fact]
    public async Task The_inbox_is_for_supervisors_only()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);

        await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<PendingApprovals>(agent.Actor, new ListPendingApprovalsQuery()));
        await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<PendingApprovals>(admin.Actor, new ListPendingApprovalsQuery()));
    }
}
