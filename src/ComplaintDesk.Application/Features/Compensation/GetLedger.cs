using System.Globalization;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Account;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Compensation;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>One cost line: an accepted option, with its case and customer.</summary>
public sealed record LedgerLineView(
    Guid ComplaintId, string Reference, Guid CustomerId, string CustomerName, string Category, CompensationKind Kind,
    decimal Amount, string Currency, DateTimeOffset AcceptedAt, DateTimeOffset? FulfilledAt);

public sealed record LedgerKindTotal(CompensationKind Kind, decimal Total, int Lines);

public sealed record LedgerCategoryTotal(string Category, decimal Total, int Lines);

/// <summary>A calendar month of the asked time zone, "2026-11".</summary>
public sealed record LedgerMonthTotal(string Month, decimal Total, int Lines);

/// <summary>
/// A page of the ledger and the totals of the whole filter (every line from <see cref="From"/> to <see cref="To"/>,
/// not only this page): <see cref="Total"/> over <see cref="LineCount"/> lines, by kind, by category and by month.
/// Amounts are in the policy's <see cref="Currency"/> (it cannot change once lines exist in another one).
/// </summary>
public sealed record LedgerPage(
    DateOnly From, DateOnly To, string TimeZone,
    IReadOnlyList<LedgerLineView> Lines,
    decimal Total, int LineCount, string Currency,
    IReadOnlyList<LedgerKindTotal> ByKind, IReadOnlyList<LedgerCategoryTotal> ByCategory, IReadOnlyList<LedgerMonthTotal> ByMonth,
    string? NextCursor);

/// <summary>
/// The compensation ledger (supervisors and administrators): the lines accepted from <see cref="From"/> to
/// <see cref="To"/> (calendar dates in <see cref="TimeZone"/>, an IANA id, UTC when empty; both included; at most
/// <see cref="MaxDays"/> days), optionally of one category and one kind, oldest first, a page at a time by keyset on
/// (accepted at, id). Without dates: the current month. With only one: the rest of its month (from the first day of
/// <see cref="To"/>'s month, or to the last day of <see cref="From"/>'s).
/// </summary>
public sealed record GetLedgerQuery : IQuery<LedgerPage>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const int MaxDays = 366;

    /// <summary>Dates outside these are refused (a ledger of a help desk has none; the arithmetic stays far from the calendar's ends).</summary>
    public static readonly DateOnly MinDate = new(2000, 1, 1);
    public static readonly DateOnly MaxDate = new(2999, 12, 31);

    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>A category code; empty: every category.</summary>
    public string? Category { get; init; }
    public CompensationKind? Kind { get; init; }
    public string? Cursor { get; init; }
    public int? Limit { get; init; }
    public string? TimeZone { get; init; }

    /// <summary>The kind letter of the ledger's cursors (a <see cref="KeysetCursor"/> on (accepted at, line id)).</summary>
    internal const char CursorKind = 'l';

    /// <summary>The period the query names, on the calendar of <paramref name="zone"/> at <paramref name="now"/>.</summary>
    public (DateOnly From, DateOnly To) Period(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = LocalDays.Today(now, zone);
        return (From, To) switch
        {
            ({ } from, { } to) => (from, to),
            ({ } from, null) => (from, LastOfMonth(from)),
            (null, { } to) => (new DateOnly(to.Year, to.Month, 1), to),
            _ => (new DateOnly(today.Year, today.Month, 1), LastOfMonth(today)),
        };
    }

    internal string? CategoryCode => string.IsNullOrWhiteSpace(Category) ? null : Category.Trim();

    private static DateOnly LastOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}

public sealed class GetLedgerValidator : AbstractValidator<GetLedgerQuery>
{
    public GetLedgerValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, GetLedgerQuery.MaxLimit);
        RuleFor(q => q.Kind).IsInEnum();
        RuleFor(q => q.Category).MaximumLength(FieldLengths.CategoryCode);
        RuleFor(q => q.TimeZone)
            .Must(zone => string.IsNullOrWhiteSpace(zone) || ChangeMyPreferencesValidator.IsIanaTimeZone(zone.Trim()))
            .WithMessage(_ => Texts.Get("This is not a time zone we know; use an IANA id such as Asia/Taipei."));
        RuleFor(q => q.Cursor)
            .Must(cursor => cursor is null || KeysetCursor.TryParse(cursor, GetLedgerQuery.CursorKind, out _))
            .WithMessage(_ => Texts.Get("This cursor is not one we gave out."));
        RuleFor(q => q.From).InclusiveBetween(GetLedgerQuery.MinDate, GetLedgerQuery.MaxDate)
            .WithMessage(_ => Texts.Get("Choose a date between 2000-01-01 and 2999-12-31."));
        RuleFor(q => q.To).InclusiveBetween(GetLedgerQuery.MinDate, GetLedgerQuery.MaxDate)
            .WithMessage(_ => Texts.Get("Choose a date between 2000-01-01 and 2999-12-31."));
        RuleFor(q => q.To)
            .Must((q, to) => q.From!.Value <= to!.Value)
            .When(q => q.From is not null && q.To is not null)
            .WithMessage(_ => Texts.Get("The end date cannot be before the start date."));
        RuleFor(q => q.To)
            .Must((q, to) => to!.Value.DayNumber - q.From!.Value.DayNumber < GetLedgerQuery.MaxDays)
            .When(q => q.From is not null && q.To is not null && q.From <= q.To)
            .WithMessage(_ => Texts.Format("Choose at most {0} days.", GetLedgerQuery.MaxDays));
    }
}

