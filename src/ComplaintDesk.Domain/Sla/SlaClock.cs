namespace ComplaintDesk.Domain.Sla;

/// <summary>
/// One persisted deadline of one case — never an in-memory timer. <see cref="NextCheckAt"/> is when the sweeper must
/// look at it next (the warning point, then the deadline); null once nothing is left to fire (paused or stopped).
/// Business-time clocks do their arithmetic on the calendar they were started with.
/// </summary>
public sealed class SlaClock
{
    private SlaClock() { }

    public long Id { get; private set; }
    public Guid ComplaintId { get; private set; }
    public SlaClockKind Kind { get; private set; }
    public SlaClockState State { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    /// <summary>The time allowed, in business time when <see cref="Business"/>.</summary>
    public TimeSpan Allowed { get; private set; }
    public bool Business { get; private set; }
    public Guid? CalendarId { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    /// <summary>Null for timers that do not warn (follow-up, answer windows).</summary>
    public DateTimeOffset? WarnAt { get; private set; }
    public DateTimeOffset? WarnedAt { get; private set; }
    public DateTimeOffset? PausedSince { get; private set; }
    public DateTimeOffset? BreachedAt { get; private set; }
    /// <summary>When the obligation ended (met, cancelled, or done late after a breach).</summary>
    public DateTimeOffset? StoppedAt { get; private set; }
    public DateTimeOffset? NextCheckAt { get; private set; }
    /// <summary>The offer an answer window belongs to.</summary>
    public Guid? OfferId { get; private set; }

    /// <summary>Open: still counting or paused, or breached and not yet done.</summary>
    public bool IsOpen => StoppedAt is null && State is not SlaClockState.Cancelled;

    public static SlaClock Start(Guid complaintId, SlaClockKind kind, DateTimeOffset start, TimeSpan allowed, BusinessCalendar? calendar,
        bool business, int? warningPercent, Guid? offerId = null)
    {
        var useBusiness = business && calendar is not null;
        var clock = new SlaClock
        {
            ComplaintId = complaintId,
            Kind = kind,
            State = SlaClockState.Running,
            StartedAt = start,
            Allowed = allowed,
            Business = useBusiness,
            CalendarId = useBusiness ? calendar!.Id : null,
            DueAt = SlaTime.Add(calendar, useBusiness, start, allowed),
            OfferId = offerId,
        };
        if (warningPercent is { } percent && kind.IsStaffDeadline())
        {
            clock.WarnAt = SlaTime.Add(calendar, useBusiness, start, allowed * (percent / 100.0));
        }
        clock.NextCheckAt = clock.WarnAt ?? clock.DueAt;
        return clock;
    }

    /// <summary>A deadline a person set (a supervisor's new resolve-by): calendar time, warning at the same share.</summary>
    public static SlaClock StartFixed(Guid complaintId, SlaClockKind kind, DateTimeOffset start, DateTimeOffset dueAt, int? warningPercent)
    {
        var allowed = dueAt > start ? dueAt - start : TimeSpan.Zero;
        return Start(complaintId, kind, start, allowed, null, false, warningPercent);
    }

    /// <summary>The obligation was kept. A breached clock stays breached, but is no longer overdue.</summary>
    public void Stop(DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return;
        }
        if (State == SlaClockState.Running && at > DueAt)
        {
            // Kept late, before the sweeper got to it: still a breach, at the deadline (never missed silently).
            State = SlaClockState.Breached;
            BreachedAt = DueAt;
        }
        else if (State is SlaClockState.Running or SlaClockState.Paused)
        {
            State = SlaClockState.Met;
        }
        StoppedAt = at;
        PausedSince = null;
        NextCheckAt = null;
    }

    /// <summary>
    /// No longer owed (replaced by a recomputed clock, or the case moved on without it). A breached clock stays
    /// breached — the promise was broken whatever replaced it — and only stops being overdue.
    /// </summary>
    public void Cancel(DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return;
        }
        State = State == SlaClockState.Breached ? SlaClockState.Breached : SlaClockState.Cancelled;
        StoppedAt = at;
        PausedSince = null;
        NextCheckAt = null;
    }

    /// <summary>Waiting on the customer: the time until they answer does not count.</summary>
    public void Pause(DateTimeOffset at)
    {
        if (State != SlaClockState.Running || StoppedAt is not null)
        {
            return;
        }
        if (at > DueAt)
        {
            // The deadline passed before the sweeper saw it: not paused (a later stop would record it met) but left
            // running and due, so the sweeper records the breach at the deadline with its escalation and notices — or
            // a stop before then does.
            return;
        }
        State = SlaClockState.Paused;
        PausedSince = at;
        NextCheckAt = null;
    }

