using System.Buffers.Binary;
using System.Security.Cryptography;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>
/// One cell of the policy matrix as the API and the policy page show it: the stored values, the names of its calendar
/// and category, and the regulatory deadline its profile gives. Durations are <see cref="TimeSpan"/> ("08:00:00",
/// "7.00:00:00" in JSON); staff deadlines count business time when <see cref="Basis"/> is business.
/// </summary>
public sealed record SlaPolicyView(
    Guid Id,
    Severity Severity,
    string? Category,
    string? CategoryName,
    Channel? Channel,
    bool VipOnly,
    Guid CalendarId,
    string CalendarName,
    TimeBasis Basis,
    TimeSpan AcknowledgeWithin,
    TimeSpan ResolveWithin,
    TimeSpan DecisionWithin,
    TimeSpan FollowUpAfter,
    TimeSpan FollowUpAnswerWithin,
    TimeSpan OfferAnswerWithin,
    int WarningPercent,
    RegulatoryProfile Regulatory,
    int? RegulatoryDays,
    int? RegulatoryDeadlineDays);

/// <summary>A calendar to choose for a cell.</summary>
public sealed record CalendarOption(Guid Id, string Name, string TimeZoneId);

/// <summary>
/// The whole matrix, most severe first and the catch-all cell of each severity before its overrides; and the calendars.
/// <see cref="Version"/> is its ETag: send it back (If-Match, or the page's hidden field) so a change made meanwhile is
/// not overwritten.
/// </summary>
public sealed record SlaPoliciesView(IReadOnlyList<SlaPolicyView> Rows, IReadOnlyList<CalendarOption> Calendars, uint Version);

/// <summary>The policy matrix for the administrators' editor (GET /api/v1/sla/policies, /Admin/Sla).</summary>
public sealed record GetSlaPoliciesQuery : IQuery<SlaPoliciesView>;

public sealed class GetSlaPoliciesHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : IQueryHandler<GetSlaPoliciesQuery, SlaPoliciesView>
{
    public async ValueTask<SlaPoliciesView> Handle(GetSlaPoliciesQuery query, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.SlaPolicies);
        return await SlaPolicyMatrix.ReadAsync(db, cancellationToken);
    }
}

/// <summary>Reading the matrix, shared by the query and by the save that answers with the matrix as stored.</summary>
internal static class SlaPolicyMatrix
{
    public static async Task<SlaPoliciesView> ReadAsync(ComplaintDeskDbContext db, CancellationToken cancellationToken)
    {
        var calendars = await db.BusinessCalendars.AsNoTracking()
            .OrderBy(c => c.Name)
            .Take(SlaClockKeeper.MaxCalendars)
            .Select(c => new CalendarOption(c.Id, c.Name, c.TimeZoneId))
            .ToListAsync(cancellationToken);
        var policies = await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Id).Take(SlaClockKeeper.MaxPolicies).ToListAsync(cancellationToken);
        var codes = policies.Where(p => p.CategoryCode is not null).Select(p => p.CategoryCode!).Distinct().ToList();
        var categoryNames = await db.Categories.AsNoTracking().Where(c => codes.Contains(c.Code))
            .ToDictionaryAsync(c => c.Code, c => c.Name, cancellationToken);
        var calendarNames = calendars.ToDictionary(c => c.Id, c => c.Name);

        var rows = policies
            .OrderByDescending(p => p.Severity)
            .ThenBy(p => p.Specificity)
            .ThenBy(p => p.CategoryCode, StringComparer.Ordinal)
            .ThenBy(p => p.Channel)
            .ThenBy(p => p.VipOnly)
            .Select(p => new SlaPolicyView(
                p.Id, p.Severity, p.CategoryCode, p.CategoryCode is null ? null : categoryNames.GetValueOrDefault(p.CategoryCode),
                p.Channel, p.VipOnly, p.CalendarId, calendarNames.GetValueOrDefault(p.CalendarId, ""), p.Basis,
                p.AcknowledgeWithin, p.ResolveWithin, p.DecisionWithin, p.FollowUpAfter, p.FollowUpAnswerWithin, p.OfferAnswerWithin,
                p.WarningPercent, p.Regulatory, p.RegulatoryDays, p.Targets.RegulatoryDeadlineDays))
            .ToList();
        return new SlaPoliciesView(rows, calendars, VersionOf(policies));
    }

    /// <summary>
    /// The matrix's version: a hash over its cells' ids and row versions (xmin). A cell changed, added or deleted by
    /// anyone changes it; the highest xmin alone would miss a deleted cell.
    /// </summary>
    public static uint VersionOf(IEnumerable<SlaPolicy> policies)
    {
        const int CellBytes = 20;
        var cells = policies.OrderBy(p => p.Id).ToList();
        var bytes = new byte[cells.Count * CellBytes];
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = bytes.AsSpan(i * CellBytes, CellBytes);
            cells[i].Id.TryWriteBytes(cell[..16]);
            BinaryPrimitives.WriteUInt32LittleEndian(cell[16..], cells[i].Version);
        }
        return BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(bytes));
    }
}
