using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Customers;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Evidence;
using FluentValidation;
using Mediator;
using Severity = ComplaintDesk.Domain.Complaints.Severity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Complaints;

/// <summary>
/// Logs a complaint: the form binds the same <see cref="LogComplaintCommand"/> the API takes, then attaches each
/// uploaded file with the same <see cref="AddEvidenceCommand"/> the evidence API sends. Above it, a customer lookup
/// (a GET form) finds a returning customer and fills the customer fields from <c>?customerId=</c>.
/// </summary>
// Room for a full set of evidence (10 files of 10 MB) and the form around it.
[RequestSizeLimit(MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public sealed class NewModel(ISender sender, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private const long MaxUpload = (long)Attachment.MaxPerComplaint * Attachment.MaxBytes + 1024 * 1024;

    private readonly CommandMessages messages = new(localizer);

    [BindProperty] public LogComplaintCommand Command { get; set; } = new()
    {
        Customer = new CustomerInput { PreferredLanguage = Languages.English },
        Severity = Severity.Medium,
    };

    /// <summary>Photos, screenshots and PDFs sent with the form; attached once the complaint exists.</summary>
    [BindProperty] public List<IFormFile> Evidence { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "findEmail")] public string? FindEmail { get; set; }
    [BindProperty(SupportsGet = true, Name = "findPhone")] public string? FindPhone { get; set; }
    [BindProperty(SupportsGet = true, Name = "customerId")] public Guid? CustomerId { get; set; }

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    /// <summary>Null when no lookup was asked for; otherwise what it found (perhaps nobody).</summary>
    public IReadOnlyList<CustomerView>? Matches { get; private set; }
    public IReadOnlyList<string> LookupErrors { get; private set; } = [];

    /// <summary>The returning customer whose details fill the form (from "Use this customer").</summary>
    public CustomerView? ChosenCustomer { get; private set; }

    /// <summary>The form came back with errors after files were chosen: browsers do not keep them, so say so.</summary>
    public bool EvidenceToChooseAgain { get; private set; }

    /// <summary>The customer's language, named in the reader's language (<see cref="Show.Language"/>).</summary>
    public static IReadOnlyList<string> LanguageCodes => Languages.All;

    /// <summary>A message of the command layer in the reader's language (<see cref="CommandMessages"/>).</summary>
    public string Translate(string message) => messages.Translate(message);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Request.Query.ContainsKey("findEmail") || Request.Query.ContainsKey("findPhone"))
        {
            try
            {
                Matches = await sender.Send(new FindCustomersQuery { Email = FindEmail, Phone = FindPhone }, cancellationToken);
            }
            catch (ValidationException validation)
            {
                LookupErrors = validation.Errors.Select(e => e.ErrorMessage).Distinct().ToList();
            }
        }
        if (CustomerId is { } customerId)
        {
            ChosenCustomer = await sender.Send(new GetCustomerQuery(customerId), cancellationToken);
            Command = Command with
            {
                Customer = new CustomerInput
                {
                    Name = ChosenCustomer.Name,
                    Email = ChosenCustomer.Email,
                    Phone = ChosenCustomer.Phone,
                    ExternalId = ChosenCustomer.ExternalId,
                    PreferredLanguage = ChosenCustomer.PreferredLanguage,
                    PreferredContact = ChosenCustomer.PreferredContact,
                },
            };
        }
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A value that did not even bind (a malformed date) is already a field error; sending would drop it.
        if (ModelState.IsValid && await this.TrySendAsync(sender, Command, nameof(Command), cancellationToken) is { } created)
        {
            var refused = await AttachEvidenceAsync(created.Id, cancellationToken);
            if (refused.Count > 0)
            {
                TempData[DetailsModel.RefusedEvidenceFilesKey] = refused.Select(r => r.File).ToArray();
                TempData[DetailsModel.RefusedEvidenceReasonsKey] = refused.Select(r => r.Reason).ToArray();
            }
            return RedirectToPage("/Complaints/Details", new { id = created.Id });
        }
        EvidenceToChooseAgain = Evidence.Any(IsChosen);
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Each file through the evidence command. The complaint is logged already, so a refused file does not undo it:
    /// the case page says which files were refused and why.
    /// </summary>
    private async Task<List<(string File, string Reason)>> AttachEvidenceAsync(Guid complaintId, CancellationToken cancellationToken)
    {
        var refused = new List<(string File, string Reason)>();
        foreach (var file in Evidence.Where(IsChosen))
        {
            var name = EvidenceFileName.Of(file.FileName) ?? file.FileName;
            try
            {
                await using var content = file.OpenReadStream();
                await sender.Send(new AddEvidenceCommand
                {
                    ComplaintId = complaintId, FileName = file.FileName, Length = file.Length, Content = content,
                }, cancellationToken);
            }
            catch (ValidationException validation)
            {
                refused.AddRange(validation.Errors.Select(e => messages.Translate(e.ErrorMessage)).Distinct().Select(reason => (name, reason)));
            }
            catch (ComplaintRuleException rule)
            {
                refused.Add((name, CommandMessages.Refusal(rule))); // e.g. more files than a complaint may hold
            }
            catch (ConcurrencyConflictException conflict)
            {
                refused.Add((name, messages.Translate(conflict.Message)));
            }
        }
        return refused;
    }

    /// <summary>An empty file input still sends a part with no name and no bytes.</summary>
    private static bool IsChosen(IFormFile file) => !(file.Length == 0 && string.IsNullOrEmpty(file.FileName));

    private async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        Categories = await sender.Send(new ListCategoriesQuery(), cancellationToken);
}
