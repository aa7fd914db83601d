using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>The queue's views: the tabs an agent works from.</summary>
public enum QueueView
{
    /// <summary>Open cases the caller owns.</summary>
    Mine,
    /// <summary>Open cases nobody owns yet.</summary>
    Unassigned,
    /// <summary>Every case that is not closed (follow-ups included).</summary>
    Open,
    Escalated,
    Closed,
}

/// <summary>
/// The queue's orders. <see cref="Due"/>: cases with a running deadline, the soonest first (overdue ones lead), then the
/// cases without one (closed, or only waiting on the customer), newest first.
/// </summary>
public enum QueueSort { Newest, Oldest, Severity, Due }

/// <summary>
/// One row of the queue. <see cref="NextDueAt"/> is the earliest open staff deadline, <see cref="AtRiskFrom"/> its
/// warning point (the case is at risk from then on), <see cref="Overdue"/> whether a deadline already passed unmet.
/// </summary>
public sealed record ComplaintListItem(
    Guid Id, string Reference, ComplaintState State, Severity Severity, string Category, Channel Channel,
    string Subject, string CustomerName, string? OwnerId, string? OwnerName, int EscalationLevel, DateTimeOffset ReceivedAt,
    bool RiskFlag, bool RepeatCustomer, DateTimeOffset? NextDueAt, DateTimeOffset? AtRiskFrom, bool Overdue, uint Version);

public sealed record ComplaintPage(IReadOnlyList<ComplaintListItem> Items, string? NextCursor);

/// <summary>The queue's filters; the list and the per-view counts read them alike.</summary>
public abstract record QueueFilters
{
    public ComplaintState? State { get; init; }
    public string? Category { get; init; }
    public Severity? Severity { get; init; }
    public Channel? Channel { get; init; }
    public string? OwnerId { get; init; }
    /// <summary>True: only customers with more than one complaint; false: only first-time complainants.</summary>
    public bool? Repeat { get; init; }
    /// <summary>True: only complaints a keyword rule flagged; false: only unflagged ones.</summary>
    public bool? Risk { get; init; }
    /// <summary>
    /// A reference (exact), an order reference (exact), part of the customer's name, e-mail or phone, or words that
    /// all occur in the subject or description.
    /// </summary>
    public string? Q { get; init; }
}

