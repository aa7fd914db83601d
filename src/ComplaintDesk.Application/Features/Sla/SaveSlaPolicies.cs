using System.Data;
using System.Text.Json.Serialization;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>
/// One cell of the matrix as an administrator sends it. With an <see cref="Id"/> it changes that cell, without one it is
/// a new cell. Severity, calendar and the three staff deadlines are required; the rest falls back to the defaults of
/// the source documents (business time, follow-up 24 h after closing, answer windows of 7 days, warning at 75 %, no
/// regulatory deadline).
/// </summary>
public sealed record SlaPolicyRow
{
    public static readonly TimeSpan DefaultFollowUpAfter = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultAnswerWindow = TimeSpan.FromDays(7);
    public const int DefaultWarningPercent = 75;

    public Guid? Id { get; init; }
    public Severity? Severity { get; init; }
    /// <summary>A category code; empty or null: any category.</summary>
    public string? Category { get; init; }
    /// <summary>Null: any channel.</summary>
    public Channel? Channel { get; init; }
    public bool VipOnly { get; init; }
    public Guid? CalendarId { get; init; }
    public TimeBasis? Basis { get; init; }
    public TimeSpan? AcknowledgeWithin { get; init; }
    public TimeSpan? ResolveWithin { get; init; }
    public TimeSpan? DecisionWithin { get; init; }
    public TimeSpan? FollowUpAfter { get; init; }
    public TimeSpan? FollowUpAnswerWithin { get; init; }
    public TimeSpan? OfferAnswerWithin { get; init; }
    public int? WarningPercent { get; init; }
    public RegulatoryProfile? Regulatory { get; init; }
    /// <summary>Only for the <see cref="RegulatoryProfile.Custom"/> profile: calendar days to the final response.</summary>
    public int? RegulatoryDays { get; init; }

    /// <summary>"" and blanks mean any category.</summary>
    internal string? CategoryCode => string.IsNullOrWhiteSpace(Category) ? null : Category.Trim();

    /// <summary>The catch-all cell of its severity: any category, any channel, every customer.</summary>
    internal bool IsCatchAll => CategoryCode is null && Channel is null && !VipOnly;

    internal (Severity, string?, Channel?, bool) Key => (Severity!.Value, CategoryCode, Channel, VipOnly);

    internal SlaTargets Targets => new(
        Basis ?? TimeBasis.Business,
        AcknowledgeWithin!.Value,
        ResolveWithin!.Value,
        DecisionWithin!.Value,
        FollowUpAfter ?? DefaultFollowUpAfter,
        FollowUpAnswerWithin ?? DefaultAnswerWindow,
        OfferAnswerWithin ?? DefaultAnswerWindow,
        WarningPercent ?? DefaultWarningPercent,
        Regulatory ?? RegulatoryProfile.None,
        Regulatory == RegulatoryProfile.Custom ? RegulatoryDays : null);
}

/// <summary>
/// Replaces the whole matrix in one save (PUT /api/v1/sla/policies, the /Admin/Sla page): rows with an id change
/// their cell, rows without one are added, cells not sent are deleted. A change applies to clocks started from now
/// on; running clocks keep their deadlines unless a case's severity or category changes. With
/// <see cref="ExpectedVersion"/> a save from a matrix someone else has changed since is refused, nothing lost.
/// </summary>
public sealed record SaveSlaPoliciesCommand : ICommand<SlaPoliciesView>
{
    public IReadOnlyList<SlaPolicyRow>? Rows { get; init; }
    /// <summary>The matrix's version the caller last saw (If-Match, the page's hidden field); null: no check.</summary>
    [JsonIgnore] public uint? ExpectedVersion { get; init; }
}

public sealed class SlaPolicyRowValidator : AbstractValidator<SlaPolicyRow>
{
    public const int MaxDays = 365;
    public const int MaxRegulatoryDays = 3650;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(MaxDays);

