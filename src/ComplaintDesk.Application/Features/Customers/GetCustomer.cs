using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;
using Severity = ComplaintDesk.Domain.Complaints.Severity;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Customers;

public sealed record CustomerComplaint(Guid Id, string Reference, ComplaintState State, Severity Severity, string Category,
    string Subject, DateTimeOffset ReceivedAt);

/// <summary>
/// A customer with their history: how many complaints they made, the newest of them, and what they were granted in
/// the last 12 months — what an agent weighs before offering anything.
/// </summary>
public sealed record CustomerView(
    Guid Id, string Name, string? Email, string? Phone, string? ExternalId, string PreferredLanguage, ContactMethod PreferredContact,
    DateTimeOffset CreatedAt, int ComplaintCount, decimal CompensationLast12Months, IReadOnlyList<CustomerComplaint> Complaints, bool Vip);

/// <summary>One customer; personal data, so for those who handle complaints (agents and supervisors).</summary>
public sealed record GetCustomerQuery(Guid CustomerId) : IQuery<CustomerView>;

public sealed class GetCustomerValidator : AbstractValidator<GetCustomerQuery>
{
    public GetCustomerValidator() => RuleFor(q => q.CustomerId).NotEmpty();
}

public sealed class GetCustomerHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock) : IQueryHandler<GetCustomerQuery, CustomerView>
{
    /// <summary>The newest complaints listed with a customer; <see cref="CustomerView.ComplaintCount"/> counts them all.</summary>
    public const int MaxComplaints = 50;

    public async ValueTask<CustomerView> Handle(GetCustomerQuery query, CancellationToken cancellationToken)
    {
        CustomerHistory.EnsureCaseHandler(currentActor.Actor);
        var found = await CustomerHistory.ReadAsync(db, db.Customers.Where(c => c.Id == query.CustomerId), MaxComplaints, clock.GetUtcNow(), cancellationToken);
        return found.SingleOrDefault() ?? throw new NotFoundException("Customer", query.CustomerId);
    }
}

/// <summary>Customers with their complaint history, in two statements whatever their number (no query per customer).</summary>
internal static class CustomerHistory
{
    /// <summary><paramref name="customers"/> must already be bounded (Take) by the caller.</summary>
    public static async Task<IReadOnlyList<CustomerView>> ReadAsync(ComplaintDeskDbContext db, IQueryable<Domain.Customers.Customer> customers,
        int complaintsEach, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await customers.AsNoTracking()
            .Select(c => new
            {
                c.Id, c.Name, c.Email, c.Phone, c.ExternalId, c.PreferredLanguage, c.PreferredContact, c.CreatedAt, c.Vip,
                ComplaintCount = db.Complaints.Count(x => x.CustomerId == c.Id),
            })
            .ToListAsync(cancellationToken);
        // The newest few of each customer's complaints: one LIMITed read per customer on the CustomerId index, joined by
        // UNION ALL into one statement (callers bound the customers to a handful).
        IQueryable<Complaint>? newest = null;
        foreach (var customer in found)
        {
            var id = customer.Id;
            var one = db.Complaints.Where(x => x.CustomerId == id)
                .OrderByDescending(x => x.ReceivedAt).ThenByDescending(x => x.Id)
                .Take(complaintsEach);
            newest = newest is null ? one : newest.Concat(one);
        }
        var complaints = newest is null
            ? []
            : await newest.AsNoTracking()
                .Select(x => new CustomerComplaintRow(x.CustomerId, x.Id, x.Reference, x.State, x.Severity, x.CategoryCode, x.Subject, x.ReceivedAt))
                .ToListAsync(cancellationToken);
        var compensation = await CustomerCompensation.Last12MonthsAsync(db, found.Select(c => c.Id).ToList(), now, cancellationToken);
        var byCustomer = complaints.ToLookup(x => x.CustomerId,
            x => new CustomerComplaint(x.Id, x.Reference, x.State, x.Severity, x.Category, x.Subject, x.ReceivedAt));
        return found.Select(c => new CustomerView(
                c.Id, c.Name, c.Email, c.Phone, c.ExternalId, c.PreferredLanguage, c.PreferredContact, c.CreatedAt, c.ComplaintCount,
                compensation.GetValueOrDefault(c.Id),
                byCustomer[c.Id].OrderByDescending(x => x.ReceivedAt).ThenByDescending(x => x.Id).ToList(), c.Vip))
            .ToList();
    }

    private sealed record CustomerComplaintRow(Guid CustomerId, Guid Id, string Reference, ComplaintState State, Severity Severity,
        string Category, string Subject, DateTimeOffset ReceivedAt);

    public static void EnsureCaseHandler(Actor actor)
    {
        if (!actor.Is(Party.Agent | Party.Supervisor))
        {
            throw new Domain.ActionForbiddenException("Only staff who handle complaints can look up customers.");
        }
    }
}