/// <summary>The queue: one view, filtered, sorted, paged by keyset (never OFFSET), at most <see cref="MaxLimit"/> a page.</summary>
public sealed record ListComplaintsQuery : QueueFilters, IQuery<ComplaintPage>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    /// <summary>Null: every complaint, whatever its state or owner.</summary>
    public QueueView? View { get; init; }
    public QueueSort? Sort { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

internal sealed class QueueFiltersValidator : AbstractValidator<QueueFilters>
{
    public QueueFiltersValidator()
    {
        RuleFor(q => q.State).IsInEnum();
        RuleFor(q => q.Severity).IsInEnum();
        RuleFor(q => q.Channel).IsInEnum();
        RuleFor(q => q.Category).MaximumLength(FieldLengths.CategoryCode);
        RuleFor(q => q.OwnerId).MaximumLength(FieldLengths.UserId);
        RuleFor(q => q.Q).MaximumLength(FieldLengths.Subject);
    }
}

public sealed class ListComplaintsValidator : AbstractValidator<ListComplaintsQuery>
{
    public ListComplaintsValidator()
    {
        Include(new QueueFiltersValidator());
        RuleFor(q => q.View).IsInEnum();
        RuleFor(q => q.Sort).IsInEnum();
        RuleFor(q => q.Limit).InclusiveBetween(1, ListComplaintsQuery.MaxLimit);
        // A cursor belongs to one sort order: the keyset it carries means nothing in another.
        RuleFor(q => q.Cursor)
            .Must((query, cursor) => cursor is null || (QueueCursor.TryParse(cursor, out var parsed) && parsed.Sort == (query.Sort ?? QueueSort.Newest)))
            .WithMessage(_ => Texts.Get("This cursor is not one we gave out."));
    }
}

public sealed class ListComplaintsHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : IQueryHandler<ListComplaintsQuery, ComplaintPage>
{
    public async ValueTask<ComplaintPage> Handle(ListComplaintsQuery query, CancellationToken cancellationToken)
    {
        var queue = new ComplaintQueue(db, currentActor.Actor.UserId);
        var complaints = queue.InView(await queue.FilteredAsync(query, cancellationToken), query.View);
        var sort = query.Sort ?? QueueSort.Newest;
        QueueCursor? after = query.Cursor is not null && QueueCursor.TryParse(query.Cursor, out var parsed) ? parsed : null;
        var limit = query.Limit ?? ListComplaintsQuery.DefaultLimit;

        List<ComplaintListItem> rows;
        if (sort == QueueSort.Severity)
        {
            // One indexed read per severity, highest first, each newest first: (Severity, ReceivedAt) serves every
            // step, where one ORDER BY over a computed rank would sort the whole matching set.
            rows = [];
            foreach (var severity in Enum.GetValues<Severity>().OrderDescending())
            {
                if (after is { Severity: { } afterSeverity } && severity > afterSeverity)
                {
                    continue;
                }
                var step = complaints.Where(c => c.Severity == severity);
                if (after is { } cursor && cursor.Severity == severity)
                {
                    step = NewestAfter(step, cursor);
                }
                rows.AddRange(await Page(step.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id), limit + 1 - rows.Count)
                    .ToListAsync(cancellationToken));
                if (rows.Count > limit)
                {
                    break;
                }
            }
        }
        else if (sort == QueueSort.Due)
        {
            // Two keysets, one after the other: (NextDueAt, Id) ascending on the partial index of cases with a deadline,
            // then the cases without one by (ReceivedAt, Id) descending. The cursor says which part it stopped in, so a
            // page that ends in the first part resumes there and one that ends in the second never reads the first again.
            rows = [];
            if (after is not { DueAt: null })
            {
                var due = complaints.Where(c => c.NextDueAt != null);
                if (after is { DueAt: { } afterDue } cursor)
                {
                    due = due.Where(c => c.NextDueAt > afterDue || (c.NextDueAt == afterDue && c.Id.CompareTo(cursor.Id) > 0));
                }
                rows.AddRange(await Page(due.OrderBy(c => c.NextDueAt).ThenBy(c => c.Id), limit + 1).ToListAsync(cancellationToken));
            }
            if (rows.Count <= limit)
            {
                var rest = complaints.Where(c => c.NextDueAt == null);
                if (after is { DueAt: null } cursor)
                {
                    rest = NewestAfter(rest, cursor);
                }
                rows.AddRange(await Page(rest.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id), limit + 1 - rows.Count)
                    .ToListAsync(cancellationToken));
            }
        }
        else if (sort == QueueSort.Oldest)
        {
            if (after is { } cursor)
            {
                complaints = complaints.Where(c => c.ReceivedAt > cursor.ReceivedAt
                    || (c.ReceivedAt == cursor.ReceivedAt && c.Id.CompareTo(cursor.Id) > 0));
            }
            rows = await Page(complaints.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id), limit + 1).ToListAsync(cancellationToken);
        }
        else
        {
            if (after is { } cursor)
            {
                complaints = NewestAfter(complaints, cursor);
            }
            rows = await Page(complaints.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id), limit + 1)
                .ToListAsync(cancellationToken);
        }

        var next = rows.Count > limit ? QueueCursor.After(sort, rows[limit - 1]).ToString() : null;
        return new ComplaintPage(rows.Take(limit).ToList(), next);
    }

    private static IQueryable<Complaint> NewestAfter(IQueryable<Complaint> complaints, QueueCursor cursor) =>
        complaints.Where(c => c.ReceivedAt < cursor.ReceivedAt
            || (c.ReceivedAt == cursor.ReceivedAt && c.Id.CompareTo(cursor.Id) < 0));

    private IQueryable<ComplaintListItem> Page(IOrderedQueryable<Complaint> sorted, int take) =>
        sorted.Take(take).Select(c => new ComplaintListItem(c.Id, c.Reference, c.State, c.Severity, c.CategoryCode, c.Channel,
            c.Subject, c.Customer.Name, c.OwnerId, c.OwnerName, c.EscalationLevel, c.ReceivedAt, c.RiskFlag,
            db.Complaints.Any(other => other.CustomerId == c.CustomerId && other.Id != c.Id), c.NextDueAt, c.NextWarnAt, c.Overdue, c.Version));
}

/// <summary>
/// How many complaints each view holds under the given filters. Each count stops at <see cref="Cap"/> + 1 rows, so it
/// stays cheap at a million complaints; beyond the cap the page says "1000+".
/// </summary>
public sealed record CountComplaintsQuery : QueueFilters, IQuery<IReadOnlyList<QueueViewCount>>;

/// <summary><see cref="Count"/> is exact unless <see cref="Capped"/>, when there are more than <see cref="Count"/>.</summary>
public sealed record QueueViewCount(QueueView View, int Count, bool Capped);

