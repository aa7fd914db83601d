using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.Calendars;

/// <summary>The business calendars, and a form for a new one (the same <see cref="SaveCalendarCommand"/> as POST /api/v1/sla/calendars).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    /// <summary>Office hours in Taipei: what most new calendars start from.</summary>
    [BindProperty] public SaveCalendarCommand Command { get; set; } = new()
    {
        TimeZoneId = "Asia/Taipei",
        Hours = new WeeklyHours
        {
            Monday = CalendarForm.OfficeDay, Tuesday = CalendarForm.OfficeDay, Wednesday = CalendarForm.OfficeDay,
            Thursday = CalendarForm.OfficeDay, Friday = CalendarForm.OfficeDay, Saturday = "", Sunday = "",
        },
    };

    public IReadOnlyList<CalendarSummary> Calendars { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A new calendar: an id or version posted alongside is not this form's.
        var command = Command with { Id = null, ExpectedVersion = null, Hours = CalendarForm.Complete(Command.Hours) };
        if (ModelState.IsValid && await this.TrySendAsync(sender, command, nameof(Command), cancellationToken) is { } calendar)
        {
            TempData[AdminMessages.StatusKey] = localizer["Created the calendar {0}. Add its holidays below.", calendar.Name].Value;
            return RedirectToPage("/Admin/Calendars/Edit", new { id = calendar.Id });
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Calendars = await sender.Send(new ListCalendarsQuery(), cancellationToken);
}

/// <summary>What the calendar pages share.</summary>
public static class CalendarForm
{
    public const string OfficeDay = "09:00-12:00, 13:00-18:00";

    /// <summary>An empty text box posts nothing: a closed day.</summary>
    public static WeeklyHours Complete(WeeklyHours? hours) => hours ?? new WeeklyHours();

    /// <summary>Suggestions for the time zone field (IANA ids this server knows); any IANA id is accepted.</summary>
    public static IReadOnlyList<string> TimeZoneChoices => Users.NewModel.TimeZoneChoices;
}