    /// <summary>Counting again, with the time left at the pause still left: the paused time is added back.</summary>
    public void Resume(DateTimeOffset at, BusinessCalendar? calendar)
    {
        if (State != SlaClockState.Paused || PausedSince is not { } paused)
        {
            return;
        }
        DueAt = Shift(DueAt, paused, at, calendar);
        if (WarnAt is { } warnAt && WarnedAt is null)
        {
            WarnAt = Shift(warnAt, paused, at, calendar);
        }
        State = SlaClockState.Running;
        PausedSince = null;
        NextCheckAt = WarnedAt is null && WarnAt is { } warn ? warn : DueAt;
    }

    /// <summary>
    /// The time this clock spent paused and resumed again (the current pause not included): each resume moved the
    /// deadline on by it, so it is what lies between start and deadline beyond the time allowed.
    /// </summary>
    public TimeSpan CompletedPauses(BusinessCalendar? calendar)
    {
        if (Business && calendar is null)
        {
            // Elapsed time against a business allowance would invent pauses: without the calendar, none are known.
            return TimeSpan.Zero;
        }
        var paused = SlaTime.Measure(calendar, Business, StartedAt, DueAt) - Allowed;
        return paused > TimeSpan.Zero ? paused : TimeSpan.Zero;
    }

    /// <summary>
    /// A fresh clock replacing one that was paused before (new policy cell, same start): the customer's time stays
    /// theirs, so the deadline and a warning not yet given move on by it, as the old clock's resumes had done.
    /// </summary>
    public void CarryPauses(TimeSpan paused, BusinessCalendar? calendar)
    {
        if (paused <= TimeSpan.Zero || State != SlaClockState.Running)
        {
            return;
        }
        DueAt = SlaTime.Add(calendar, Business, DueAt, paused);
        if (WarnAt is { } warnAt && WarnedAt is null)
        {
            WarnAt = SlaTime.Add(calendar, Business, warnAt, paused);
        }
        NextCheckAt = WarnedAt is null && WarnAt is { } warn ? warn : DueAt;
    }

    private DateTimeOffset Shift(DateTimeOffset point, DateTimeOffset paused, DateTimeOffset resumed, BusinessCalendar? calendar)
    {
        if (point <= paused)
        {
            return point;
        }
        var left = SlaTime.Measure(calendar, Business, paused, point);
        return SlaTime.Add(calendar, Business, resumed, left);
    }

    /// <summary>What is due at <paramref name="now"/>: a warning before the deadline, the deadline itself after it.</summary>
    public SlaEffect? EffectDue(DateTimeOffset now)
    {
        if (State != SlaClockState.Running || NextCheckAt is not { } check || check > now)
        {
            return null;
        }
        if (now < DueAt && WarnAt is not null && WarnedAt is null)
        {
            return SlaEffect.Warning;
        }
        return Kind.IsStaffDeadline() ? SlaEffect.Breach : SlaEffect.Due;
    }

    /// <summary>Nothing left to fire (paused or stopped): out of the sweeper's way.</summary>
    public void ClearCheck() => NextCheckAt = null;

    public void MarkWarned(DateTimeOffset at)
    {
        WarnedAt = at;
        NextCheckAt = DueAt;
    }

    /// <summary>The deadline passed with the obligation unmet: breached at the deadline, still owed.</summary>
    public void MarkBreached()
    {
        State = SlaClockState.Breached;
        BreachedAt = DueAt;
        NextCheckAt = null;
    }

    /// <summary>A timer ran out and its effect happened (follow-up started, window closed).</summary>
    public void MarkElapsed(DateTimeOffset at, bool answered)
    {
        State = answered ? SlaClockState.Met : SlaClockState.Breached;
        BreachedAt = answered ? null : DueAt;
        StoppedAt = at;
        NextCheckAt = null;
    }
}

/// <summary>The record that an effect fired: unique per clock and effect, written in the same transaction as the effect.</summary>
public sealed class SlaClockEffect
{
    private SlaClockEffect() { }

    public SlaClockEffect(long clockId, SlaEffect effect, DateTimeOffset firedAt)
    {
        ClockId = clockId;
        Effect = effect;
        FiredAt = firedAt;
    }

    public long ClockId { get; private set; }
    public SlaEffect Effect { get; private set; }
    public DateTimeOffset FiredAt { get; private set; }
}
