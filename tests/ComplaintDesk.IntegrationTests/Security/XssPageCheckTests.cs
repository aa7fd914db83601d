using System.Text.Encodings.Web;
using AngleSharp.Html.Parser;

namespace ComplaintDesk.IntegrationTests.Security;

/// <summary>
/// The checker itself: it must see a payload written into a page without encoding, and stay quiet about one that
/// was encoded. (Otherwise a clean XSS run would prove nothing.)
/// </summary>
public sealed class XssPageCheckTests
{
    private static readonly Uri Page = new("http://127.0.0.1:5000/Complaints/1");

    /// <summary>
    /// Harmless as markup in an element: they attack attributes, scripts or URLs (covered below), or beat only old
    /// filters — an HTML5 parser reads <c>&lt;scr&lt;script&gt;</c> as one odd tag name (XSS40).
    /// </summary>
    private static readonly HashSet<string> InertAsText =
        ["XSS13", "XSS14", "XSS20", "XSS21", "XSS22", "XSS23", "XSS25", "XSS26", "XSS27", "XSS28", "XSS38", "XSS40", "XSS43", "XSS46"];

    public static TheoryData<string> Markers => [.. XssCorpus.All.Select(p => p.Marker)];

    private static IReadOnlyList<string> Check(string body, params string[] expected)
    {
        var html = $"<!DOCTYPE html><html><head><title>Case</title></head><body><main>{body}</main></body></html>";
        var document = new HtmlParser().ParseDocument(html);
        return XssPageCheck.Problems(document, Page, expected);
    }

    [Theory]
    [MemberData(nameof(Markers))]
    public void A_payload_written_as_markup_into_an_element_is_caught_unless_it_is_inert_there(string marker)
    {
        var payload = XssCorpus.ByMarker(marker);

        var problems = Check($"<p class=\"text\">{payload.Text}</p>");

        if (InertAsText.Contains(marker))
        {
            Assert.DoesNotContain(problems, p => !p.StartsWith("not shown", StringComparison.Ordinal));
        }
        else
        {
            Assert.NotEmpty(problems);
        }
    }

    [Theory]
    [InlineData("XSS11", '"')]
    [InlineData("XSS13", '"')]
    [InlineData("XSS12", '\'')]
    [InlineData("XSS14", '\'')]
    public void An_attribute_breakout_written_into_a_value_is_caught(string marker, char quote)
    {
        var payload = XssCorpus.ByMarker(marker);

        Assert.NotEmpty(Check($"<input name=\"q\" value={quote}{payload.Text}{quote}>"));
    }

    [Theory]
    [MemberData(nameof(Markers))]
    public void An_encoded_payload_passes_and_is_found_as_text_in_an_element_and_in_a_value(string marker)
    {
        var payload = XssCorpus.ByMarker(marker);
        var encoded = HtmlEncoder.Default.Encode(payload.Text);

        Assert.Empty(Check($"<p class=\"text\">{encoded}</p>", payload.Text));
        Assert.Empty(Check($"<input name=\"q\" value=\"{encoded}\"><textarea>{encoded}</textarea>", payload.Text));
    }

    [Fact]
    public void A_payload_that_is_not_on_the_page_is_reported_as_not_shown()
    {
        var problems = Check("<p>Nothing here</p>", XssCorpus.All[0].Text);

        Assert.Equal([$"not shown as text: {XssCorpus.All[0].Text}"], problems);
    }
}
