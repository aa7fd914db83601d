using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ComplaintDesk.IntegrationTests.Localization.AdminPages;

/// <summary>
/// Finds English left on a page a Chinese reader sees: every run of two or more Latin letters in the text of the page's
/// <c>main</c> (the frame around it is the staff pages' to check) and in the attributes people read (aria-label, title,
/// placeholder, alt), except
/// <list type="bullet">
/// <item>what is not text: script, style, template;</item>
/// <item>what is a field's value rather than the page's words: a textarea's content, like an input's value attribute
/// (a template body being edited is data, placeholders and all);</item>
/// <item>what the page marks as not to be translated — <c>code</c> (category codes, template placeholders) and
/// <c>translate="no"</c> (keyword phrases, e-mail addresses): values typed or matched exactly as written;</item>
/// <item>what the page marks as written in another language — <c>lang</c> inside <c>main</c> not Chinese (a template's
/// title and body are in the template's language);</item>
/// <item><see cref="Allowed"/>: "UTC", the name of the time scale in the zone every time carries ("UTC+8"), which reads
/// the same in every language.</item>
/// </list>
/// </summary>
internal static partial class ChinesePageCheck
{
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal) { "UTC" };

    private static readonly string[] ReadAttributes = ["aria-label", "title", "placeholder", "alt"];

    /// <summary>The English words left in <c>main</c>, each with a little context; empty when there are none.</summary>
    public static IReadOnlyList<string> EnglishLeft(IDocument document)
    {
        var main = document.QuerySelector("main") ?? throw new InvalidOperationException("The page has no main element.");
        var found = new List<string>();
        Walk(main, main, found);
        return found;
    }

    private static void Walk(INode node, IElement main, List<string> found)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    Collect(text.Data, found);
                    break;
                case IElement element when !IsExempt(element, main):
                    foreach (var attribute in ReadAttributes)
                    {
                        if (element.GetAttribute(attribute) is { } value)
                        {
                            Collect(value, found);
                        }
                    }
                    Walk(element, main, found);
                    break;
            }
        }
    }

    private static bool IsExempt(IElement element, IElement main) =>
        element.LocalName is "script" or "style" or "template" or "textarea" or "code"
        || element.GetAttribute("translate") == "no"
        || (element != main && element.GetAttribute("lang") is { } lang && !lang.StartsWith("zh", StringComparison.OrdinalIgnoreCase));

    private static void Collect(string text, List<string> found)
    {
        foreach (Match word in LatinWord().Matches(text))
        {
            if (!Allowed.Contains(word.Value))
            {
                var from = Math.Max(0, word.Index - 20);
                found.Add($"\"{word.Value}\" in \"…{text.Substring(from, Math.Min(text.Length - from, word.Length + 40)).Trim()}…\"");
            }
        }
    }

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}
