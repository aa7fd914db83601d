using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Account;

/// <summary>The signed-in person's own choices: the language the workspace speaks to them, the zone they read times in.</summary>
public sealed record MyPreferences(string Language, string TimeZone);

/// <summary>
/// Changes the caller's own language and/or time zone (a null leaves that one as it is). The host re-issues the
/// sign-in cookie afterwards, so the <c>language</c> and <c>time_zone</c> claims change on the very next page.
/// </summary>
public sealed record ChangeMyPreferencesCommand : ICommand<MyPreferences>
{
    /// <summary>en, zh-Hant or zh-Hans (<see cref="Languages.All"/>).</summary>
    public string? Language { get; init; }

    /// <summary>An IANA time zone id, such as Asia/Taipei or UTC.</summary>
    public string? TimeZone { get; init; }
}

public sealed class ChangeMyPreferencesValidator : AbstractValidator<ChangeMyPreferencesCommand>
{
    public ChangeMyPreferencesValidator()
    {
        RuleFor(c => c.Language)
            .Must(language => language is null || Languages.All.Contains(language, StringComparer.Ordinal))
            .WithMessage(_ => Texts.Get("Choose English, Traditional Chinese or Simplified Chinese."));
        RuleFor(c => c.TimeZone)
            .Must(zone => zone is null || IsIanaTimeZone(zone))
            .WithMessage(_ => Texts.Get("Choose a time zone from the list."));
    }

    /// <summary>A zone this machine knows by its IANA id (not a Windows name such as "Taipei Standard Time").</summary>
    public static bool IsIanaTimeZone(string id) =>
        id.Length <= FieldLengths.TimeZone && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}

public sealed class ChangeMyPreferencesHandler(ComplaintDeskDbContext db, ICurrentActor currentActor)
    : ICommandHandler<ChangeMyPreferencesCommand, MyPreferences>
{
    public async ValueTask<MyPreferences> Handle(ChangeMyPreferencesCommand command, CancellationToken cancellationToken)
    {
        var userId = currentActor.Actor.UserId ?? throw new ActionForbiddenException("Only signed-in staff have preferences.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new NotFoundException("User", userId);
        if (command.Language is { } language)
        {
            user.PreferredLanguage = language;
        }
        if (command.TimeZone is { } zone)
        {
            user.TimeZone = zone;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new MyPreferences(user.PreferredLanguage, user.TimeZone);
    }
}
