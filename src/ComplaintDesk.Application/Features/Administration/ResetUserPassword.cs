using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>
/// Someone forgot their password (the product sends no e-mail, so there is no self-service reset): an administrator
/// sets a new initial password and passes it on. It also lifts a lockout, and — as any new password does — signs the
/// person out of every session and API token.
/// </summary>
public sealed record ResetUserPasswordCommand : ICommand
{
    public string UserId { get; init; } = "";
    public string? NewPassword { get; init; }
}

public sealed class ResetUserPasswordValidator : AbstractValidator<ResetUserPasswordCommand>
{
    public ResetUserPasswordValidator()
    {
        RuleFor(c => c.UserId).NotEmpty().MaximumLength(FieldLengths.UserId);
        RuleFor(c => c.NewPassword).NotEmpty(); // the strength rules are Identity's, applied by the handler
    }
}

public sealed class ResetUserPasswordHandler(ComplaintDeskDbContext db, UserManager<StaffUser> users, ICurrentActor currentActor)
    : ICommandHandler<ResetUserPasswordCommand>
{
    public async ValueTask<Unit> Handle(ResetUserPasswordCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var user = await users.FindByIdAsync(command.UserId) ?? throw new NotFoundException("User", command.UserId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The reset token path validates the password and renews the security stamp in one step.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        IdentityErrors.ThrowIfFailed(await users.ResetPasswordAsync(user, token, command.NewPassword!), nameof(command.NewPassword));
        IdentityErrors.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null), nameof(command.NewPassword));
        IdentityErrors.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user), nameof(command.NewPassword));
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
