using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>
/// What the case page's offer section reads: the caller's remaining authority on the case (their own limit, what the
/// case's offers already count), the policy's currency and kinds, the customer's 12-month compensation against the
/// warning threshold, their earlier complaints, and the case's offers newest first with the open one.
/// </summary>
public sealed class GetOfferContextTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly OfferSteps _offers = new(app);

    private Task<OfferContext> ContextAsync(TestUser user, Guid complaintId) =>
        app.SendAsync<OfferContext>(user.Actor, new GetOfferContextQuery(complaintId));

    private static string NewEmail() => $"context.{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task A_fresh_case_gives_the_agent_their_whole_limit_the_policy_and_a_form()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);

        var context = await ContextAsync(agent, complaint.Id);

        Assert.Equal(complaint.Id, context.ComplaintId);
        Assert.Equal(OfferSteps.Currency, context.Currency);
        Assert.Equal(Enum.GetValues<CompensationKind>(), context.EnabledKinds);
        Assert.Equal((OfferSteps.AgentLimit, 0m, OfferSteps.AgentLimit), (context.Limit, context.Committed, context.Remaining));
        Assert.Equal((0m, 5000m, false), (context.CustomerCompensationLast12Months, context.WarningThreshold, context.AboveWarningThreshold));
        Assert.Equal(0, context.EarlierComplaintCount);
        Assert.Empty(context.EarlierComplaints);
        Assert.Empty(context.Offers);
        Assert.Null(context.OpenOffer);
        Assert.True(context.CanMakeOffer);
    }

    [Fact]
    public async Task Offers_are_listed_newest_first_and_count_against_the_remaining_authority_while_open_or_granted()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _offers.CaseAsync(agent);
        var declined = await _offers.MakeAsync(agent, complaint.Id, 200m, 700m);
        await _offers.DeclineAsync(agent, declined);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var accepted = await _offers.MakeAsync(agent, complaint.Id, 150m, 300m);
        await _offers.AcceptAsync(agent, accepted, option: 0);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var open = await _offers.MakeAsync(agent, complaint.Id, 400m, 1200m); // above what is left: awaiting approval

        var ofAgent = await ContextAsync(agent, complaint.Id);
        var ofSupervisor = await ContextAsync(supervisor, complaint.Id);

        Assert.Equal([open.Id, accepted.Id, declined.Id], ofAgent.Offers.Select(o => o.Id));
        Assert.Equal([OfferState.AwaitingApproval, OfferState.Accepted, OfferState.Declined], ofAgent.Offers.Select(o => o.State));
        Assert.Equal(open.Id, ofAgent.OpenOffer?.Id);
        Assert.False(ofAgent.CanMakeOffer); // one open offer per case
        // The accepted option (150) and the pending offer at its dearest (1,200) count; the declined one does not.
        Assert.Equal((1000m, 1350m, 0m), (ofAgent.Limit, ofAgent.Committed, ofAgent.Remaining));
        Assert.Equal((20000m, 1350m, 18650m), (ofSupervisor.Limit, ofSupervisor.Committed, ofSupervisor.Remaining));
        Assert.Equal(150m, ofAgent.CustomerCompensationLast12Months);
        Assert.Equal(open.Options.Select(o => (o.Kind, o.Amount, o.Currency, o.CustomerText, o.InternalNote)),
            ofAgent.OpenOffer!.Options.Select(o => (o.Kind, o.Amount, o.Currency, o.CustomerText, o.InternalNote)));

        await _offers.DecideAsync(supervisor, open.Id, approved: false, "Too much for a dented kettle.");
        var afterRejection = await ContextAsync(agent, complaint.Id);
        Assert.Null(afterRejection.OpenOffer);
        Assert.True(afterRejection.CanMakeOffer);
        Assert.Equal((150m, 850m), (afterRejection.Committed, afterRejection.Remaining));
    }

    [Fact]
    public async Task The_customers_12_month_total_is_held_against_the_warning_threshold()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var email = NewEmail();
        var earlier = await _offers.CaseAsync(agent, email);
        var generous = await _offers.MakeAsync(supervisor, earlier.Id, 5000m);
        await _offers.AcceptAsync(agent, generous);
        var atThreshold = await _offers.CaseAsync(agent, email);

        var exactly = await ContextAsync(agent, atThreshold.Id);
        Assert.Equal((5000m, false), (exactly.CustomerCompensationLast12Months, exactly.AboveWarningThreshold)); // at it, not above

        var more = await _offers.MakeAsync(agent, atThreshold.Id, 0.01m);
        await _offers.AcceptAsync(agent, more);
        var above = await ContextAsync(agent, (await _offers.CaseAsync(agent, email)).Id);
        Assert.Equal((5000.01m, true), (above.CustomerCompensationLast12Months, above.AboveWarningThreshold));
        var stranger = await ContextAsync(agent, (await _offers.CaseAsync(agent)).Id);
        Assert.Equal((0m, false), (stranger.CustomerCompensationLast12Months, stranger.AboveWarningThreshold));

        app.Clock.Advance(TimeSpan.FromDays(367)); // both grants are more than 12 months old now
        var later = await ContextAsync(agent, (await _offers.CaseAsync(agent, email)).Id);
        Assert.Equal((0m, false), (later.CustomerCompensationLast12Months, later.AboveWarningThreshold));
    }

    [Fact]
    public async Task Earlier_complaints_are_the_customers_before_this_one_all_counted_the_newest_few_listed()
    {
        var agent = await app.CreateAgentAsync();
        var email = NewEmail();
        var earlier = new List<ComplaintView>();
        for (var i = 0; i < GetOfferContextHandler.MaxEarlierListed + 2; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            earlier.Add(await _offers.Complaints.LogAsync(agent, ComplaintSteps.NewComplaint($"Earlier complaint {i}", email: email)));
        }
        await _offers.Complaints.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = earlier[^1].Id });
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var complaint = await _offers.CaseAsync(agent, email);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = await _offers.CaseAsync(agent, email);
        await _offers.CaseAsync(agent); // another customer

        var context = await ContextAsync(agent, complaint.Id);

        Assert.Equal(earlier.Count, context.EarlierComplaintCount);
        Assert.Equal(earlier.AsEnumerable().Reverse().Take(GetOfferContextHandler.MaxEarlierListed).Select(c => c.Id),
            context.EarlierComplaints.Select(c => c.Id));
        var newest = context.EarlierComplaints[0];
        Assert.Equal((earlier[^1].Reference, $"Earlier complaint {earlier.Count - 1}", ComplaintState.Acknowledged),
            (newest.Reference, newest.Subject, newest.State));
        Assert.DoesNotContain(context.EarlierComplaints, c => c.Id == complaint.Id || c.Id == later.Id);
        Assert.Equal(earlier.Count + 1, (await ContextAsync(agent, later.Id)).EarlierComplaintCount);
        Assert.Equal(0, (await ContextAsync(agent, earlier[0].Id)).EarlierComplaintCount);
    }

    [Fact]
    public async Task A_closed_case_takes_no_new_offer_and_a_raised_authority_is_the_limit()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var closed = await _offers.Complaints.InStateAsync(ComplaintState.Closed, agent);
        Assert.False((await ContextAsync(agent, closed.Id)).CanMakeOffer);

        var escalated = await _offers.Complaints.InStateAsync(ComplaintState.Escalated, agent);
        await _offers.Complaints.SendAsync(supervisor, new DecideEscalationCommand
        {
            ComplaintId = escalated.Id, Approved = true, Comment = "Offer up to 2,500.", RaisedAuthority = 2500m,
        });
        var raised = await ContextAsync(agent, escalated.Id);
        Assert.Equal((2500m, 2500m), (raised.Limit, raised.Remaining));
        Assert.True(raised.CanMakeOffer);
    }

    [Fact]
    public async Task Only_staff_who_handle_cases_read_it_and_an_unknown_case_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Offer Admin", Roles.Admin);
        var complaint = await _offers.CaseAsync(agent);

        await Assert.ThrowsAsync<ActionForbiddenException>(() => ContextAsync(admin, complaint.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => ContextAsync(agent, Guid.NewGuid()));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => ContextAsync(agent, Guid.Empty));
    }

    [Fact]
    public async Task A_disabled_kind_is_not_offered_and_with_no_kind_left_there_is_no_form()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        try
        {
            await _offers.ChangePolicyAsync(enabled: [CompensationKind.Voucher, CompensationKind.Gift]);
            var some = await ContextAsync(agent, complaint.Id);
            Assert.Equal([CompensationKind.Voucher, CompensationKind.Gift], some.EnabledKinds);
            Assert.True(some.CanMakeOffer);

            await _offers.ChangePolicyAsync(enabled: []);
            var none = await ContextAsync(agent, complaint.Id);
            Assert.Empty(none.EnabledKinds);
            Assert.False(none.CanMakeOffer);
        }
        finally
        {
            await _offers.ChangePolicyAsync(enabled: Enum.GetValues<CompensationKind>());
        }
    }
}
