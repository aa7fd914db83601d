using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>
/// Rename, change roles, disable or enable: only what is given changes. Disabling, and any change of roles, renews the
/// security stamp, so every cookie and token the person holds stops working on their next request (the web host
/// compares the stamp on each request) — a removed role cannot linger in a cookie for hours.
/// </summary>
public sealed record UpdateUserCommand : ICommand<UserView>
{
    public string UserId { get; init; } = "";
    public string? DisplayName { get; init; }
    public string[]? Roles { get; init; }
    public bool? Disabled { get; init; }
}

public sealed class UpdateUserValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserValidator()
    {
        RuleFor(c => c.UserId).NotEmpty().MaximumLength(FieldLengths.UserId);
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(FieldLengths.PersonName).When(c => c.DisplayName is not null);
        RuleFor(c => c.Roles).NotEmpty().WithMessage(_ => Texts.Get("Choose at least one role.")).When(c => c.Roles is not null)
            .Must(StaffRoles.AreKnown).WithMessage(_ => StaffRoles.Choices());
    }
}

public sealed class UpdateUserHandler(ComplaintDeskDbContext db, UserManager<StaffUser> users, ICurrentActor currentActor, TimeProvider clock)
    : ICommandHandler<UpdateUserCommand, UserView>
{
    public async ValueTask<UserView> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var actor = currentActor.Actor;
        Administrators.EnsureAdmin(actor);
        var user = await users.FindByIdAsync(command.UserId) ?? throw new NotFoundException("User", command.UserId);
        var self = user.Id == actor.UserId;
        // So that there is always an administrator left to undo a mistake: nobody locks themselves out.
        if (self && command.Disabled == true)
        {
            throw Administrators.FieldError(nameof(command.Disabled), Texts.Get("You cannot disable your own account."));
        }
        if (self && command.Roles is not null && !command.Roles.Contains(Roles.Admin))
        {
            throw Administrators.FieldError(nameof(command.Roles), Texts.Get("You cannot take the Admin role from yourself."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var renewStamp = false;
        if (command.DisplayName is not null)
        {
            user.DisplayName = command.DisplayName.Trim();
        }
        if (command.Disabled is { } disabled && disabled != user.Disabled)
        {
            user.Disabled = disabled;
            renewStamp |= disabled;
        }
        if (command.Roles is not null)
        {
            var current = await users.GetRolesAsync(user);
            var wanted = command.Roles.Distinct().ToList();
            var removed = current.Except(wanted).ToList();
            var added = wanted.Except(current).ToList();
            if (removed.Count > 0)
            {
                IdentityErrors.ThrowIfFailed(await users.RemoveFromRolesAsync(user, removed), nameof(command.Roles));
            }
            if (added.Count > 0)
            {
                IdentityErrors.ThrowIfFailed(await users.AddToRolesAsync(user, added), nameof(command.Roles));
            }
            renewStamp |= removed.Count > 0 || added.Count > 0;
        }
        // UpdateSecurityStampAsync saves the other changes of the user row with the new stamp.
        IdentityErrors.ThrowIfFailed(renewStamp ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user), nameof(command.UserId));
        await transaction.CommitAsync(cancellationToken);
        return (await UserViews.ForAsync(db, [user], clock.GetUtcNow(), cancellationToken))[0];
    }
}
