using System.Globalization;
using System.Resources;
using System.Text;
using ComplaintDesk.Domain;

namespace ComplaintDesk.Application.Common;

/// <summary>
/// The Application's own words (validation messages, refusals, notifications) in the reader's language, as ADR 0007
/// has it: Resources/Texts.zh-Hant.resx and .zh-Hans.resx keyed by the English text, so English needs no entry and a
/// missing translation shows English. The culture is read when the text is made — in a validator use the lambda form,
/// <c>WithMessage(_ =&gt; Texts.Get("…"))</c>, never <c>WithMessage(Texts.Get("…"))</c>, which would fix the language
/// of whoever validated first.
/// </summary>
public static class Texts
{
    // Case-insensitive: the framework's titles ("Not Found") and ours ("Not found") are one entry.
    private static readonly ResourceManager Resources = new("ComplaintDesk.Application.Resources.Texts", typeof(Texts).Assembly) { IgnoreCase = true };

    /// <summary>The text in the current UI culture (the request's language).</summary>
    public static string Get(string english) => Get(english, CultureInfo.CurrentUICulture);

    public static string Get(string english, CultureInfo culture) =>
        IsEnglish(culture) ? english : Resources.GetString(english, culture) ?? english;

    /// <summary>
    /// A template with <c>{0}</c>-style holes, translated, then filled: enum values by their translated name, numbers
    /// in the culture's digits, other values as they are.
    /// </summary>
    public static string Format(string english, params object?[] arguments) => Format(CultureInfo.CurrentUICulture, english, arguments);

    public static string Format(CultureInfo culture, string english, params object?[] arguments) =>
        string.Format(culture, Get(english, culture), [.. arguments.Select(a => a is Enum value ? Name(value, culture) : a)]);

    /// <summary>An enum value in words, translated: <c>PartlyUpheld</c> → "Partly upheld" → 部分成立.</summary>
    public static string Name(Enum value) => Name(value, CultureInfo.CurrentUICulture);

    public static string Name(Enum value, CultureInfo culture) => Get(Words(value.ToString()), culture);

    /// <summary>
    /// A refusal of the domain (which has no resources: its messages are English with a stable rule code) in the
    /// reader's language, from the English template and its arguments; English readers get the message as it is.
    /// </summary>
    public static string ForRule(ComplaintRuleException refusal) => Refusal(refusal.Message, refusal.Template, refusal.Arguments);

    /// <inheritdoc cref="ForRule(ComplaintRuleException)"/>
    public static string ForRule(ActionForbiddenException refusal) => Refusal(refusal.Message, refusal.Template, refusal.Arguments);

    /// <summary>
    /// The same for a refusal known only by its rule code and English message: the message when it has a translation,
    /// else the rule's general wording, else the English message.
    /// </summary>
    public static string ForRule(string rule, string message)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (IsEnglish(culture))
        {
            return message;
        }
        var translated = Get(message, culture);
        return translated != message ? translated : Resources.GetString("rule:" + rule, culture) ?? message;
    }

    private static string Refusal(string message, string template, IReadOnlyList<object> arguments)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (IsEnglish(culture))
        {
            return message;
        }
        // Fixed English phrases among the arguments ("assign complaints") are translated like the template.
        return Format(culture, template, [.. arguments.Select(a => a is string phrase ? Get(phrase, culture) : a)]);
    }

    /// <summary>English (or the invariant culture): the keys are the text, nothing to look up.</summary>
    public static bool IsEnglish(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName is "en" or "iv" || culture.Equals(CultureInfo.InvariantCulture);

    /// <summary><c>PartlyUpheld</c> → "Partly upheld", as the pages write enum values.</summary>
    private static string Words(string pascalCase)
    {
        var words = new StringBuilder(pascalCase.Length + 4);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            words.Append(i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString());
        }
        return words.ToString();
    }
}