public sealed class CountComplaintsValidator : AbstractValidator<CountComplaintsQuery>
{
    public CountComplaintsValidator() => Include(new QueueFiltersValidator());
}

public sealed class CountComplaintsHandler(ComplaintDeskDbContext db, ICurrentActor currentActor)
    : IQueryHandler<CountComplaintsQuery, IReadOnlyList<QueueViewCount>>
{
    public const int Cap = 1000;

    public async ValueTask<IReadOnlyList<QueueViewCount>> Handle(CountComplaintsQuery query, CancellationToken cancellationToken)
    {
        var queue = new ComplaintQueue(db, currentActor.Actor.UserId);
        var filtered = await queue.FilteredAsync(query, cancellationToken);
        var counts = new List<QueueViewCount>();
        foreach (var view in Enum.GetValues<QueueView>())
        {
            // SELECT count(*) FROM (SELECT 1 FROM … LIMIT 1001): never more than Cap + 1 rows read.
            var count = await queue.InView(filtered, view).Take(Cap + 1).CountAsync(cancellationToken);
            counts.Add(new QueueViewCount(view, Math.Min(count, Cap), count > Cap));
        }
        return counts;
    }
}

/// <summary>The filters and views as SQL. Every condition is one an index serves (see ComplaintConfiguration).</summary>
internal sealed class ComplaintQueue(ComplaintDeskDbContext db, string? callerId)
{
    /// <summary>A bound on the customers a search matches by name, e-mail or phone; their complaints are then found by id.</summary>
    public const int MaxSearchCustomers = 1000;

    /// <summary>At most this many words of the search must each occur in the subject or description.</summary>
    public const int MaxSearchWords = 8;

    public IQueryable<Complaint> InView(IQueryable<Complaint> complaints, QueueView? view) => view switch
    {
        // Nobody without a user id owns anything; comparing with null would find the unassigned ones instead.
        QueueView.Mine when callerId is null => complaints.Where(c => false),
        QueueView.Mine => complaints.Where(c => c.OwnerId == callerId && c.State != ComplaintState.Closed),
        QueueView.Unassigned => complaints.Where(c => c.OwnerId == null && c.State != ComplaintState.Closed),
        QueueView.Open => complaints.Where(c => c.State != ComplaintState.Closed),
        QueueView.Escalated => complaints.Where(c => c.State == ComplaintState.Escalated),
        QueueView.Closed => complaints.Where(c => c.State == ComplaintState.Closed),
        _ => complaints,
    };

    public async Task<IQueryable<Complaint>> FilteredAsync(QueueFilters filters, CancellationToken cancellationToken)
    {
        var complaints = db.Complaints.AsNoTracking();
        if (filters.State is { } state) complaints = complaints.Where(c => c.State == state);
        if (!string.IsNullOrEmpty(filters.Category)) complaints = complaints.Where(c => c.CategoryCode == filters.Category);
        if (filters.Severity is { } severity) complaints = complaints.Where(c => c.Severity == severity);
        if (filters.Channel is { } channel) complaints = complaints.Where(c => c.Channel == channel);
        if (!string.IsNullOrEmpty(filters.OwnerId)) complaints = complaints.Where(c => c.OwnerId == filters.OwnerId);
        if (filters.Risk is { } risk) complaints = complaints.Where(c => c.RiskFlag == risk);
        if (filters.Repeat is { } repeat)
        {
            // EXISTS on the customer's other complaints, served by the index on CustomerId.
            complaints = repeat
                ? complaints.Where(c => db.Complaints.Any(other => other.CustomerId == c.CustomerId && other.Id != c.Id))
                : complaints.Where(c => !db.Complaints.Any(other => other.CustomerId == c.CustomerId && other.Id != c.Id));
        }
        if (!string.IsNullOrWhiteSpace(filters.Q))
        {
            complaints = complaints.Where(await SearchAsync(filters.Q.Trim(), cancellationToken));
        }
        return complaints;
    }

