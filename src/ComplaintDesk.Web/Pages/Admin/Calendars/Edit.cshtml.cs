using System.Text;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.Calendars;

/// <summary>
/// One calendar: name, time zone and weekly hours (<see cref="SaveCalendarCommand"/> with the version the page was
/// shown with, as PUT with If-Match), its holidays with a remove button each, a form to add one, and an .ics upload —
/// all through the commands the API sends.
/// </summary>
[Authorize(Roles = Roles.Admin)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class EditModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    /// <summary>
    /// Twice the file limit: a file a little too big still reaches the page and gets "at most 1 MB" next to the upload;
    /// anything bigger is cut off while it arrives (the generic 400 page).
    /// </summary>
    public const long MaxRequestBytes = 2L * HolidayImport.MaxBytes + 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public SaveCalendarCommand Command { get; set; } = new();

    /// <summary>The add-holiday form: one holiday, named as the command names it (Holidays[0].Date), so its errors land here.</summary>
    [BindProperty] public List<HolidayInput> Holidays { get; set; } = [new()];

    /// <summary>The .ics upload; named as the command's field, so its errors land next to it.</summary>
    [BindProperty] public IFormFile? ICalendar { get; set; }

    public CalendarView Calendar { get; private set; } = null!;

    public bool ChangedBySomeoneElse => ViewData[PageCommands.StaleKey] is true;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Command = new SaveCalendarCommand
        {
            Id = Calendar.Id, Name = Calendar.Name, TimeZoneId = Calendar.TimeZoneId, Hours = Calendar.Hours, ExpectedVersion = Calendar.Version,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var command = Command with { Id = Id, Hours = CalendarForm.Complete(Command.Hours) };
        if (ModelState.IsValid && await this.TrySendAsync(sender, command, nameof(Command), cancellationToken) is { } saved)
        {
            return Done(localizer["Saved the calendar {0}. Clocks started from now on count on these hours.", saved.Name].Value);
        }
        await LoadAsync(cancellationToken);
        Holidays = [new()];
        return Page();
    }

    public async Task<IActionResult> OnPostAddHolidayAsync(CancellationToken cancellationToken)
    {
        var command = new AddHolidaysCommand { CalendarId = Id, Holidays = [.. Holidays.Take(1)] };
        if (ModelState.IsValid && await this.TrySendAsync(sender, command, "", cancellationToken) is { } result)
        {
            return Done(result.Added == 0
                ? localizer["That date is a holiday already; nothing changed."].Value
                : localizer["Added the holiday."].Value);
        }
        return await ShowAgainAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        var text = await ReadUploadAsync(cancellationToken);
        if (text is not null && await this.TrySendAsync(sender, new AddHolidaysCommand { CalendarId = Id, ICalendar = text }, "", cancellationToken) is { } result)
        {
            return Done(localizer["Read {0} holidays from the file; {1} were new.", result.Found, result.Added].Value);
        }
        return await ShowAgainAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveHolidayAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await sender.Send(new RemoveHolidayCommand(Id, date), cancellationToken);
        return Done(localizer["Removed the holiday on {0}.", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)].Value);
    }

    /// <summary>
    /// The upload as text: there, within the size limit, and UTF-8 without control characters other than line breaks
    /// and tabs (an .ics file is text; a picture or a PDF is refused here, before the command reads it).
    /// </summary>
    private async Task<string?> ReadUploadAsync(CancellationToken cancellationToken)
    {
        var field = nameof(ICalendar);
        if (ICalendar is not { Length: > 0 } file)
        {
            ModelState.AddModelError(field, localizer["Choose an .ics file to upload."].Value);
            return null;
        }
        if (file.Length > HolidayImport.MaxBytes)
        {
            ModelState.AddModelError(field, localizer["The file is larger than {0} MB.", HolidayImport.MaxBytes / 1_000_000].Value);
            return null;
        }
        using var buffer = new MemoryStream();
        await using (var content = file.OpenReadStream())
        {
            await content.CopyToAsync(buffer, cancellationToken);
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            ModelState.AddModelError(field, localizer["The file is not text: choose an iCalendar (.ics) file."].Value);
            return null;
        }
        if (text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            ModelState.AddModelError(field, localizer["The file is not text: choose an iCalendar (.ics) file."].Value);
            return null;
        }
        return text.TrimStart('\uFEFF');
    }

    private RedirectToPageResult Done(string status)
    {
        TempData[AdminMessages.StatusKey] = status;
        return RedirectToPage(new { id = Id });
    }

    /// <summary>A holiday form was refused: the calendar form shows the calendar as stored.</summary>
    private async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Command = new SaveCalendarCommand
        {
            Id = Calendar.Id, Name = Calendar.Name, TimeZoneId = Calendar.TimeZoneId, Hours = Calendar.Hours, ExpectedVersion = Calendar.Version,
        };
        if (Holidays.Count == 0)
        {
            Holidays = [new()];
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Calendar = await sender.Send(new GetCalendarQuery(Id), cancellationToken);
}
