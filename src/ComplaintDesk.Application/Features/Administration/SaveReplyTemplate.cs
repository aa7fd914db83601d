using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Templates;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>What a template is made of: the same fields to create one (POST) and to replace one (PUT).</summary>
public abstract record ReplyTemplateFields
{
    public string? Title { get; init; }
    /// <summary>A category code, or null/empty for "any category".</summary>
    public string? Category { get; init; }
    public string? Language { get; init; }
    public string? Body { get; init; }
}

public sealed record CreateReplyTemplateCommand : ReplyTemplateFields, ICommand<ReplyTemplateView>;

public sealed record UpdateReplyTemplateCommand : ReplyTemplateFields, ICommand<ReplyTemplateView>
{
    public Guid Id { get; init; }
}

public sealed class ReplyTemplateFieldsValidator : AbstractValidator<ReplyTemplateFields>
{
    public ReplyTemplateFieldsValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(FieldLengths.TemplateTitle);
        RuleFor(c => c.Category).MaximumLength(FieldLengths.CategoryCode);
        RuleFor(c => c.Language).NotEmpty().Must(l => Languages.All.Contains(l!))
            .WithMessage(_ => Texts.Format("Choose one of: {0}.", string.Join(", ", Languages.All)));
        RuleFor(c => c.Body).NotEmpty().MaximumLength(FieldLengths.TemplateBody);
        RuleFor(c => c.Body).Must(b => !ReplyTemplatePlaceholders.Unknown(b!).Any())
            .When(c => !string.IsNullOrEmpty(c.Body))
            .WithMessage(c => Texts.Format("Unknown placeholder {0}; use {1}.",
                string.Join(", ", ReplyTemplatePlaceholders.Unknown(c.Body!).Select(n => $"{{{n}}}")),
                string.Join(" ", ReplyTemplatePlaceholders.All.Select(n => $"{{{n}}}"))));
    }
}

public sealed class CreateReplyTemplateValidator : AbstractValidator<CreateReplyTemplateCommand>
{
    public CreateReplyTemplateValidator() => Include(new ReplyTemplateFieldsValidator());
}

public sealed class UpdateReplyTemplateValidator : AbstractValidator<UpdateReplyTemplateCommand>
{
    public UpdateReplyTemplateValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        Include(new ReplyTemplateFieldsValidator());
    }
}

public sealed class CreateReplyTemplateHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : ICommandHandler<CreateReplyTemplateCommand, ReplyTemplateView>
{
    public async ValueTask<ReplyTemplateView> Handle(CreateReplyTemplateCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var category = await ReplyTemplateCategory.CheckAsync(db, command.Category, cancellationToken);
        var template = new ReplyTemplate(command.Title!, category, command.Language!, command.Body!, clock.GetUtcNow());
        db.ReplyTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        return ReplyTemplateView.Of(template);
    }
}

public sealed class UpdateReplyTemplateHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : ICommandHandler<UpdateReplyTemplateCommand, ReplyTemplateView>
{
    public async ValueTask<ReplyTemplateView> Handle(UpdateReplyTemplateCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var template = await db.ReplyTemplates.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Reply template", command.Id);
        var category = await ReplyTemplateCategory.CheckAsync(db, command.Category, cancellationToken);
        template.Change(command.Title!, category, command.Language!, command.Body!, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return ReplyTemplateView.Of(template);
    }
}

internal static class ReplyTemplateCategory
{
    /// <summary>Null for "any"; otherwise an existing code (a retired one is allowed: its old complaints still get replies).</summary>
    public static async Task<string?> CheckAsync(ComplaintDeskDbContext db, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        return await db.Categories.AnyAsync(c => c.Code == code, cancellationToken)
            ? code
            : throw Administrators.FieldError(nameof(ReplyTemplateFields.Category), Texts.Get("Choose one of the categories, or any category."));
    }
}
