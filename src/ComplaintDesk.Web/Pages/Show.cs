using System.Globalization;
using System.Text;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Web.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages;

/// <summary>
/// How pages write times, dates, enum values, categories and languages, in the reader's language and time zone.
/// One per request (scoped), injected into every view as <c>Show</c> (Pages/_ViewImports.cshtml): views call
/// <c>Show.Words(c.State)</c>, <c>Show.Time(c.ReceivedAt)</c> as if it were a static class (the property has the type's
/// name, so C# allows both static and instance members through it).
/// </summary>
public sealed class Show(IStringLocalizer<SharedResource> localizer, StaffTime time)
{
    public const string None = "—";

    /// <summary>The category names the first migration seeded, by code: translated while an administrator has not renamed them.</summary>
    public static IReadOnlyDictionary<string, string> SeededCategoryNames { get; } = new Dictionary<string, string>
    {
        [Domain.Categories.Category.Codes.Billing] = "Billing",
        [Domain.Categories.Category.Codes.Logistics] = "Logistics / delivery",
        [Domain.Categories.Category.Codes.Other] = "Other",
        [Domain.Categories.Category.Codes.ProductQuality] = "Product quality",
        [Domain.Categories.Category.Codes.ServiceAttitude] = "Service attitude",
    };

    /// <summary>To the minute, in the reader's time zone, with the zone: "2026-11-02 17:00 UTC+8".</summary>
    public string Time(DateTimeOffset? at) => time.Format(at);

    /// <summary>For the machine-readable <c>datetime</c> attribute of <c>&lt;time&gt;</c>: always UTC.</summary>
    public static string IsoTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A calendar date (purchase, incident): ISO, which every language reads; no zone, it is a date.</summary>
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? None;

    public static string Text(string? text) => string.IsNullOrWhiteSpace(text) ? None : text;

    /// <summary>
    /// An enum value in the reader's language, from the resource key "{Type}.{Value}" ("ComplaintState.FollowUp" →
    /// "Follow-up" / 追蹤回訪 / 追踪回访); a value without a resource falls back to its name in words.
    /// </summary>
    public string Words<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var text = localizer[$"{typeof(T).Name}.{name}"];
        return text.ResourceNotFound ? Words(name) : text.Value;
    }

    public string Words<T>(T? value) where T : struct, Enum => value is { } v ? Words(v) : None;

    /// <summary>A PascalCase name in English words: <c>PartlyUpheld</c> → "Partly upheld" (the fallback; prefer the typed overload).</summary>
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

    /// <summary>Options whose value is the enum name (what the command binds) and whose text is in the reader's language.</summary>
    public IEnumerable<SelectListItem> Options<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(Words(v), v.ToString()));

    /// <summary>
    /// A category's name: the five seeded categories in the reader's language while they keep their seeded name;
    /// a renamed or administrator-added category as stored (it is data, in whatever language the administrator wrote).
    /// </summary>
    public string Category(string code, string storedName)
    {
        if (SeededCategoryNames.TryGetValue(code, out var seeded) && seeded == storedName)
        {
            var text = localizer[$"Category.{code}"];
            return text.ResourceNotFound ? storedName : text.Value;
        }
        return storedName;
    }

    /// <summary>A category by its code, named as above from the categories the page read; an unknown code as it is.</summary>
    public string Category(string code, IEnumerable<CategoryOption> categories) =>
        categories.FirstOrDefault(c => c.Code == code) is { } category ? Category(category.Code, category.Name) : code;

    /// <summary>A language code (a customer's, a template's) as the reader names it: zh-Hant → 繁體中文 / Traditional Chinese.</summary>
    public string Language(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return None;
        }
        var text = localizer[$"Language.{code}"];
        return text.ResourceNotFound ? code : text.Value;
    }

    /// <summary>"3rd complaint in 90 days" / 「90 天內第 3 次客訴」: English wants an ordinal, Chinese 第…次.</summary>
    public string RepeatBadge(int ordinal, int days) =>
        localizer["{0} complaint in {1} days", EnglishOrdinal(ordinal), days, ordinal].Value;

    /// <summary>1 → "1st", 3 → "3rd", 11 → "11th", 22 → "22nd".</summary>
    public static string EnglishOrdinal(int number)
    {
        var suffix = (number % 100) is 11 or 12 or 13 ? "th" : (number % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return number.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>A whole number as the page writes it (no grouping surprises between languages).</summary>
    public static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>A money amount: two decimals, invariant (the currency is the shop's, not the reader's).</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
