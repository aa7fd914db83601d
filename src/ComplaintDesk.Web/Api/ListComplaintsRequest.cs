using ComplaintDesk.Application.Common;
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
    string? View, string? State, string? Category, string? Severity, string? Channel, string? OwnerId, bool? Repeat, bool? Risk,
    string? Q, string? Sort, int? Limit, string? Cursor)
{
    public ListComplaintsQuery ToQuery()
    {
        var errors = new List<ValidationFailure>();
        var query = new ListComplaintsQuery
        {
            View = QueryValues.Parse<QueueView>(View, "view", errors),
            State = QueryValues.Parse<ComplaintState>(State, "state", errors),
            Category = Category,
            Severity = QueryValues.Parse<Domain.Complaints.Severity>(Severity, "severity", errors),
            Channel = QueryValues.Parse<Domain.Complaints.Channel>(Channel, "channel", errors),
            OwnerId = OwnerId,
            Repeat = Repeat,
            Risk = Risk,
            Q = Q,
            Sort = QueryValues.Parse<QueueSort>(Sort, "sort", errors),
            Limit = Limit,
            Cursor = Cursor,
        };
        return errors.Count == 0 ? query : throw new ValidationException(errors);
    }
}

/// <summary>The filters of <see cref="ListComplaintsRequest"/>, for the count of every view.</summary>
public sealed record CountComplaintsRequest(
    string? State, string? Category, string? Severity, string? Channel, string? OwnerId, bool? Repeat, bool? Risk, string? Q)
{
    public CountComplaintsQuery ToQuery()
    {
        var errors = new List<ValidationFailure>();
        var query = new CountComplaintsQuery
        {
            State = QueryValues.Parse<ComplaintState>(State, "state", errors),
            Category = Category,
            Severity = QueryValues.Parse<Domain.Complaints.Severity>(Severity, "severity", errors),
            Channel = QueryValues.Parse<Domain.Complaints.Channel>(Channel, "channel", errors),
            OwnerId = OwnerId,
            Repeat = Repeat,
            Risk = Risk,
            Q = Q,
        };
        return errors.Count == 0 ? query : throw new ValidationException(errors);
    }
}

internal static class QueryValues
{
    /// <summary>An enum name in any case ("socialMedia", "SOCIALMEDIA"); never a number.</summary>
    public static T? Parse<T>(string? text, string field, List<ValidationFailure> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }
        errors.Add(new ValidationFailure(field, Texts.Format("Use one of: {0}.", string.Join(", ", Enum.GetNames<T>().Select(ComplaintActions.CamelCase)))));
        return null;
    }
}
