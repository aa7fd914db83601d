using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record TimelineEntry(
    long Id, DateTimeOffset At, string Actor, TimelineEventKind Kind, ComplaintState? From, ComplaintState? To,
    string? Text, Visibility Visibility)
{
    public static TimelineEntry Of(TimelineEvent e) => new(e.Id, e.At, e.ActorName, e.Kind, e.From, e.To, e.Text, e.Visibility);
}

/// <summary>A complaint's history, oldest first, for staff (internal and public events).</summary>
public sealed record GetTimelineQuery(Guid ComplaintId) : IQuery<IReadOnlyList<TimelineEntry>>;

public sealed class GetTimelineValidator : AbstractValidator<GetTimelineQuery>
{
    public GetTimelineValidator() => RuleFor(q => q.ComplaintId).NotEmpty();
}

public sealed class GetTimelineHandler(ComplaintDeskDbContext db) : IQueryHandler<GetTimelineQuery, IReadOnlyList<TimelineEntry>>
{
    /// <summary>A bound, not a page size: a real case has a few dozen events.</summary>
    public const int MaxEvents = 2000;

    public async ValueTask<IReadOnlyList<TimelineEntry>> Handle(GetTimelineQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Complaints.AnyAsync(c => c.Id == query.ComplaintId, cancellationToken))
        {
            throw new NotFoundException("Complaint", query.ComplaintId);
        }
        return await db.TimelineEvents.AsNoTracking()
            .Where(e => e.ComplaintId == query.ComplaintId)
            .OrderBy(e => e.Id)
            .Take(MaxEvents)
            .Select(e => new TimelineEntry(e.Id, e.At, e.ActorName, e.Kind, e.From, e.To, e.Text, e.Visibility))
            .ToListAsync(cancellationToken);
    }
}
