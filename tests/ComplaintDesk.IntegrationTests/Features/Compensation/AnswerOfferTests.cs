using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Customers;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>
/// The customer's answer, recorded by staff: one option or a decline with a reason, once, against the version the
/// customer saw. An accepted option is one ledger line; the customer's 12-month total follows the ledger.
/// </summary>
public sealed class AnswerOfferTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly OfferSteps _offers = new(app);

    [Fact]
    public async Task Accepting_an_option_records_it_once_in_the_ledger_and_the_case_stops_waiting()
    {
        var agent = await app.CreateAgentAsync();
        var colleague = await app.CreateAgentAsync("Colin Colleague");
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id,
            Options = [OfferSteps.Option(150.25m), OfferSteps.Option(400m, Domain.Compensation.CompensationKind.Voucher, text: "A voucher of 400.")],
        });
        app.Clock.Advance(TimeSpan.FromHours(3));

        var accepted = await _offers.AcceptAsync(colleague, offer, option: 1);

        Assert.Equal((OfferState.Accepted, offer.Options[1].Id, app.Clock.GetUtcNow()), (accepted.State, accepted.AcceptedOptionId, accepted.AnsweredAt));
        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((OfferState.Accepted, offer.Options[1].Id, colleague.DisplayName), (stored.State, stored.AcceptedOptionId, stored.AnsweredByName));
        var line = Assert.Single(await _offers.LedgerOfCaseAsync(complaint.Id));
        Assert.Equal((offer.Id, offer.Options[1].Id, complaint.Customer.Id, "productQuality", CompensationKind.Voucher, 400.00m, "TWD", app.Clock.GetUtcNow(), (DateTimeOffset?)null),
            (line.OfferId, line.OptionId, line.CustomerId, line.CategoryCode, line.Kind, line.Amount, line.Currency, line.AcceptedAt, line.FulfilledAt));
        Assert.False((await _offers.Complaints.StoredAsync(complaint.Id)).WaitingOnCustomer);
        var answered = await _offers.LastEventAsync(complaint.Id);
        Assert.Equal((TimelineEventKind.OfferAccepted, Visibility.Public, colleague.Id), (answered.Kind, answered.Visibility, answered.ActorId));
        Assert.Equal("Voucher 400.00 TWD: A voucher of 400.", answered.Text);
    }

    [Fact]
    public async Task Declining_records_the_reason_writes_no_ledger_line_and_lets_the_agent_offer_again()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 900m);

        var declined = await _offers.DeclineAsync(agent, offer, reason: "  Wants the money, not a voucher.  ");

        Assert.Equal((OfferState.Declined, "Wants the money, not a voucher.", (Guid?)null), (declined.State, declined.DeclineReason, declined.AcceptedOptionId));
        Assert.Empty(await _offers.LedgerOfCaseAsync(complaint.Id));
        Assert.False((await _offers.Complaints.StoredAsync(complaint.Id)).WaitingOnCustomer);
        var answered = await _offers.LastEventAsync(complaint.Id);
        Assert.Equal((TimelineEventKind.OfferDeclined, Visibility.Public, "Wants the money, not a voucher."), (answered.Kind, answered.Visibility, answered.Text));
        // A declined offer grants nothing: the whole limit is there for the next one.
        Assert.Equal(OfferState.Offered, (await _offers.MakeAsync(agent, complaint.Id, OfferSteps.AgentLimit)).State);
    }

    [Fact]
    public async Task A_second_answer_is_refused_exactly_one_answer_per_offer()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 100m, 200m);
        await _offers.AcceptAsync(agent, offer, option: 0);

        var again = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.AcceptAsync(agent, offer, option: 1));
        var decline = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.DeclineAsync(agent, offer));

        Assert.Equal((Rules.OfferStateNotAllowed, Rules.OfferStateNotAllowed), (again.Rule, decline.Rule));
        Assert.Single(await _offers.LedgerOfCaseAsync(complaint.Id));
    }

    [Fact]
    public async Task Choosing_an_option_of_another_offer_is_refused()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var elsewhere = await _offers.MakeAsync(agent, (await _offers.CaseAsync(agent)).Id, 50m);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 100m);

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.SendAsync(agent, new AnswerOfferCommand
        {
            OfferId = offer.Id, OfferVersion = 1, OptionId = elsewhere.Options[0].Id,
        }));

        Assert.Equal(Rules.OfferStateNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task An_answer_for_another_version_is_refused_as_stale()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 100m);

        var refusal = await _offers.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _offers.SendAsync(agent, new AnswerOfferCommand
        {
            OfferId = offer.Id, OfferVersion = 2, OptionId = offer.Options[0].Id,
        }));

        Assert.Equal(Rules.OfferVersionStale, refusal.Rule);
        Assert.Contains("current version is 1", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_needs_a_version_and_an_option_or_a_reasoned_decline()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 100m);

        await _offers.RefusedOnFieldAsync(complaint.Id, "OfferVersion", () => _offers.SendAsync(agent, new AnswerOfferCommand
        {
            OfferId = offer.Id, OptionId = offer.Options[0].Id,
        }));
        await _offers.RefusedOnFieldAsync(complaint.Id, "OptionId", () => _offers.SendAsync(agent, new AnswerOfferCommand
        {
            OfferId = offer.Id, OfferVersion = 1,
        }));
        await _offers.RefusedOnFieldAsync(complaint.Id, "Reason", () => _offers.SendAsync(agent, new AnswerOfferCommand
        {
            OfferId = offer.Id, OfferVersion = 1, Declined = true,
        }));
        await _offers.RefusedOnFieldAsync(complaint.Id, "OptionId", () => _offers.SendAsync(agent, new AnswerOfferCommand
        {
            OfferId = offer.Id, OfferVersion = 1, Declined = true, Reason = "No.", OptionId = offer.Options[0].Id,
        }));
    }

    [Fact]
    public async Task Answering_an_unknown_offer_is_not_found_and_an_administrator_may_not_record_answers()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 100m);

        await Assert.ThrowsAsync<NotFoundException>(() => _offers.SendAsync(agent, new AnswerOfferCommand
        {
            OfferId = Guid.NewGuid(), OfferVersion = 1, OptionId = offer.Options[0].Id,
        }));
        await _offers.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _offers.AcceptAsync(admin, offer));
    }

    [Fact]
    public async Task The_customers_12_month_total_rises_with_an_accepted_option_and_falls_when_it_is_a_year_old()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var customerId = complaint.Customer.Id;
        Assert.Equal(0m, complaint.Customer.CompensationLast12Months);

        await _offers.AcceptAsync(agent, await _offers.MakeAsync(agent, complaint.Id, 120.40m, 80m), option: 0);
        var second = await _offers.CaseAsync(agent, complaint.Customer.Email!);
        await _offers.AcceptAsync(agent, await _offers.MakeAsync(agent, second.Id, 0.35m));

        var onTheCase = await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id));
        var customer = await app.SendAsync<CustomerView>(agent.Actor, new GetCustomerQuery(customerId));
        Assert.Equal((120.75m, 120.75m), (onTheCase.Customer.CompensationLast12Months, customer.CompensationLast12Months));

        app.Clock.Advance(TimeSpan.FromDays(366));
        Assert.Equal(0m, (await app.SendAsync<CustomerView>(agent.Actor, new GetCustomerQuery(customerId))).CompensationLast12Months);
    }
}
