namespace ComplaintDesk.IntegrationTests.Security;

/// <summary>The corpus itself: big enough, each payload identifiable, and each one storable in every free-text field.</summary>
public sealed class XssCorpusTests
{
    [Fact]
    public void The_corpus_holds_at_least_30_distinct_payloads_each_with_its_own_marker()
    {
        Assert.True(XssCorpus.All.Count >= 30, $"Only {XssCorpus.All.Count} payloads.");
        Assert.Equal(XssCorpus.All.Count, XssCorpus.All.Select(p => p.Marker).Distinct().Count());
        Assert.Equal(XssCorpus.All.Count, XssCorpus.All.Select(p => p.Text).Distinct().Count());
        Assert.All(XssCorpus.All, p =>
        {
            var markers = XssCorpus.Marker.Matches(p.Text).Select(m => m.Value).Distinct().ToList();
            Assert.Equal([p.Marker], markers);
        });
    }

    [Fact]
    public void Every_payload_fits_the_shortest_free_text_field_and_survives_HTML_unchanged()
    {
        Assert.All(XssCorpus.All, p =>
        {
            Assert.InRange(p.Text.Length, 1, XssCorpus.MaxLength);
            Assert.DoesNotContain('\0', p.Text);   // PostgreSQL text refuses NUL
            Assert.DoesNotContain('\r', p.Text);   // HTML turns CR into LF
            Assert.Equal(p.Text.Trim(), p.Text);    // several fields are trimmed when stored
        });
    }

    [Theory]
    [InlineData("<script")]
    [InlineData("onerror=")]
    [InlineData("onload=")]
    [InlineData("javascript:")]
    [InlineData("srcdoc=")]
    [InlineData("expression(")]
    [InlineData("${")]
    [InlineData("</textarea>")]
    [InlineData("</title>")]
    [InlineData("\\u003c")]
    [InlineData("<svg")]
    [InlineData("<ScRiPt>")]
    [InlineData("\"><")]
    [InlineData("'><")]
    public void The_corpus_covers_each_kind_of_attack(string fragment) =>
        Assert.Contains(XssCorpus.All, p => p.Text.Contains(fragment, StringComparison.Ordinal));
}
