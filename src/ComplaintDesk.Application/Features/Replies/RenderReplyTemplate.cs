using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Templates;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Replies;

public sealed record RenderedTemplate(Guid TemplateId, string Title, string Body);

/// <summary>A reply template with its placeholders filled from the case, as the composer starts from it.</summary>
public sealed record RenderReplyTemplateQuery(Guid ComplaintId, Guid TemplateId) : IQuery<RenderedTemplate>;

public sealed class RenderReplyTemplateValidator : AbstractValidator<RenderReplyTemplateQuery>
{
    public RenderReplyTemplateValidator()
    {
        RuleFor(q => q.ComplaintId).NotEmpty();
        RuleFor(q => q.TemplateId).NotEmpty();
    }
}

public sealed class RenderReplyTemplateHandler(ComplaintDeskDbContext db, ICurrentActor currentActor)
    : IQueryHandler<RenderReplyTemplateQuery, RenderedTemplate>
{
    public async ValueTask<RenderedTemplate> Handle(RenderReplyTemplateQuery query, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().Include(c => c.Customer)
            .SingleOrDefaultAsync(c => c.Id == query.ComplaintId, cancellationToken)
            ?? throw new NotFoundException("Complaint", query.ComplaintId);
        var template = await ReplyTemplates.FindAsync(db, query.TemplateId, nameof(query.TemplateId), cancellationToken);
        return await ReplyTemplates.RenderAsync(db, template, complaint, currentActor.Actor, cancellationToken);
    }
}

internal static class ReplyTemplates
{
    /// <summary>The template, or a field error: a template id is something the caller chose, like an owner id.</summary>
    public static async Task<ReplyTemplate> FindAsync(ComplaintDeskDbContext db, Guid templateId, string field, CancellationToken cancellationToken) =>
        await db.ReplyTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken)
        ?? throw new ValidationException([new ValidationFailure(field, Texts.Get("No reply template has this id."))]);

    /// <summary>The template filled in for the case, with the case's own deadlines (one small read of its clocks).</summary>
    public static async Task<RenderedTemplate> RenderAsync(ComplaintDeskDbContext db, ReplyTemplate template, Complaint complaint, Actor agent,
        CancellationToken cancellationToken)
    {
        var deadlines = await CaseDeadlines.ReadAsync(db, complaint.Id, cancellationToken);
        return new(template.Id, template.Title,
            TemplateRenderer.Render(template.Body, TemplateValues.For(complaint, agent, deadlines, template.Language)));
    }
}
