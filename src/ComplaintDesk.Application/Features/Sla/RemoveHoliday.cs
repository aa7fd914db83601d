using System.Globalization;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>The desk opens on that date again (DELETE …/holidays/{date}); running clocks keep their deadlines.</summary>
public sealed record RemoveHolidayCommand(Guid CalendarId, DateOnly Date) : ICommand<CalendarView>;

public sealed class RemoveHolidayValidator : AbstractValidator<RemoveHolidayCommand>
{
    public RemoveHolidayValidator() => RuleFor(c => c.CalendarId).NotEmpty();
}

public sealed class RemoveHolidayHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : ICommandHandler<RemoveHolidayCommand, CalendarView>
{
    public async ValueTask<CalendarView> Handle(RemoveHolidayCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.SlaPolicies);
        var calendar = await db.BusinessCalendars.SingleOrDefaultAsync(c => c.Id == command.CalendarId, cancellationToken)
            ?? throw new NotFoundException("Calendar", command.CalendarId);
        if (!calendar.RemoveHoliday(command.Date))
        {
            throw new NotFoundException("Holiday", command.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
        return CalendarView.Of(calendar);
    }
}
