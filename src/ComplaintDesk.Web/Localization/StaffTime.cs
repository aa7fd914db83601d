using System.Globalization;
using System.Security.Claims;

namespace ComplaintDesk.Web.Localization;

/// <summary>
/// Dates and times as the signed-in person reads them: in the time zone of their <c>time_zone</c> claim
/// (<see cref="Application.Identity.StaffUser.TimeZone"/>, IANA), UTC for everyone else or for a zone this machine
/// does not know. Every time shown carries its zone ("2026-11-02 17:00 UTC+8"), so a screenshot or a copied line is
/// never ambiguous; the machine-readable <c>&lt;time datetime&gt;</c> stays UTC.
/// </summary>
public sealed class StaffTime(IHttpContextAccessor accessor)
{
    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= ZoneOf(accessor.HttpContext?.User);

    /// <summary>To the minute, in the reader's zone, with the zone: "2026-11-02 17:00 UTC+8"; "—" for nothing.</summary>
    public string Format(DateTimeOffset? at) => at is { } value ? Format(value, Zone) : Pages.Show.None;

    public static string Format(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + OffsetLabel(local.Offset);
    }

    /// <summary>"UTC", "UTC+8", "UTC+5:30", "UTC-3": the offset is what the reader needs, and it reads the same in every language.</summary>
    public static string OffsetLabel(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}")
            : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}:{abs.Minutes:00}");
    }

    public static TimeZoneInfo ZoneOf(ClaimsPrincipal? user) =>
        Find(user?.FindFirstValue(WorkspaceCultures.TimeZoneClaim)) ?? TimeZoneInfo.Utc;

    /// <summary>The zone with this IANA id (as <c>StaffUser.TimeZone</c> holds it), or null.</summary>
    public static TimeZoneInfo? Find(string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : null;
}
