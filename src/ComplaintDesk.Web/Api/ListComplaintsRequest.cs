using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using FluentValidation.Results;

namespace ComplaintDesk.Web.Api;

/// <summary>
/// The queue's query string as sent (enum values in camelCase, any case accepted). Unknown values become field
/// errors here rather than a bare binding failure; the rest is the same <see cref="ListComplaintsQuery"/> the page sends.
/// </summary>
public sealed record ListComplaintsRequest(
    string? State, string? Category, string? Severity, string? Channel, string? OwnerId, string? Q, int? Limit, string? Cursor)
{
    public ListComplaintsQuery ToQuery()
    {
        var errors = new List<ValidationFailure>();
        var query = new ListComplaintsQuery
        {
            State = Parse<ComplaintState>(State, "state", errors),
            Category = Category,
            Severity = Parse<Domain.Complaints.Severity>(Severity, "severity", errors),
            Channel = Parse<Domain.Complaints.Channel>(Channel, "channel", errors),
            OwnerId = OwnerId,
            Q = Q,
            Limit = Limit,
            Cursor = Cursor,
        };
        return errors.Count == 0 ? query : throw new ValidationException(errors);
    }

    private static T? Parse<T>(string? text, string field, List<ValidationFailure> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }
        errors.Add(new ValidationFailure(field, $"Use one of: {string.Join(", ", Enum.GetNames<T>().Select(ComplaintActions.CamelCase))}."));
        return null;
    }
}
