using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Customers;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>
/// An administrator opens an account with an initial password, which they pass on and the person changes
/// (Account → Change password). No invitation mail: the product sends no e-mail yet.
/// </summary>
public sealed record CreateUserCommand : ICommand<UserView>
{
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
    public string[]? Roles { get; init; }
    public string? InitialPassword { get; init; }
    public string? PreferredLanguage { get; init; }
    public string? TimeZone { get; init; }
}

public sealed class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(FieldLengths.Email);
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(FieldLengths.PersonName);
        RuleFor(c => c.Roles).NotEmpty().WithMessage(_ => Texts.Get("Choose at least one role."))
            .Must(StaffRoles.AreKnown).WithMessage(_ => StaffRoles.Choices());
        RuleFor(c => c.InitialPassword).NotEmpty(); // the strength rules are Identity's, applied by the handler
        RuleFor(c => c.PreferredLanguage).Must(l => l is null || Languages.All.Contains(l))
            .WithMessage(_ => Texts.Format("Choose one of: {0}.", string.Join(", ", Languages.All)));
        RuleFor(c => c.TimeZone).MaximumLength(FieldLengths.TimeZone)
            .Must(StaffTimeZones.IsKnown).WithMessage(_ => Texts.Get("Use a time zone such as Asia/Taipei, Asia/Shanghai or Europe/London."));
    }
}

public sealed class CreateUserHandler(ComplaintDeskDbContext db, UserManager<StaffUser> users, ICurrentActor currentActor, TimeProvider clock)
    : ICommandHandler<CreateUserCommand, UserView>
{
    public async ValueTask<UserView> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var email = command.Email!.Trim();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true, // vouched for by the administrator
            DisplayName = command.DisplayName!.Trim(),
            PreferredLanguage = command.PreferredLanguage ?? Languages.English,
            TimeZone = string.IsNullOrWhiteSpace(command.TimeZone) ? "UTC" : command.TimeZone.Trim(),
        };
        // The account and its roles together, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            IdentityErrors.ThrowIfFailed(await users.CreateAsync(user, command.InitialPassword!), nameof(command.InitialPassword));
        }
        catch (DbUpdateException race) when (Administrators.IsUniqueViolation(race))
        {
            throw Administrators.FieldError(nameof(command.Email), Texts.Get(IdentityErrors.EmailTaken));
        }
        IdentityErrors.ThrowIfFailed(await users.AddToRolesAsync(user, command.Roles!.Distinct()), nameof(command.Roles));
        await transaction.CommitAsync(cancellationToken);
        return (await UserViews.ForAsync(db, [user], clock.GetUtcNow(), cancellationToken))[0];
    }
}

internal static class StaffRoles
{
    /// <summary>The role names are values to send (the API takes them as they are), so they stay untranslated.</summary>
    public static string Choices() => Texts.Format("Choose from: {0}.", string.Join(", ", Roles.All));

    public static bool AreKnown(string[]? roles) => roles is null || roles.All(r => Roles.All.Contains(r));
}

internal static class StaffTimeZones
{
    /// <summary>Null or blank means UTC; anything else must be a zone this server knows (IANA names on Linux).</summary>
    public static bool IsKnown(string? timeZone) =>
        string.IsNullOrWhiteSpace(timeZone) || TimeZoneInfo.TryFindSystemTimeZoneById(timeZone.Trim(), out _);
}

/// <summary>Identity's refusals as field errors, with one plain message for a taken e-mail address.</summary>
internal static class IdentityErrors
{
    public const string EmailTaken = "There is an account with this e-mail address already.";

    public static void ThrowIfFailed(IdentityResult result, string otherField)
    {
        if (result.Succeeded)
        {
            return;
        }
        var failures = new List<ValidationFailure>();
        foreach (var error in result.Errors)
        {
            var failure = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
                    new ValidationFailure(nameof(CreateUserCommand.Email), Texts.Get(EmailTaken)),
                nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) =>
                    new ValidationFailure(nameof(CreateUserCommand.Email), error.Description),
                nameof(IdentityErrorDescriber.ConcurrencyFailure) => throw new ConcurrencyConflictException(),
                _ => new ValidationFailure(otherField, error.Description),
            };
            if (!failures.Any(f => f.PropertyName == failure.PropertyName && f.ErrorMessage == failure.ErrorMessage))
            {
                failures.Add(failure);
            }
        }
        throw new ValidationException(failures);
    }
}
