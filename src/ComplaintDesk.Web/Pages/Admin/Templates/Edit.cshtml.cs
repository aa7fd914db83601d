using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Customers;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.Templates;

/// <summary>
/// Writes a new template (no id) or changes one; "Preview" shows the body filled with sample values without saving.
/// The form binds the fields of <see cref="CreateReplyTemplateCommand"/>, as POST/PUT /api/v1/reply-templates take them.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class EditModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }

    [BindProperty] public CreateReplyTemplateCommand Command { get; set; } = new() { Language = Languages.English };

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    /// <summary>The body filled with sample values, when the administrator asked for a preview.</summary>
    public string? Preview { get; private set; }

    /// <summary>"preview" when the Preview button sent the form: show it filled in, save nothing.</summary>
    [BindProperty] public string? Intent { get; set; }

    public bool IsNew => Id is null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            var template = await sender.Send(new GetReplyTemplateQuery(id), cancellationToken);
            Command = new CreateReplyTemplateCommand { Title = template.Title, Category = template.Category, Language = template.Language, Body = template.Body };
        }
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Intent == "preview")
        {
            Preview = (await this.TrySendAsync(sender, new PreviewReplyTemplateQuery { Body = Command.Body }, nameof(Command), cancellationToken))?.Text;
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        var saved = Id is { } id
            ? await this.TrySendAsync(sender, new UpdateReplyTemplateCommand
                { Id = id, Title = Command.Title, Category = Command.Category, Language = Command.Language, Body = Command.Body },
                nameof(Command), cancellationToken)
            : await this.TrySendAsync(sender, Command, nameof(Command), cancellationToken);
        if (saved is not null)
        {
            TempData[AdminMessages.StatusKey] = localizer["Saved the template \"{0}\".", saved.Title].Value;
            return RedirectToPage(new { id = saved.Id });
        }
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (Id is not { } id)
        {
            return NotFound();
        }
        await sender.Send(new DeleteReplyTemplateCommand(id), cancellationToken);
        TempData[AdminMessages.StatusKey] = localizer["The template was deleted."].Value;
        return RedirectToPage("/Admin/Templates/Index");
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        Categories = await sender.Send(new ListCategoriesQuery(IncludeRetired: true), cancellationToken);
}
