using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>One complaint, with the actions the caller may take on it now.</summary>
public sealed record GetComplaintQuery(Guid ComplaintId) : IQuery<ComplaintView>;

public sealed class GetComplaintValidator : AbstractValidator<GetComplaintQuery>
{
    public GetComplaintValidator() => RuleFor(q => q.ComplaintId).NotEmpty();
}

public sealed class GetComplaintHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock, LifecycleSettings settings)
    : IQueryHandler<GetComplaintQuery, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(GetComplaintQuery query, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().Include(c => c.Customer)
            .SingleOrDefaultAsync(c => c.Id == query.ComplaintId, cancellationToken)
            ?? throw new NotFoundException("Complaint", query.ComplaintId);
        return await ComplaintView.ReadAsync(db, complaint, currentActor.Actor, clock.GetUtcNow(), settings, cancellationToken);
    }
}
