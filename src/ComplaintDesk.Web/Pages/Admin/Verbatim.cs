using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ComplaintDesk.Web.Pages.Admin;

/// <summary>
/// A value shown exactly as it is and never translated — a category code, a keyword phrase, an e-mail address — marked
/// <c>translate="no"</c> (so neither a browser's translator nor a reader mistakes it for the page's words), encoded.
/// For the holes of a localized sentence: <c>@AT["Name of {0}", Verbatim.Of(category.Code)]</c>.
/// </summary>
public static class Verbatim
{
    public static IHtmlContent Of(string? value) =>
        new HtmlString($"<span translate=\"no\">{HtmlEncoder.Default.Encode(value ?? "")}</span>");
}
