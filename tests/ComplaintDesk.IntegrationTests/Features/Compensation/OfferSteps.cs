using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>What a refused offer command must leave as it was: every offer of the case, the ledger, the case row and its timeline.</summary>
public sealed record OfferSnapshot(string Offers, int LedgerLines, uint CaseVersion, int Events, bool WaitingOnCustomer, bool OfferAwaitingApproval);

/// <summary>
/// Slice-test steps for offers: send the commands through the app's pipeline, read back what PostgreSQL stored. The
/// seeded policy: TWD, agents 1,000, supervisors 20,000 per case, warning at 5,000 over 12 months, every kind enabled.
/// </summary>
public sealed class OfferSteps(ComplaintDeskApp app)
{
    public const decimal AgentLimit = 1000m;
    public const decimal SupervisorLimit = 20000m;
    public const string Currency = "TWD";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ComplaintSteps Complaints { get; } = new(app);

    public static OfferOptionRequest Option(decimal amount, CompensationKind kind = CompensationKind.PartialRefund, string? currency = null,
        string text = "We refund part of the price.", string? note = "Goodwill.") =>
        new() { Kind = kind, Amount = amount, Currency = currency, CustomerText = text, InternalNote = note };

    public static List<OfferOptionRequest> Options(params decimal[] amounts) => amounts.Select(a => Option(a)).ToList();

    /// <summary>A fresh open case (received), logged by <paramref name="agent"/>.</summary>
    public Task<ComplaintView> CaseAsync(TestUser agent, string email = "") =>
        Complaints.LogAsync(agent, ComplaintSteps.NewComplaint(email: email.Length == 0 ? null : email));

    public Task<OfferView> MakeAsync(TestUser by, Guid complaintId, params decimal[] amounts) =>
        app.SendAsync<OfferView>(by.Actor, new MakeOfferCommand { ComplaintId = complaintId, Options = Options(amounts) });

    public Task<OfferView> SendAsync(TestUser by, Mediator.ICommand<OfferView> command) => app.SendAsync<OfferView>(by.Actor, command);

    public Task<OfferView> DecideAsync(TestUser by, Guid offerId, bool approved, string comment = "Fair for what happened.") =>
        SendAsync(by, new DecideOfferCommand { OfferId = offerId, Approved = approved, Comment = comment });

    public Task<OfferView> AcceptAsync(TestUser by, OfferView offer, int option = 0) =>
        SendAsync(by, new AnswerOfferCommand { OfferId = offer.Id, OfferVersion = offer.Version, OptionId = offer.Options[option].Id });

    public Task<OfferView> DeclineAsync(TestUser by, OfferView offer, string reason = "The customer wants a full refund.") =>
        SendAsync(by, new AnswerOfferCommand { OfferId = offer.Id, OfferVersion = offer.Version, Declined = true, Reason = reason });

    public Task<OfferView> ReviseAsync(TestUser by, Guid offerId, params decimal[] amounts) =>
        SendAsync(by, new ReviseOfferCommand { OfferId = offerId, Options = Options(amounts) });

    public Task<OfferView> FulfilAsync(TestUser by, Guid offerId, string reference = "REFUND-20261102-0001") =>
        SendAsync(by, new FulfilOfferCommand { OfferId = offerId, Reference = reference });

    public Task<CompensationOffer> StoredAsync(Guid offerId) =>
        app.QueryDbAsync(db => db.Offers.AsNoTracking().SingleAsync(o => o.Id == offerId, Ct));

    public Task<List<CompensationOffer>> OffersOfAsync(Guid complaintId) =>
        app.QueryDbAsync(db => db.Offers.AsNoTracking().Where(o => o.ComplaintId == complaintId).OrderBy(o => o.ProposedAt).ThenBy(o => o.Id).ToListAsync(Ct));

    public Task<List<LedgerLine>> LedgerOfCaseAsync(Guid complaintId) =>
        app.QueryDbAsync(db => db.Ledger.AsNoTracking().Where(l => l.ComplaintId == complaintId).OrderBy(l => l.Id).ToListAsync(Ct));

    public async Task<OfferSnapshot> SnapshotAsync(Guid complaintId)
    {
        var offers = await OffersOfAsync(complaintId);
        var described = string.Join(" | ", offers.Select(o =>
            $"{o.Id} v{o.Version} {o.State} x{o.RowVersion} by {o.ProposedById} decided {o.DecidedById} accepted {o.AcceptedOptionId} " +
            string.Join(",", o.Options.OrderBy(x => x.Position).Select(x => $"{x.Kind}:{x.Amount}:{x.Currency}"))));
        var ledger = (await LedgerOfCaseAsync(complaintId)).Count;
        var complaint = await Complaints.StoredAsync(complaintId);
        var events = (await Complaints.EventsAsync(complaintId)).Count;
        return new OfferSnapshot(described, ledger, complaint.Version, events, complaint.WaitingOnCustomer, complaint.OfferAwaitingApproval);
    }

    /// <summary>Runs a command that must be refused with <typeparamref name="TException"/>, and checks it wrote nothing.</summary>
    public async Task<TException> RefusedAsync<TException>(Guid complaintId, Func<Task> act) where TException : Exception
    {
        var before = await SnapshotAsync(complaintId);
        var refusal = await Assert.ThrowsAsync<TException>(act);
        Assert.Equal(before, await SnapshotAsync(complaintId));
        return refusal;
    }

    /// <summary>A validation refusal naming <paramref name="property"/> (as FluentValidation names it, e.g. Options[0].Amount) that wrote nothing.</summary>
    public async Task RefusedOnFieldAsync(Guid complaintId, string property, Func<Task> act)
    {
        var refusal = await RefusedAsync<ValidationException>(complaintId, act);
        Assert.Contains(refusal.Errors, e => e.PropertyName == property);
    }

    /// <summary>Changes the one policy row (as the policy page would): kinds enabled, per-user limits; the rest as seeded.</summary>
    public Task ChangePolicyAsync(IEnumerable<CompensationKind>? enabled = null, IEnumerable<UserAuthority>? userLimits = null) =>
        app.QueryDbAsync(async db =>
        {
            var policy = await db.CompensationPolicies.SingleAsync(p => p.Id == CompensationPolicy.SingletonId, Ct);
            policy.Change(enabled ?? policy.EnabledKinds, policy.Currency, policy.AgentLimit, policy.SupervisorLimit, policy.WarningThreshold,
                userLimits ?? policy.UserLimits);
            return await db.SaveChangesAsync(Ct);
        });

    public Task<TimelineEvent> LastEventAsync(Guid complaintId) =>
        app.QueryDbAsync(db => db.TimelineEvents.AsNoTracking().Where(e => e.ComplaintId == complaintId).OrderByDescending(e => e.Id).FirstAsync(Ct));
}
