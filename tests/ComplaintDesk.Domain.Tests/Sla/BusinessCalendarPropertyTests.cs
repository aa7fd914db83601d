using ComplaintDesk.Domain.Sla;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ComplaintDesk.Domain.Tests.Sla;

/// <summary>
/// Laws of business-time arithmetic over random starts in 2026–2028 and amounts up to 200 business hours, for
/// office hours with holidays in a zone without DST and in two with it (the random starts cross both DST weekends).
/// </summary>
public sealed class BusinessCalendarPropertyTests
{
    private const int Cases = 200;
    private static readonly DateTimeOffset Earliest = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly int MinutesInThreeYears = (int)(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero) - Earliest).TotalMinutes;

    private static readonly BusinessCalendar[] Calendars =
        [.. new[] { "Asia/Taipei", "Europe/London", "America/New_York" }.Select(zone =>
        {
            var calendar = BusinessCalendar.Create(zone, zone, BusinessCalendar.OfficeHours);
            // A Monday, a Friday before a weekend, and the Mondays after London's 2027 clock changes.
            calendar.AddHolidays(
            [
                new Holiday(new DateOnly(2026, 11, 2), "Monday off"),
                new Holiday(new DateOnly(2027, 10, 8), "Friday off"),
                new Holiday(new DateOnly(2027, 3, 29), "Spring"),
                new Holiday(new DateOnly(2027, 11, 1), "Autumn"),
            ]);
            return calendar;
        })];

    // Seconds and odd ticks too, so nothing relies on whole minutes.
    private static readonly Gen<DateTimeOffset> Starts =
        from minute in Gen.Choose(0, MinutesInThreeYears)
        from tick in Gen.Choose(0, (int)TimeSpan.TicksPerMinute - 1)
        select Earliest.AddMinutes(minute).AddTicks(tick);

    private static readonly Gen<TimeSpan> Amounts =
        Gen.OneOf(
            Gen.Choose(1, 200 * 60).Select(minutes => TimeSpan.FromMinutes(minutes)),
            Gen.Choose(1, 200 * 3600).Select(seconds => TimeSpan.FromSeconds(seconds)),
            Gen.Elements(TimeSpan.FromHours(8), TimeSpan.FromHours(3), TimeSpan.FromHours(24), TimeSpan.FromTicks(1)));

    private static readonly Gen<BusinessCalendar> AnyCalendar = Gen.Elements(Calendars);

    private static readonly Arbitrary<(BusinessCalendar Calendar, DateTimeOffset Start, TimeSpan Amount)> OneAmount =
        (from calendar in AnyCalendar
         from start in Starts
         from amount in Amounts
         select (calendar, start, amount)).ToArbitrary();

    private static readonly Arbitrary<(BusinessCalendar Calendar, DateTimeOffset Start, TimeSpan First, TimeSpan Second)> TwoAmounts =
        (from calendar in AnyCalendar
         from start in Starts
         from first in Amounts
         from second in Amounts
         select (calendar, start, first, second)).ToArbitrary();

    [Property(MaxTest = Cases)]
    public Property Measuring_what_was_added_gives_the_amount_back() =>
        Prop.ForAll(OneAmount, c => c.Calendar.Measure(c.Start, c.Calendar.Add(c.Start, c.Amount)) == c.Amount);

    [Property(MaxTest = Cases)]
    public Property A_due_instant_is_never_in_closed_time() =>
        Prop.ForAll(OneAmount, c =>
        {
            var due = c.Calendar.Add(c.Start, c.Amount);
            return c.Calendar.IsOpenAt(due.AddTicks(-1)) && due > c.Start && due.Offset == TimeSpan.Zero;
        });

    [Property(MaxTest = Cases)]
    public Property More_business_time_is_never_due_earlier() =>
        Prop.ForAll(TwoAmounts, c =>
        {
            var (shorter, longer) = c.First <= c.Second ? (c.First, c.Second) : (c.Second, c.First);
            return c.Calendar.Add(c.Start, shorter) <= c.Calendar.Add(c.Start, longer);
        });

    [Property(MaxTest = Cases)]
    public Property Adding_in_two_steps_is_adding_the_sum() =>
        Prop.ForAll(TwoAmounts, c =>
            c.Calendar.Add(c.Calendar.Add(c.Start, c.First), c.Second) == c.Calendar.Add(c.Start, c.First + c.Second));

    [Property(MaxTest = Cases)]
    public Property Counting_backwards_undoes_counting_forwards() =>
        Prop.ForAll(OneAmount, c =>
        {
            var earlier = c.Calendar.Add(c.Start, -c.Amount);
            return c.Calendar.Measure(earlier, c.Start) == c.Amount && c.Calendar.IsOpenAt(earlier);
        });

    [Property(MaxTest = Cases)]
    public Property Measure_adds_up_over_a_midpoint() =>
        Prop.ForAll(TwoAmounts, c =>
        {
            var (a, b, m) = (c.Start, c.Start + c.First * 2, c.Start + c.Second);
            return c.Calendar.Measure(a, b) == c.Calendar.Measure(a, m) + c.Calendar.Measure(m, b)
                && c.Calendar.Measure(b, a) == -c.Calendar.Measure(a, b);
        });
}
