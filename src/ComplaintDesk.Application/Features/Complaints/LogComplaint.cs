using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Alerts;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record CustomerInput
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? ExternalId { get; init; }
    public string? PreferredLanguage { get; init; }
    public ContactMethod? PreferredContact { get; init; }
}

/// <summary>A complaint arrives from any channel; a returning customer (same e-mail or phone) is recognised.</summary>
public sealed record LogComplaintCommand : ICommand<ComplaintView>
{
    public CustomerInput Customer { get; init; } = new();
    public Channel? Channel { get; init; }
    public string? Category { get; init; }
    public Severity? Severity { get; init; }
    public string? Subject { get; init; }
    public string? Description { get; init; }
    public string? OrderReference { get; init; }
    public string? ProductName { get; init; }
    public DateOnly? PurchaseDate { get; init; }
    public DateOnly? IncidentDate { get; init; }
    public string? ProductUsage { get; init; }
    public DesiredResolution? DesiredResolution { get; init; }
    public string? DesiredResolutionText { get; init; }
}

public sealed class LogComplaintValidator : AbstractValidator<LogComplaintCommand>
{
    public LogComplaintValidator()
    {
        RuleFor(c => c.Customer).NotNull();
        // "customer": null in JSON must be a field error, not a NullReferenceException inside the rules below.
        When(c => c.Customer is not null, () =>
        {
            RuleFor(c => c.Customer.Name).NotEmpty().MaximumLength(FieldLengths.PersonName);
            RuleFor(c => c.Customer.Email).EmailAddress().MaximumLength(FieldLengths.Email);
            RuleFor(c => c.Customer.Phone).MaximumLength(FieldLengths.Phone)
                .Matches(@"^\+?[0-9()\-.\s]{4,}$").When(c => !string.IsNullOrWhiteSpace(c.Customer.Phone))
                .WithMessage(_ => Texts.Get("Enter a phone number of digits, spaces and + - ( )."));
            RuleFor(c => c.Customer.Email).NotEmpty()
                .When(c => string.IsNullOrWhiteSpace(c.Customer.Phone))
                .WithMessage(_ => Texts.Get("Give an e-mail address or a phone number, so that we can reach the customer."));
            RuleFor(c => c.Customer.ExternalId).MaximumLength(FieldLengths.ExternalId);
            RuleFor(c => c.Customer.PreferredLanguage).Must(l => l is null || Languages.All.Contains(l))
                .WithMessage(_ => Texts.Format("Choose one of: {0}.", string.Join(", ", Languages.All)));
            RuleFor(c => c.Customer.PreferredContact).IsInEnum();
        });
        RuleFor(c => c.Channel).NotNull().IsInEnum();
        RuleFor(c => c.Category).NotEmpty().MaximumLength(FieldLengths.CategoryCode);
        RuleFor(c => c.Severity).IsInEnum();
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(FieldLengths.Subject);
        RuleFor(c => c.Description).NotEmpty().MaximumLength(FieldLengths.Description);
        RuleFor(c => c.OrderReference).MaximumLength(FieldLengths.OrderReference);
        RuleFor(c => c.ProductName).MaximumLength(FieldLengths.ProductName);
        RuleFor(c => c.ProductUsage).MaximumLength(FieldLengths.ProductUsage);
        RuleFor(c => c.DesiredResolution).IsInEnum();
        RuleFor(c => c.DesiredResolutionText).MaximumLength(FieldLengths.DesiredResolutionText);
        RuleFor(c => c.PurchaseDate).LessThanOrEqualTo(c => c.IncidentDate).When(c => c.PurchaseDate is not null && c.IncidentDate is not null)
            .WithMessage(_ => Texts.Get("The purchase cannot come after the incident."));
    }
}

public sealed class LogComplaintHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock, LifecycleSettings settings,
    KeywordScreening keywords)
    : ICommandHandler<LogComplaintCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(LogComplaintCommand command, CancellationToken cancellationToken)
    {
        var actor = currentActor.Actor;
        if (!actor.Is(Party.Agent | Party.Supervisor))
        {
            throw new ActionForbiddenException("Only agents and supervisors log complaints.");
        }
        var category = await db.Categories.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Code == command.Category, cancellationToken);
        if (category is null || category.Retired)
        {
            throw new ValidationException([new ValidationFailure(nameof(command.Category), Texts.Get("Choose one of the active categories."))]);
        }

        var now = clock.GetUtcNow();
        var input = command.Customer;
        var customer = await FindReturningCustomerAsync(input, cancellationToken);
        if (customer is null)
        {
            customer = new Customer(input.Name!, input.Email, input.Phone, input.ExternalId,
                input.PreferredLanguage ?? Languages.English, input.PreferredContact ?? DefaultContact(input), now);
            db.Customers.Add(customer);
        }
        else
        {
            customer.CompleteContactDetails(input.Email, input.Phone, input.ExternalId);
        }

        var intake = new ComplaintIntake(command.Channel!.Value, category.Code, command.Severity ?? Severity.Medium,
            command.Subject!, command.Description!, command.IncidentDate, command.OrderReference, command.ProductName,
            command.PurchaseDate, command.ProductUsage, command.DesiredResolution, command.DesiredResolutionText);
        var complaint = Complaint.Log(await db.NextReferenceAsync(now, cancellationToken), customer, intake, actor, now);
        await keywords.ScreenAsync(complaint, KeywordScreening.IntakeText(complaint), cancellationToken);
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(cancellationToken);
        return await ComplaintView.ReadAsync(db, complaint, actor, now, settings, cancellationToken);
    }

    private async Task<Customer?> FindReturningCustomerAsync(CustomerInput input, CancellationToken cancellationToken)
    {
        var email = Customer.NormaliseEmail(input.Email);
        if (email is not null
            && await db.Customers.OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(c => c.NormalisedEmail == email, cancellationToken) is { } byEmail)
        {
            return byEmail;
        }
        var phone = Customer.NormalisePhone(input.Phone);
        return phone is null
            ? null
            : await db.Customers.OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(c => c.NormalisedPhone == phone, cancellationToken);
    }

    private static ContactMethod DefaultContact(CustomerInput input) =>
        string.IsNullOrWhiteSpace(input.Email) ? ContactMethod.Phone : ContactMethod.Email;
}
