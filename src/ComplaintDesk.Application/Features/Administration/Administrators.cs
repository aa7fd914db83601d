using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>What every administration command shares: who may send it, and how a refused save reads.</summary>
internal static class Administrators
{
    // The refusals say what the caller guards; each is a translated text (Resources/Texts.*.resx).
    public const string UsersAndSettings = "Only administrators change users, categories, templates and keyword rules.";
    public const string SlaPolicies = "Only administrators see and change SLA policies and business calendars.";
    public const string CompensationPolicy = "Only administrators see and change the compensation policy.";
    public const string Outbox = "Only administrators see the outbox and send its messages again.";

    /// <summary>
    /// The edges check the Admin role too; this keeps a command safe wherever it is sent from. <paramref name="refusal"/>
    /// is one of the texts above.
    /// </summary>
    public static void EnsureAdmin(Actor actor, string refusal = UsersAndSettings)
    {
        if (!actor.Is(Party.Admin))
        {
            throw new ActionForbiddenException(refusal);
        }
    }

    public static ValidationException FieldError(string field, string message) => new([new ValidationFailure(field, message)]);

    /// <summary>A unique index refused the row: someone saved the same value a moment earlier.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
