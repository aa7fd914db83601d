using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Sla;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>A holiday as an administrator enters it: a whole local day on which the desk is closed.</summary>
public sealed record HolidayInput
{
    public DateOnly? Date { get; init; }
    public string? Name { get; init; }
}

/// <summary>How many holidays the request held, how many were new (a date already there keeps its name), and the calendar now.</summary>
public sealed record HolidaysAdded(int Found, int Added, CalendarView Calendar);

/// <summary>
/// Adds holidays to a calendar: a list entered by hand (POST …/holidays with JSON, the page's form), or an iCalendar
/// file (the text/calendar body, the page's upload) whose events from a year back to five years ahead become holidays.
/// Dates already there are left as they are. Clocks started or resumed afterwards skip the new holidays.
/// </summary>
public sealed record AddHolidaysCommand : ICommand<HolidaysAdded>
{
    /// <summary>From the route (API) or the page; never from a JSON body.</summary>
    [JsonIgnore] public Guid CalendarId { get; init; }
    public IReadOnlyList<HolidayInput>? Holidays { get; init; }
    /// <summary>The text of an iCalendar file (RFC 5545), at most <see cref="HolidayImport.MaxBytes"/> bytes in UTF-8.</summary>
    [JsonIgnore] public string? ICalendar { get; init; }
}

public sealed class AddHolidaysValidator : AbstractValidator<AddHolidaysCommand>
{
    /// <summary>Holidays entered by hand at once; a file brings more.</summary>
    public const int MaxPerRequest = 500;

    public AddHolidaysValidator()
    {
        RuleFor(c => c.CalendarId).NotEmpty();
        RuleFor(c => c.Holidays).NotEmpty().When(c => c.ICalendar is null)
            .WithMessage(_ => Texts.Get("Give at least one holiday, or an iCalendar file."));
        RuleFor(c => c.Holidays).Null().When(c => c.ICalendar is not null)
            .WithMessage(_ => Texts.Get("Give holidays or an iCalendar file, not both."));
        RuleFor(c => c.Holidays!.Count).LessThanOrEqualTo(MaxPerRequest).OverridePropertyName(nameof(AddHolidaysCommand.Holidays))
            .When(c => c.Holidays is not null)
            .WithMessage(_ => Texts.Format("Add at most {0} holidays at once.", MaxPerRequest));
        RuleForEach(c => c.Holidays).NotNull().WithMessage(_ => Texts.Get("A holiday is missing.")).ChildRules(holiday =>
        {
            holiday.RuleFor(h => h.Date).NotNull();
            holiday.RuleFor(h => h.Name).NotEmpty().MaximumLength(BusinessCalendar.MaxHolidayNameLength);
        });
        RuleFor(c => c.ICalendar)
            .Must(text => string.IsNullOrWhiteSpace(text) is false).WithMessage(_ => Texts.Get("The iCalendar file is empty."))
            .Must(text => Encoding.UTF8.GetByteCount(text!) <= HolidayImport.MaxBytes)
            .WithMessage(_ => Texts.Format("An iCalendar file may have at most {0} MB.", HolidayImport.MaxBytes / 1_000_000))
            .When(c => c.ICalendar is not null);
    }
}

public sealed class AddHolidaysHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : ICommandHandler<AddHolidaysCommand, HolidaysAdded>
{
    /// <summary>Years of holidays a calendar keeps at most; more would be a mistake, not a calendar.</summary>
    public const int MaxHolidays = 3000;

    public async ValueTask<HolidaysAdded> Handle(AddHolidaysCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.SlaPolicies);
        var calendar = await db.BusinessCalendars.SingleOrDefaultAsync(c => c.Id == command.CalendarId, cancellationToken)
            ?? throw new NotFoundException("Calendar", command.CalendarId);
        var holidays = command.ICalendar is { } text
            ? Import(text)
            : [.. command.Holidays!.Select(h => new Holiday(h.Date!.Value, h.Name!.Trim()))];

        var added = calendar.AddHolidays(holidays);
        if (calendar.Holidays.Count > MaxHolidays)
        {
            throw Administrators.FieldError(command.ICalendar is null ? nameof(command.Holidays) : nameof(command.ICalendar),
                Texts.Format("A calendar keeps at most {0} holidays; remove old ones first.", MaxHolidays));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
        return new HolidaysAdded(holidays.Count, added, CalendarView.Of(calendar));
    }

    /// <summary>The file's events from a year back to five years ahead of today.</summary>
    private List<Holiday> Import(string text)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!HolidayImport.TryParse(text, today.AddYears(-1), today.AddYears(5), out var holidays, out var error))
        {
            var message = Texts.IsEnglish(CultureInfo.CurrentUICulture)
                ? error!
                : Texts.Get("The file could not be read as an iCalendar file (.ics) with all-day events.");
            throw Administrators.FieldError(nameof(AddHolidaysCommand.ICalendar), message);
        }
        return [.. holidays];
    }
}
