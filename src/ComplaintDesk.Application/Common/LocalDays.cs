namespace ComplaintDesk.Application.Common;

/// <summary>
/// The calendar days of the reader's time zone as instants: where "today" (the escalation desk) and a period of
/// dates (the ledger) begin.
/// </summary>
public static class LocalDays
{
    /// <summary>The zone a query names by its IANA id (its validator has checked it); UTC when empty.</summary>
    public static TimeZoneInfo ZoneOrUtc(string? id) =>
        string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id.Trim());

    /// <summary>The date it is at <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>Local midnight of <paramref name="day"/> in <paramref name="zone"/>, as an instant (a skipped midnight: the zone's standard offset).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
