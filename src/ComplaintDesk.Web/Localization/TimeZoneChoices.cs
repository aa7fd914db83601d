using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Localization;

/// <summary>
/// The time zones the settings page offers: UTC and the places a help desk in Taiwan, China and their markets works
/// with, each named in the reader's language (resource key "TimeZone.{IANA id}"). The command takes any IANA id; a zone
/// outside this list that a person already has is offered too, by its id.
/// </summary>
public static class TimeZoneChoices
{
    public static IReadOnlyList<string> Ids { get; } =
    [
        "UTC",
        "Asia/Taipei", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau", "Asia/Singapore", "Asia/Kuala_Lumpur", "Asia/Manila",
        "Asia/Tokyo", "Asia/Seoul", "Asia/Bangkok", "Asia/Ho_Chi_Minh", "Asia/Jakarta", "Asia/Kolkata", "Asia/Dubai",
        "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Moscow",
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Vancouver",
        "America/Toronto", "America/Sao_Paulo",
        "Australia/Sydney", "Australia/Perth", "Pacific/Auckland",
    ];

    /// <summary>(id, "(UTC+08:00) 台北"), by today's offset then name; <paramref name="current"/> is included even when not listed.</summary>
    public static IReadOnlyList<(string Id, string Label)> For(IStringLocalizer localizer, DateTimeOffset now, string? current)
    {
        var ids = Ids.ToList();
        if (!string.IsNullOrEmpty(current) && !ids.Contains(current, StringComparer.Ordinal) && StaffTime.Find(current) is not null)
        {
            ids.Add(current);
        }
        return ids
            .Select(id => (Id: id, Zone: StaffTime.Find(id)))
            .Where(z => z.Zone is not null)
            .Select(z => (z.Id, Offset: z.Zone!.GetUtcOffset(now), Name: NameOf(localizer, z.Id)))
            .OrderBy(z => z.Offset).ThenBy(z => z.Name, StringComparer.CurrentCulture)
            .Select(z => (z.Id, $"({Offset(z.Offset)}) {z.Name}"))
            .ToList();
    }

    public static string NameOf(IStringLocalizer localizer, string id)
    {
        var name = localizer[$"TimeZone.{id}"];
        return name.ResourceNotFound ? id : name.Value;
    }

    private static string Offset(TimeSpan offset) => offset == TimeSpan.Zero
        ? "UTC"
        : string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm}");
}
