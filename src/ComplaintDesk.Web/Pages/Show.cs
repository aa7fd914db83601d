using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ComplaintDesk.Web.Pages;

/// <summary>How pages write times, dates and enum values (English for now; time zones come later).</summary>
public static class Show
{
    public const string None = "—";

    /// <summary>UTC, to the minute.</summary>
    public static string Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? None;

    /// <summary>For the machine-readable <c>datetime</c> attribute of <c>&lt;time&gt;</c>.</summary>
    public static string IsoTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? None;

    public static string Text(string? text) => string.IsNullOrWhiteSpace(text) ? None : text;

    /// <summary>An enum value in words: <c>PartlyUpheld</c> → "Partly upheld", <c>WebForm</c> → "Web form".</summary>
    public static string Words<T>(T? value) where T : struct, Enum => value is { } v ? Words(v.ToString()) : None;

    public static string Words(string pascalCase)
    {
        var words = new StringBuilder(pascalCase.Length + 4);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            if (i > 0 && char.IsUpper(c))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }
        return words.ToString();
    }

    /// <summary>Options whose value is the enum name (what the command binds) and whose text is in words.</summary>
    public static IEnumerable<SelectListItem> Options<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(Words(v.ToString()), v.ToString()));
}
