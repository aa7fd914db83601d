using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ComplaintDesk.IntegrationTests.Localization.WorkspacePages;

/// <summary>
/// The English a Chinese reader would meet on a whole page — header, navigation, user menu, bell, main, the window
/// title — in its text and in the attributes people read (aria-label, title, placeholder, alt, an option group's label):
/// every run of two or more Latin letters, except
/// <list type="bullet">
/// <item>what is not text: script, style, template;</item>
/// <item>what the page marks as not to be translated: <c>code</c> and <c>translate="no"</c> (a trace id);</item>
/// <item>what the page marks as written in another language: <c>lang</c> not Chinese below the root (the language switch
/// names English in English; an English reply template's title is in English);</item>
/// <item>identifiers and the test's own data: complaint references (CD-2026-000123), e-mail addresses, and the strings
/// the test wrote itself (<paramref name="userData"/>, e.g. a file name "照片.png");</item>
/// <item><see cref="Allowed"/>, written the same way on Chinese pages: "UTC" (every time carries its zone, "UTC+8"),
/// the file formats the evidence hint names (JPEG, PNG, WebP, PDF) and the units of file sizes (MB, KB).</item>
/// </list>
/// </summary>
internal static partial class EnglishLeftovers
{
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        "UTC", "JPEG", "PNG", "WebP", "PDF", "MB", "KB",
    };

    private static readonly string[] ReadAttributes = ["aria-label", "title", "placeholder", "alt", "label"];

    /// <summary>The English words left on the page, each with a little context; empty when there are none.</summary>
    public static IReadOnlyList<string> In(IDocument document, params string[] userData)
    {
        var found = new List<string>();
        Collect(document.Title ?? "", userData, found);
        var body = document.Body ?? throw new InvalidOperationException("The page has no body.");
        Walk(body, userData, found);
        return found;
    }

    /// <summary>The page's visible text the same way, for a message: what the check read.</summary>
    public static string TextOf(IDocument document) =>
        string.Join(' ', (document.Body?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static void Walk(INode node, string[] userData, List<string> found)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    Collect(text.Data, userData, found);
                    break;
                case IElement element when !IsExempt(element):
                    foreach (var attribute in ReadAttributes)
                    {
                        if (element.GetAttribute(attribute) is { } value && (attribute != "label" || element.LocalName is "optgroup" or "option"))
                        {
                            Collect(value, userData, found);
                        }
                    }
                    Walk(element, userData, found);
                    break;
            }
        }
    }

    private static bool IsExempt(IElement element) =>
        element.LocalName is "script" or "style" or "template" or "code"
        || element.GetAttribute("translate") == "no"
        || (element.GetAttribute("lang") is { } lang && !lang.StartsWith("zh", StringComparison.OrdinalIgnoreCase));

    private static void Collect(string text, string[] userData, List<string> found)
    {
        foreach (var data in userData)
        {
            text = text.Replace(data, " ", StringComparison.Ordinal);
        }
        text = Identifiers().Replace(text, " ");
        foreach (Match word in LatinWord().Matches(text))
        {
            if (!Allowed.Contains(word.Value))
            {
                var from = Math.Max(0, word.Index - 25);
                found.Add($"\"{word.Value}\" in \"…{text.Substring(from, Math.Min(text.Length - from, word.Length + 50)).Trim()}…\"");
            }
        }
    }

    /// <summary>Complaint references and e-mail addresses.</summary>
    [GeneratedRegex(@"\bCD-\d{4}-\d+\b|[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Identifiers();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}