    public SlaPolicyRowValidator()
    {
        RuleFor(r => r.Severity).NotNull().IsInEnum();
        RuleFor(r => r.Category).MaximumLength(FieldLengths.CategoryCode);
        RuleFor(r => r.Channel).IsInEnum();
        RuleFor(r => r.CalendarId).Must(id => id is { } value && value != Guid.Empty)
            .WithMessage(_ => Texts.Get("Choose a calendar."));
        RuleFor(r => r.Basis).IsInEnum();
        Duration(r => r.AcknowledgeWithin, required: true);
        Duration(r => r.ResolveWithin, required: true);
        Duration(r => r.DecisionWithin, required: true);
        Duration(r => r.FollowUpAfter, required: false);
        Duration(r => r.FollowUpAnswerWithin, required: false);
        Duration(r => r.OfferAnswerWithin, required: false);
        RuleFor(r => r.WarningPercent).InclusiveBetween(1, 99)
            .WithMessage(_ => Texts.Get("Warn at 1 to 99 percent of the time allowed."));
        RuleFor(r => r.Regulatory).IsInEnum();
        RuleFor(r => r.RegulatoryDays)
            .Must(days => days is >= 1 and <= MaxRegulatoryDays)
            .When(r => r.Regulatory == RegulatoryProfile.Custom)
            .WithMessage(_ => Texts.Format("A custom regulatory deadline needs 1 to {0} days.", MaxRegulatoryDays));
    }

    private void Duration(System.Linq.Expressions.Expression<Func<SlaPolicyRow, TimeSpan?>> field, bool required) =>
        RuleFor(field)
            .Must(value => value is { } time ? time > TimeSpan.Zero && time <= MaxDuration : !required)
            .WithMessage(_ => Texts.Format("Give a time longer than zero and at most {0} days.", MaxDays));
}

public sealed class SaveSlaPoliciesValidator : AbstractValidator<SaveSlaPoliciesCommand>
{
    public SaveSlaPoliciesValidator()
    {
        RuleFor(c => c.Rows).NotNull().WithMessage(_ => Texts.Get("Send the rows of the matrix."));
        RuleFor(c => c.Rows!.Count).LessThanOrEqualTo(SlaClockKeeper.MaxPolicies).OverridePropertyName(nameof(SaveSlaPoliciesCommand.Rows))
            .WithMessage(_ => Texts.Format("The matrix holds at most {0} rows.", SlaClockKeeper.MaxPolicies))
            .When(c => c.Rows is not null);
        RuleForEach(c => c.Rows).NotNull().WithMessage(_ => Texts.Get("A row is missing.")).SetValidator(new SlaPolicyRowValidator());
        RuleFor(c => c.Rows).Custom(CheckMatrix).When(c => c.Rows is not null);
    }

    /// <summary>No two rows for one cell, one catch-all row per severity, no id twice.</summary>
    private static void CheckMatrix(IReadOnlyList<SlaPolicyRow>? rows, ValidationContext<SaveSlaPoliciesCommand> context)
    {
        var cells = new HashSet<(Severity, string?, Channel?, bool)>();
        var ids = new HashSet<Guid>();
        for (var i = 0; i < rows!.Count; i++)
        {
            if (rows[i] is not { } row) // refused above
            {
                continue;
            }
            if (row.Id is { } id && !ids.Add(id))
            {
                context.AddFailure($"Rows[{i}].Id", Texts.Get("Two rows carry this id; send each row once."));
            }
            if (row.Severity is { } severity && Enum.IsDefined(severity) && !cells.Add(row.Key))
            {
                context.AddFailure($"Rows[{i}]", Texts.Get("Another row has the same severity, category, channel and VIP choice; merge the two."));
            }
        }
        foreach (var severity in Enum.GetValues<Severity>())
        {
            if (!rows.Any(r => r is not null && r.Severity == severity && r.IsCatchAll))
            {
                context.AddFailure(nameof(SaveSlaPoliciesCommand.Rows),
                    Texts.Format("Severity {0} needs a row for any category, any channel and all customers: the cell every case of it falls back to.", severity));
            }
        }
    }
}

public sealed class SaveSlaPoliciesHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : ICommandHandler<SaveSlaPoliciesCommand, SlaPoliciesView>
{
    /// <summary>The transaction-level advisory lock that serialises matrix saves ("SLAMATRX").</summary>
    public const long MatrixLock = 0x534C_414D_4154_5258;

