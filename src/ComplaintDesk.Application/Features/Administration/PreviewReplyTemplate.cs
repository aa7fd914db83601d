using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Administration;

public sealed record ReplyTemplatePreview(string Text);

/// <summary>A body filled with sample values, so the administrator sees what a customer would read.</summary>
public sealed record PreviewReplyTemplateQuery : IQuery<ReplyTemplatePreview>
{
    public string? Body { get; init; }
}

public sealed class PreviewReplyTemplateValidator : AbstractValidator<PreviewReplyTemplateQuery>
{
    public PreviewReplyTemplateValidator() => RuleFor(q => q.Body).NotEmpty().MaximumLength(FieldLengths.TemplateBody);
}

public sealed class PreviewReplyTemplateHandler : IQueryHandler<PreviewReplyTemplateQuery, ReplyTemplatePreview>
{
    public ValueTask<ReplyTemplatePreview> Handle(PreviewReplyTemplateQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ReplyTemplatePreview(ReplyTemplatePlaceholders.Preview(query.Body!)));
}
