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
    /// <summary>The edges check the Admin role too; this keeps a command safe wherever it is sent from.</summary>
    public static void EnsureAdmin(Actor actor)
    {
        if (!actor.Is(Party.Admin))
        {
            throw new ActionForbiddenException("Only administrators change users, categories, templates and keyword rules.");
        }
    }

    public static ValidationException FieldError(string field, string message) => new([new ValidationFailure(field, message)]);

    /// <summary>A unique index refused the row: someone saved the same value a moment earlier.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
