using System.Globalization;
using System.Text.Json.Serialization;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Account;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Sla;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>
/// Creates a business calendar (no <see cref="Id"/>: POST /api/v1/sla/calendars) or changes one (PUT …/{id}, with the
/// version last seen in <see cref="ExpectedVersion"/>). A change to the hours moves no running deadline; clocks started
/// or resumed afterwards count on the new hours. Holidays are added and removed by their own commands.
/// </summary>
public sealed record SaveCalendarCommand : ICommand<CalendarView>
{
    /// <summary>From the route (API) or a hidden field (page); never from a JSON body.</summary>
    [JsonIgnore] public Guid? Id { get; init; }
    public string? Name { get; init; }
    /// <summary>An IANA id such as Asia/Taipei or Europe/London.</summary>
    public string? TimeZoneId { get; init; }
    public WeeklyHours? Hours { get; init; }
    /// <summary>The calendar's version the caller last saw (If-Match); null: no check.</summary>
    [JsonIgnore] public uint? ExpectedVersion { get; init; }
}

public sealed class SaveCalendarValidator : AbstractValidator<SaveCalendarCommand>
{
    public SaveCalendarValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(BusinessCalendar.MaxNameLength);
        RuleFor(c => c.TimeZoneId).NotEmpty();
        RuleFor(c => c.TimeZoneId).Must(zone => ChangeMyPreferencesValidator.IsIanaTimeZone(zone!.Trim()))
            .When(c => !string.IsNullOrWhiteSpace(c.TimeZoneId))
            .WithMessage(_ => Texts.Get("Use an IANA time zone id such as Asia/Taipei, Europe/London or America/New_York."));
        RuleFor(c => c.Hours).NotNull().WithMessage(_ => Texts.Get("Give the opening hours of the week."));
        RuleFor(c => c.Hours).Custom(CheckHours).When(c => c.Hours is not null);
    }

    /// <summary>Each day read on its own (an error names the day); and a calendar must be open some time in the week.</summary>
    private static void CheckHours(WeeklyHours? hours, ValidationContext<SaveCalendarCommand> context)
    {
        var open = false;
        var readable = true;
        foreach (var day in WeeklyHours.Week)
        {
            var text = hours!.For(day) ?? "";
            if (WorkingPeriod.TryParseDay(text, day, out var periods, out var error))
            {
                open |= periods.Count > 0;
                continue;
            }
            readable = false;
            context.AddFailure($"{nameof(SaveCalendarCommand.Hours)}.{day}", DayError(text, error!));
        }
        if (readable && !open)
        {
            context.AddFailure(nameof(SaveCalendarCommand.Hours), Texts.Get("Open the calendar on at least one day of the week."));
        }
    }

    /// <summary>The domain's precise reason is English; other readers get the rule in their language, with what they wrote.</summary>
    private static string DayError(string text, string error) =>
        Texts.IsEnglish(CultureInfo.CurrentUICulture)
            ? error
            : Texts.Format("“{0}” cannot be read as opening hours: write periods such as 09:00-12:00, 13:00-18:00 that do not overlap (24:00 ends the day), or leave a closed day empty.",
                text.Trim());

    /// <summary>The periods of the week; call after validation.</summary>
    public static List<WorkingPeriod> Periods(WeeklyHours hours)
    {
        var periods = new List<WorkingPeriod>();
        foreach (var day in WeeklyHours.Week)
        {
            WorkingPeriod.TryParseDay(hours.For(day) ?? "", day, out var parsed, out _);
            periods.AddRange(parsed);
        }
        return periods;
    }
}

public sealed class SaveCalendarHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : ICommandHandler<SaveCalendarCommand, CalendarView>
{
    public const string NameTaken = "There is a calendar with this name already.";

    public async ValueTask<CalendarView> Handle(SaveCalendarCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.SlaPolicies);
        var name = command.Name!.Trim();
        var zone = command.TimeZoneId!.Trim();
        var hours = SaveCalendarValidator.Periods(command.Hours!);

        BusinessCalendar calendar;
        if (command.Id is { } id)
        {
            calendar = await db.BusinessCalendars.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                ?? throw new NotFoundException("Calendar", id);
            if (command.ExpectedVersion is { } expected && expected != calendar.Version)
            {
                throw new ConcurrencyConflictException();
            }
            calendar.Change(name, zone, hours);
        }
        else
        {
            calendar = BusinessCalendar.Create(name, zone, hours);
            db.BusinessCalendars.Add(calendar);
        }
        // Names are told apart without case: "Office hours" next to "office hours" would only confuse the matrix.
        var lowered = name.ToLowerInvariant();
        if (await db.BusinessCalendars.AnyAsync(c => c.Id != calendar.Id && c.Name.ToLower() == lowered, cancellationToken))
        {
            throw Administrators.FieldError(nameof(SaveCalendarCommand.Name), Texts.Get(NameTaken));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
        catch (DbUpdateException race) when (Administrators.IsUniqueViolation(race))
        {
            throw Administrators.FieldError(nameof(SaveCalendarCommand.Name), Texts.Get(NameTaken));
        }
        return CalendarView.Of(calendar);
    }
}
