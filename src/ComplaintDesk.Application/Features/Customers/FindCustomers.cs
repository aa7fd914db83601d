using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Customers;

/// <summary>
/// Intake's lookup: customers whose e-mail or phone matches once normalised (case, width, spaces and dashes don't
/// matter), with their earlier complaints — the same matching that recognises a returning customer at intake.
/// </summary>
public sealed record FindCustomersQuery : IQuery<IReadOnlyList<CustomerView>>
{
    public const int MaxCustomers = 5;
    public const int ComplaintsEach = 5;

    public string? Email { get; init; }
    public string? Phone { get; init; }
}

public sealed class FindCustomersValidator : AbstractValidator<FindCustomersQuery>
{
    public FindCustomersValidator()
    {
        RuleFor(q => q.Email).NotEmpty().When(q => string.IsNullOrWhiteSpace(q.Phone))
            .WithMessage(_ => Texts.Get("Give an e-mail address or a phone number to look for."));
        RuleFor(q => q.Email).MaximumLength(FieldLengths.Email);
        RuleFor(q => q.Phone).MaximumLength(FieldLengths.Phone);
    }
}

public sealed class FindCustomersHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : IQueryHandler<FindCustomersQuery, IReadOnlyList<CustomerView>>
{
    public async ValueTask<IReadOnlyList<CustomerView>> Handle(FindCustomersQuery query, CancellationToken cancellationToken)
    {
        CustomerHistory.EnsureCaseHandler(currentActor.Actor);
        var email = Customer.NormaliseEmail(query.Email);
        var phone = Customer.NormalisePhone(query.Phone);
        if (email is null && phone is null)
        {
            return []; // "---" as a phone: nothing to match
        }
        // Each condition on its own index: e-mail, phone, or either.
        var customers = (email, phone) switch
        {
            (not null, null) => db.Customers.Where(c => c.NormalisedEmail == email),
            (null, not null) => db.Customers.Where(c => c.NormalisedPhone == phone),
            _ => db.Customers.Where(c => c.NormalisedEmail == email || c.NormalisedPhone == phone),
        };
        return await CustomerHistory.ReadAsync(db, customers.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Take(FindCustomersQuery.MaxCustomers),
            FindCustomersQuery.ComplaintsEach, clock.GetUtcNow(), cancellationToken);
    }
}
