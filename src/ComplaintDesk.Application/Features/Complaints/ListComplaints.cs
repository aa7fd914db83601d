using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;
using Severity = ComplaintDesk.Domain.Complaints.Severity;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record ComplaintListItem(
    Guid Id, string Reference, ComplaintState State, Severity Severity, string Category, Channel Channel,
    string Subject, string CustomerName, string? OwnerId, string? OwnerName, int EscalationLevel, DateTimeOffset ReceivedAt);

public sealed record ComplaintPage(IReadOnlyList<ComplaintListItem> Items, string? NextCursor);

/// <summary>The queue: newest first, filtered, paged by keyset (never OFFSET), at most <see cref="MaxLimit"/> a page.</summary>
public sealed record ListComplaintsQuery : IQuery<ComplaintPage>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public ComplaintState? State { get; init; }
    public string? Category { get; init; }
    public Severity? Severity { get; init; }
    public Channel? Channel { get; init; }
    public string? OwnerId { get; init; }
    /// <summary>A reference (exact), or words of the subject or the customer's name.</summary>
    public string? Q { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListComplaintsValidator : AbstractValidator<ListComplaintsQuery>
{
    public ListComplaintsValidator()
    {
        RuleFor(q => q.State).IsInEnum();
        RuleFor(q => q.Severity).IsInEnum();
        RuleFor(q => q.Channel).IsInEnum();
        RuleFor(q => q.Category).MaximumLength(FieldLengths.CategoryCode);
        RuleFor(q => q.OwnerId).MaximumLength(FieldLengths.UserId);
        RuleFor(q => q.Q).MaximumLength(FieldLengths.Subject);
        RuleFor(q => q.Limit).InclusiveBetween(1, ListComplaintsQuery.MaxLimit);
        RuleFor(q => q.Cursor).Must(c => c is null || QueueCursor.TryParse(c, out _)).WithMessage("This cursor is not one we gave out.");
    }
}

public sealed class ListComplaintsHandler(ComplaintDeskDbContext db) : IQueryHandler<ListComplaintsQuery, ComplaintPage>
{
    public async ValueTask<ComplaintPage> Handle(ListComplaintsQuery query, CancellationToken cancellationToken)
    {
        var complaints = db.Complaints.AsNoTracking();
        if (query.State is { } state) complaints = complaints.Where(c => c.State == state);
        if (!string.IsNullOrEmpty(query.Category)) complaints = complaints.Where(c => c.CategoryCode == query.Category);
        if (query.Severity is { } severity) complaints = complaints.Where(c => c.Severity == severity);
        if (query.Channel is { } channel) complaints = complaints.Where(c => c.Channel == channel);
        if (!string.IsNullOrEmpty(query.OwnerId)) complaints = complaints.Where(c => c.OwnerId == query.OwnerId);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var text = query.Q.Trim();
            var pattern = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            var reference = text.ToUpperInvariant();
            complaints = complaints.Where(c => c.Reference == reference
                || EF.Functions.ILike(c.Subject, pattern)
                || EF.Functions.ILike(c.Customer.Name, pattern));
        }
        if (query.Cursor is not null && QueueCursor.TryParse(query.Cursor, out var after))
        {
            complaints = complaints.Where(c => c.ReceivedAt < after.ReceivedAt
                || (c.ReceivedAt == after.ReceivedAt && c.Id.CompareTo(after.Id) < 0));
        }

        var limit = query.Limit ?? ListComplaintsQuery.DefaultLimit;
        var rows = await complaints
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Take(limit + 1)
            .Select(c => new ComplaintListItem(c.Id, c.Reference, c.State, c.Severity, c.CategoryCode, c.Channel,
                c.Subject, c.Customer.Name, c.OwnerId, c.OwnerName, c.EscalationLevel, c.ReceivedAt))
            .ToListAsync(cancellationToken);

        var next = rows.Count > limit ? new QueueCursor(rows[limit - 1].ReceivedAt, rows[limit - 1].Id).ToString() : null;
        return new ComplaintPage(rows.Take(limit).ToList(), next);
    }
}

/// <summary>The position after the last row of a page: (received time, id), opaque to callers.</summary>
public readonly record struct QueueCursor(DateTimeOffset ReceivedAt, Guid Id)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{ReceivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{Id:N}"));

    public static bool TryParse(string text, out QueueCursor cursor)
    {
        cursor = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('_');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                cursor = new QueueCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