    /// <summary>
    /// The search as one OR of conditions that each have an index (unique reference, order reference, customer id,
    /// trigram on subject and description), so PostgreSQL can combine bitmap scans. Customers are matched first, in
    /// their own table's trigram indexes, because an OR across a join could use no index at all.
    /// </summary>
    private async Task<Expression<Func<Complaint, bool>>> SearchAsync(string text, CancellationToken cancellationToken)
    {
        var reference = text.ToUpperInvariant();
        var phrase = Contains(text);
        var email = Customer.NormaliseEmail(text) is { } normalisedEmail ? Contains(normalisedEmail) : null;
        var phone = LooksLikePhone(text) && Customer.NormalisePhone(text) is { } digits ? Contains(digits.TrimStart('+')) : null;
        Expression<Func<Customer, bool>> customerMatch = c => EF.Functions.ILike(c.Name, phrase);
        if (email is not null)
        {
            customerMatch = Predicates.Or(customerMatch, c => EF.Functions.ILike(c.NormalisedEmail!, email));
        }
        if (phone is not null)
        {
            customerMatch = Predicates.Or(customerMatch, c => EF.Functions.ILike(c.NormalisedPhone!, phone));
        }
        var customerIds = await db.Customers.AsNoTracking()
            .Where(customerMatch)
            .Select(c => c.Id)
            .Take(MaxSearchCustomers)
            .ToListAsync(cancellationToken);

        Expression<Func<Complaint, bool>> search = c => c.Reference == reference
            || c.OrderReference == text || c.OrderReference == reference
            || customerIds.Contains(c.CustomerId);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct().Take(MaxSearchWords).ToList();
        Expression<Func<Complaint, bool>>? allWords = null;
        foreach (var word in words)
        {
            var pattern = Contains(word);
            Expression<Func<Complaint, bool>> inText = c => EF.Functions.ILike(c.Subject, pattern) || EF.Functions.ILike(c.Description, pattern);
            allWords = allWords is null ? inText : Predicates.And(allWords, inText);
        }
        return allWords is null ? search : Predicates.Or(search, allWords);
    }

    private static bool LooksLikePhone(string text) =>
        text.Count(char.IsAsciiDigit) >= 4 && text.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '(' or ')' or '.' or ' ');

    /// <summary>An ILIKE pattern for "contains", with the wildcards in <paramref name="text"/> taken literally.</summary>
    private static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}

/// <summary>Combines two predicates over one parameter, so EF sees a single lambda.</summary>
internal static class Predicates
{
    public static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    public static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Combine(left, right, Expression.OrElse);

    private static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right,
        Func<Expression, Expression, BinaryExpression> join)
    {
        var parameter = left.Parameters[0];
        var rightBody = new ReplaceParameter(right.Parameters[0], parameter).Visit(right.Body);
        return Expression.Lambda<Func<T, bool>>(join(left.Body, rightBody), parameter);
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>
/// The position after the last row of a page, opaque to callers: the sort it belongs to, the sort key (severity, for
/// the severity order) and (received time, id). In the due order, <see cref="DueAt"/> set means the page ended among the
/// cases with a deadline, at (DueAt, Id); null means it ended among those without one, at (ReceivedAt, Id).
/// </summary>
public readonly record struct QueueCursor(QueueSort Sort, Severity? Severity, DateTimeOffset ReceivedAt, Guid Id, DateTimeOffset? DueAt = null)
{
    public static QueueCursor After(QueueSort sort, ComplaintListItem last) =>
        sort == QueueSort.Due && last.NextDueAt is { } due
            ? new(sort, null, default, last.Id, due)
            : new(sort, sort == QueueSort.Severity ? last.Severity : null, last.ReceivedAt, last.Id);

    public override string ToString()
    {
        var key = Sort switch
        {
            QueueSort.Severity => "s" + ((int)Severity!.Value).ToString(CultureInfo.InvariantCulture),
            QueueSort.Oldest => "o",
            QueueSort.Due => DueAt is null ? "dr" : "d",
            _ => "n",
        };
        var at = DueAt ?? ReceivedAt;
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{key}_{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{Id:N}"));
    }

    public static bool TryParse(string text, out QueueCursor cursor)
    {
        cursor = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('_');
            if (parts.Length == 3
                && ParseKey(parts[0]) is { } key
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(parts[2], "N", out var id))
            {
                var at = new DateTimeOffset(ticks, TimeSpan.Zero);
                cursor = key.AmongDeadlines
                    ? new QueueCursor(key.Sort, null, default, id, at)
                    : new QueueCursor(key.Sort, key.Severity, at, id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }

    private static (QueueSort Sort, Severity? Severity, bool AmongDeadlines)? ParseKey(string key) => key switch
    {
        "n" => (QueueSort.Newest, null, false),
        "o" => (QueueSort.Oldest, null, false),
        "d" => (QueueSort.Due, null, true),
        "dr" => (QueueSort.Due, null, false),
        ['s', var digit] when digit - '0' is var rank && Enum.IsDefined((Severity)rank) => (QueueSort.Severity, (Severity)rank, false),
        _ => null,
    };
}
