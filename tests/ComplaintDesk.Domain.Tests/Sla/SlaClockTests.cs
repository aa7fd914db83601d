using ComplaintDesk.Domain.Sla;

namespace ComplaintDesk.Domain.Tests.Sla;

/// <summary>One clock's pause arithmetic, in elapsed time and in business time (Taipei office hours, Mon 2026-11-02).</summary>
public sealed class SlaClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero); // Monday 09:00 in Taipei

    private static BusinessCalendar Office() => BusinessCalendar.Create("Office", "Asia/Taipei", BusinessCalendar.OfficeHours);

    private static SlaClock Resolve(TimeSpan allowed, BusinessCalendar? calendar = null) =>
        SlaClock.Start(Guid.NewGuid(), SlaClockKind.Resolve, Start, allowed, calendar, business: calendar is not null, warningPercent: 75);

    [Fact]
    public void A_pause_after_the_deadline_leaves_the_clock_due_and_a_later_stop_records_the_breach_at_the_deadline()
    {
        var clock = Resolve(TimeSpan.FromHours(10));
        var late = clock.DueAt.AddHours(2);

        clock.Pause(late);

        Assert.Equal((SlaClockState.Running, (DateTimeOffset?)null), (clock.State, clock.PausedSince));
        Assert.Equal(SlaEffect.Breach, clock.EffectDue(late));
        clock.Resume(late.AddHours(1), null);
        Assert.Equal(Start.AddHours(10), clock.DueAt); // nothing to resume: the deadline did not move

        clock.Stop(late.AddHours(3));

        Assert.Equal((SlaClockState.Breached, Start.AddHours(10), late.AddHours(3)), (clock.State, clock.BreachedAt, clock.StoppedAt));
    }

    [Fact]
    public void A_pause_before_the_deadline_then_a_stop_is_met()
    {
        var clock = Resolve(TimeSpan.FromHours(10));

        clock.Pause(Start.AddHours(9));
        clock.Stop(Start.AddHours(30)); // long after the old deadline, but the customer had it

        Assert.Equal((SlaClockState.Met, (DateTimeOffset?)null), (clock.State, clock.BreachedAt));
    }

    [Fact]
    public void Completed_pauses_are_what_the_resumes_added_and_the_current_pause_is_not_counted_yet()
    {
        var clock = Resolve(TimeSpan.FromHours(10));
        Assert.Equal(TimeSpan.Zero, clock.CompletedPauses(null));

        clock.Pause(Start.AddHours(1));
        clock.Resume(Start.AddHours(4), null);
        clock.Pause(Start.AddHours(5));
        clock.Resume(Start.AddHours(7), null);
        Assert.Equal(TimeSpan.FromHours(5), clock.CompletedPauses(null));

        clock.Pause(Start.AddHours(8));
        Assert.Equal(TimeSpan.FromHours(5), clock.CompletedPauses(null));
    }

    [Fact]
    public void A_replacing_clock_carries_the_pauses_onto_its_deadline_and_warning()
    {
        var old = Resolve(TimeSpan.FromHours(10));
        old.Pause(Start.AddHours(1));
        old.Resume(Start.AddHours(4), null);
        var fresh = Resolve(TimeSpan.FromHours(4));

        fresh.CarryPauses(old.CompletedPauses(null), null);

        Assert.Equal(Start.AddHours(7), fresh.DueAt);
        Assert.Equal(Start.AddHours(6), fresh.WarnAt); // 75 % of 4 h, plus the 3 h
        Assert.Equal(fresh.WarnAt, fresh.NextCheckAt);
    }

    [Fact]
    public void In_business_time_the_pauses_are_business_hours_on_both_clocks()
    {
        var calendar = Office();
        var old = Resolve(TimeSpan.FromHours(40), calendar);
        // Waiting from Monday 17:00 to Wednesday 10:00 in Taipei: 1 + 8 + 1 = 10 business hours.
        old.Pause(Start.AddHours(8));
        old.Resume(Start.AddDays(2).AddHours(1), calendar);
        Assert.Equal(TimeSpan.FromHours(10), old.CompletedPauses(calendar));
        var fresh = Resolve(TimeSpan.FromHours(24), calendar);

        fresh.CarryPauses(old.CompletedPauses(calendar), calendar);

        // 24 + 10 business hours from Monday 09:00: Monday to Thursday make 32, two more on Friday → Friday 11:00.
        Assert.Equal(Start.AddDays(4).AddHours(2), fresh.DueAt);
        Assert.Equal(calendar.Add(Start, TimeSpan.FromHours(18 + 10)), fresh.WarnAt);
        // Without the calendar, an elapsed measure against business hours would invent a pause: none is claimed.
        Assert.Equal(TimeSpan.Zero, old.CompletedPauses(null));
    }
}