    public async ValueTask<SlaPoliciesView> Handle(SaveSlaPoliciesCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.SlaPolicies);
        var rows = command.Rows!.ToList();
        // One matrix save at a time: the lock is taken before the matrix is read, so a save that waited reads what the
        // other one committed and its version check sees the change. Released at commit or rollback.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({MatrixLock})", cancellationToken);
        var stored = await db.SlaPolicies.OrderBy(p => p.Id).Take(SlaClockKeeper.MaxPolicies).ToDictionaryAsync(p => p.Id, cancellationToken);
        if (command.ExpectedVersion is { } expected && expected != SlaPolicyMatrix.VersionOf(stored.Values))
        {
            throw new ConcurrencyConflictException();
        }
        await CheckReferencesAsync(rows, stored, cancellationToken);

        // A unique index holds one row per cell, checked row by row. So first remove the cells that go and the rows
        // that move to another cell (another severity, category, channel or VIP choice), then write the rest: no
        // intermediate state can hold a cell twice. A moved row comes back under its own id.
        var keep = rows.Where(r => r.Id is not null).ToDictionary(r => r.Id!.Value);
        var moved = keep.Values.Where(r => Key(stored[r.Id!.Value]) != r.Key).Select(r => r.Id!.Value).ToHashSet();
        try
        {
            foreach (var policy in stored.Values.Where(p => !keep.ContainsKey(p.Id) || moved.Contains(p.Id)))
            {
                db.SlaPolicies.Remove(policy);
            }
            await db.SaveChangesAsync(cancellationToken);

            foreach (var row in rows)
            {
                if (row.Id is { } id && !moved.Contains(id))
                {
                    stored[id].Change(row.CategoryCode, row.Channel, row.VipOnly, row.CalendarId!.Value, row.Targets);
                    continue;
                }
                var policy = new SlaPolicy(row.Severity!.Value, row.CategoryCode, row.Channel, row.VipOnly, row.CalendarId!.Value, row.Targets);
                if (row.Id is { } kept)
                {
                    db.Entry(policy).Property(p => p.Id).CurrentValue = kept;
                }
                db.SlaPolicies.Add(policy);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException race) when (race.InnerException is PostgresException
                                             {
                                                 SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation,
                                             }
                                             || race is DbUpdateConcurrencyException)
        {
            // Another administrator saved the matrix (or changed what it points to) at the same moment.
            throw new ConcurrencyConflictException();
        }
        db.ChangeTracker.Clear();
        return await SlaPolicyMatrix.ReadAsync(db, cancellationToken);
    }

    private static (Severity, string?, Channel?, bool) Key(SlaPolicy policy) => (policy.Severity, policy.CategoryCode, policy.Channel, policy.VipOnly);

    /// <summary>Ids of cells that exist, calendars and categories that exist: field errors on the rows that name others.</summary>
    private async Task CheckReferencesAsync(List<SlaPolicyRow> rows, Dictionary<Guid, SlaPolicy> stored, CancellationToken cancellationToken)
    {
        var calendarIds = rows.Select(r => r.CalendarId!.Value).Distinct().ToList();
        var calendars = (await db.BusinessCalendars.Where(c => calendarIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        var codes = rows.Where(r => r.CategoryCode is not null).Select(r => r.CategoryCode!).Distinct().ToList();
        var categories = (await db.Categories.Where(c => codes.Contains(c.Code)).Select(c => c.Code).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var failures = new List<ValidationFailure>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Id is { } id && !stored.ContainsKey(id))
            {
                failures.Add(new ValidationFailure($"Rows[{i}].Id",
                    Texts.Get("No row of the matrix has this id (perhaps someone deleted it a moment ago); leave the id out to add a row.")));
            }
            if (!calendars.Contains(row.CalendarId!.Value))
            {
                failures.Add(new ValidationFailure($"Rows[{i}].CalendarId", Texts.Get("No calendar has this id.")));
            }
            if (row.CategoryCode is { } code && !categories.Contains(code))
            {
                failures.Add(new ValidationFailure($"Rows[{i}].Category", Texts.Get("Choose one of the categories, or any category.")));
            }
        }
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }
}
