using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>
/// Rename, retire or reinstate a category; only what is given changes. There is no delete: complaints, templates and
/// reports keep the code, so a category that is no longer wanted is retired — hidden from intake, kept everywhere else.
/// </summary>
public sealed record UpdateCategoryCommand : ICommand<CategoryOption>
{
    public string Code { get; init; } = "";
    public string? Name { get; init; }
    public bool? Retired { get; init; }
}

public sealed class UpdateCategoryValidator : AbstractValidator<UpdateCategoryCommand>
{
    public UpdateCategoryValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(FieldLengths.CategoryCode);
        RuleFor(c => c.Name).NotEmpty().MaximumLength(FieldLengths.CategoryName).When(c => c.Name is not null);
    }
}

public sealed class UpdateCategoryHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : ICommandHandler<UpdateCategoryCommand, CategoryOption>
{
    public async ValueTask<CategoryOption> Handle(UpdateCategoryCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Code == command.Code, cancellationToken)
            ?? throw new NotFoundException("Category", command.Code);
        if (command.Name is not null)
        {
            category.Rename(command.Name);
        }
        switch (command.Retired)
        {
            case true:
                category.Retire();
                break;
            case false:
                category.Reinstate();
                break;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new CategoryOption(category.Code, category.Name, category.Retired);
    }
}
