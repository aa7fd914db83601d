using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ComplaintDesk.IntegrationTests.Security;

/// <summary>
/// <see cref="XssCorpus.PageCheckScript"/>'s rules applied to a page parsed by AngleSharp (no browser, no scripting):
/// a marker only in text, never in an attribute that is not a person's text or a same-origin link, never in a script
/// or style; no element the app never renders; every expected text shown.
/// </summary>
public static class XssPageCheck
{
    private static readonly HashSet<string> TextAttributes = ["value", "alt", "title", "aria-label", "placeholder"];
    private static readonly HashSet<string> LinkAttributes = ["href", "action", "src"];

    private const string Foreign =
        "iframe, frame, frameset, object, embed, applet, base, math, video, audio, source, marquee, noscript, body style, meta[http-equiv]";

    public static IReadOnlyList<string> Problems(IDocument document, Uri pageUrl, IEnumerable<string> expected)
    {
        var problems = new List<string>();
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (!XssCorpus.Marker.IsMatch(attribute.Value))
                {
                    continue;
                }
                var name = attribute.Name.ToLowerInvariant();
                if (TextAttributes.Contains(name) || (LinkAttributes.Contains(name) && SameOriginHttp(attribute.Value, pageUrl)))
                {
                    continue;
                }
                problems.Add($"attribute {name}=\"{Cut(attribute.Value)}\" on {Describe(element)}");
            }
        }
        foreach (var element in document.QuerySelectorAll("script, style"))
        {
            if (XssCorpus.Marker.IsMatch(element.TextContent))
            {
                problems.Add($"markup from a payload: {Describe(element)}");
            }
        }
        foreach (var element in document.QuerySelectorAll("script:not([src])"))
        {
            if (element.TextContent.Trim().Length > 0)
            {
                problems.Add($"inline script: {Describe(element)}");
            }
        }
        foreach (var element in document.QuerySelectorAll(Foreign))
        {
            problems.Add($"element the app never renders: {Describe(element)}");
        }

        // A text input's value drops line breaks (HTML's value sanitisation); its value attribute keeps what was sent.
        var fields = document.QuerySelectorAll("input").OfType<IHtmlInputElement>().Select(i => $"{i.Value} {i.GetAttribute("value")}")
            .Concat(document.QuerySelectorAll("textarea").OfType<IHtmlTextAreaElement>().Select(t => t.Value));
        var text = XssCorpus.Flat(string.Join(' ', [document.Title ?? "", document.Body?.TextContent ?? "", .. fields]));
        foreach (var e in expected)
        {
            if (!text.Contains(XssCorpus.Flat(e), StringComparison.Ordinal))
            {
                problems.Add($"not shown as text: {e}");
            }
        }
        return problems;
    }

    /// <summary>As a browser reads a URL: tabs and line breaks anywhere are dropped ("jav&#9;ascript:" is javascript:).</summary>
    private static bool SameOriginHttp(string value, Uri pageUrl) =>
        Uri.TryCreate(pageUrl, value.Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
                .Replace("\r", "", StringComparison.Ordinal).Trim(), out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && Uri.Compare(url, pageUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static string Describe(IElement element) => $"<{element.LocalName}> {Cut(element.OuterHtml, 160)}";

    private static string Cut(string text, int length = 120) => text.Length <= length ? text : text[..length] + "…";
}
