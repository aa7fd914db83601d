using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Complaints;

namespace ComplaintDesk.IntegrationTests.Features.StatusLinks;

/// <summary>A case with its status link, as the acknowledgement's answer carried it; the token is the last path segment.</summary>
public sealed record LinkedCase(ComplaintView Complaint, string Url)
{
    public Guid Id => Complaint.Id;
    public string Reference => Complaint.Reference;
    public string Token => StatusLinkSteps.TokenOf(Url);
    public string Path => "/s/" + Token;
}

/// <summary>
/// Reading status links out of answers and messages. Its own file so the browser tests can link it (it needs nothing
/// but the application's types).
/// </summary>
public sealed partial class StatusLinkSteps
{
    public static string TokenOf(string url)
    {
        var path = new Uri(url).AbsolutePath;
        Assert.StartsWith("/s/", path, StringComparison.Ordinal);
        return path["/s/".Length..];
    }

    /// <summary>The first status link in a text or HTML body (…/s/{43 URL-safe characters}); null when there is none.</summary>
    public static string? LinkIn(string? text) => text is not null && StatusLink().Match(text) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"https?://[^\s""'<>]+/s/[A-Za-z0-9_-]{43}")]
    private static partial Regex StatusLink();
}