public sealed class GetLedgerHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : IQueryHandler<GetLedgerQuery, LedgerPage>
{
    public async ValueTask<LedgerPage> Handle(GetLedgerQuery query, CancellationToken cancellationToken)
    {
        Ledger.EnsureReader(currentActor.Actor);
        var zone = LocalDays.ZoneOrUtc(query.TimeZone);
        var (from, to) = query.Period(clock.GetUtcNow(), zone);
        var category = query.CategoryCode;
        if (category is not null && !await db.Categories.AnyAsync(c => c.Code == category, cancellationToken))
        {
            throw Administrators.FieldError(nameof(GetLedgerQuery.Category), Texts.Get("There is no category with this code."));
        }
        var start = LocalDays.StartOf(from, zone);
        var end = LocalDays.StartOf(to.AddDays(1), zone);

        // The filter, written so that PostgreSQL reads one of the ledger's indexes: (Kind, AcceptedAt),
        // (CategoryCode, AcceptedAt) or (AcceptedAt, Id).
        var lines = db.Ledger.AsNoTracking().Where(l => l.AcceptedAt >= start && l.AcceptedAt < end);
        if (category is not null)
        {
            lines = lines.Where(l => l.CategoryCode == category);
        }
        if (query.Kind is { } kind)
        {
            lines = lines.Where(l => l.Kind == kind);
        }

        // The totals of the whole filter: three GROUP BYs in the database, never the lines themselves.
        var byKind = (await lines.GroupBy(l => l.Kind)
                .Select(g => new { g.Key, Total = g.Sum(l => l.Amount), Lines = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(g => new LedgerKindTotal(g.Key, g.Total, g.Lines))
            .OrderByDescending(g => g.Total).ThenBy(g => g.Kind).ToList();
        var byCategory = (await lines.GroupBy(l => l.CategoryCode)
                .Select(g => new { g.Key, Total = g.Sum(l => l.Amount), Lines = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(g => new LedgerCategoryTotal(g.Key, g.Total, g.Lines))
            .OrderByDescending(g => g.Total).ThenBy(g => g.Category, StringComparer.Ordinal).ToList();
        // AcceptedAt AT TIME ZONE the reader's zone, so a line accepted at 23:30 on the last day of a month in Taipei
        // counts in that month.
        var zoneId = zone.Id;
        var byMonth = (await lines
                .Select(l => new { Local = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(l.AcceptedAt.UtcDateTime, zoneId), l.Amount })
                .GroupBy(l => new { l.Local.Year, l.Local.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, Total = g.Sum(l => l.Amount), Lines = g.Count() })
                .ToListAsync(cancellationToken))
            .OrderBy(g => g.Year).ThenBy(g => g.Month)
            .Select(g => new LedgerMonthTotal(string.Create(CultureInfo.InvariantCulture, $"{g.Year:0000}-{g.Month:00}"), g.Total, g.Lines))
            .ToList();

        var page = lines;
        if (query.Cursor is not null && KeysetCursor.TryParse(query.Cursor, GetLedgerQuery.CursorKind, out var after))
        {
            // The first condition bounds the index range; the second skips the lines of that instant already shown.
            page = page.Where(l => l.AcceptedAt >= after.At && (l.AcceptedAt > after.At || l.Id > after.Id));
        }
        var limit = query.Limit ?? GetLedgerQuery.DefaultLimit;
        var rows = await (
                from l in page.OrderBy(l => l.AcceptedAt).ThenBy(l => l.Id).Take(limit + 1)
                join c in db.Complaints on l.ComplaintId equals c.Id
                join customer in db.Customers on l.CustomerId equals customer.Id
                orderby l.AcceptedAt, l.Id
                select new
                {
                    l.Id,
                    Line = new LedgerLineView(l.ComplaintId, c.Reference, l.CustomerId, customer.Name, l.CategoryCode, l.Kind,
                        l.Amount, l.Currency, l.AcceptedAt, l.FulfilledAt),
                })
            .ToListAsync(cancellationToken);
        var next = rows.Count > limit ? new KeysetCursor(rows[limit - 1].Line.AcceptedAt, rows[limit - 1].Id).Format(GetLedgerQuery.CursorKind) : null;

        var currency = await db.CompensationPolicies.AsNoTracking()
            .Where(p => p.Id == CompensationPolicy.SingletonId).Select(p => p.Currency).SingleAsync(cancellationToken);
        return new LedgerPage(from, to, zone.Id, rows.Take(limit).Select(r => r.Line).ToList(),
            byKind.Sum(g => g.Total), byKind.Sum(g => g.Lines), currency.Trim(), byKind, byCategory, byMonth, next);
    }
}

internal static class Ledger
{
    public static void EnsureReader(Actor actor)
    {
        if (!actor.Is(Party.Supervisor | Party.Admin))
        {
            throw new ActionForbiddenException("Only supervisors and administrators see the compensation ledger.");
        }
    }
}
