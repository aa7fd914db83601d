using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Categories;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>A new category for intake. The code is stable (filters, templates and the API use it); the name can change later.</summary>
public sealed record AddCategoryCommand : ICommand<CategoryOption>
{
    public string? Code { get; init; }
    public string? Name { get; init; }
}

public sealed class AddCategoryValidator : AbstractValidator<AddCategoryCommand>
{
    public AddCategoryValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(FieldLengths.CategoryCode)
            .Matches("^[a-z][A-Za-z0-9]*$").WithMessage(_ => Texts.Get("Use letters and digits in camelCase, such as warrantyClaims."));
        RuleFor(c => c.Name).NotEmpty().MaximumLength(FieldLengths.CategoryName);
    }
}

public sealed class AddCategoryHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : ICommandHandler<AddCategoryCommand, CategoryOption>
{
    public const string CodeTaken = "There is a category with this code already (perhaps retired: reinstate it instead).";

    public async ValueTask<CategoryOption> Handle(AddCategoryCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        // Codes are compared without case: productquality next to productQuality would only confuse.
        var code = command.Code!.Trim();
        if (await db.Categories.AnyAsync(c => c.Code.ToLower() == code.ToLower(), cancellationToken))
        {
            throw Administrators.FieldError(nameof(command.Code), Texts.Get(CodeTaken));
        }
        var category = new Category(code, command.Name!.Trim());
        db.Categories.Add(category);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException race) when (Administrators.IsUniqueViolation(race))
        {
            throw Administrators.FieldError(nameof(command.Code), Texts.Get(CodeTaken));
        }
        return new CategoryOption(category.Code, category.Name, category.Retired);
    }
}
