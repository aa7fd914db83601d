using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Complaints;

/// <summary>Logs a complaint: the form binds the same <see cref="LogComplaintCommand"/> the API takes.</summary>
public sealed class NewModel(ISender sender) : PageModel
{
    [BindProperty] public LogComplaintCommand Command { get; set; } = new()
    {
        Customer = new CustomerInput { PreferredLanguage = Languages.English },
        Severity = Severity.Medium,
    };

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public static IReadOnlyList<(string Code, string Name)> LanguageChoices { get; } =
    [
        (Languages.English, "English (en)"),
        (Languages.TraditionalChinese, "Traditional Chinese (zh-Hant)"),
        (Languages.SimplifiedChinese, "Simplified Chinese (zh-Hans)"),
    ];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadChoicesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A value that did not even bind (a malformed date) is already a field error; sending would drop it.
        if (ModelState.IsValid && await this.TrySendAsync(sender, Command, nameof(Command), cancellationToken) is { } created)
        {
            return RedirectToPage("/Complaints/Details", new { id = created.Id });
        }
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        Categories = await sender.Send(new ListCategoriesQuery(), cancellationToken);
}
