using System.Net;
using System.Security.Cryptography;
using ComplaintDesk.IntegrationTests.Features.StatusLinks;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ComplaintDesk.IntegrationTests.Security;

/// <summary>What a response looks like to a client, minus the Date header: two equal prints are indistinguishable.</summary>
public sealed record ResponsePrint(int Status, string Headers, string BodyHash, string Body)
{
    public static async Task<ResponsePrint> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = response.Headers;
        all = all.Concat(response.Content.Headers);
        var headers = string.Join("\n", all.Where(h => !h.Key.Equals("Date", StringComparison.OrdinalIgnoreCase))
            .OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(h => $"{h.Key.ToLowerInvariant()}: {string.Join(", ", h.Value)}"));
        return new ResponsePrint((int)response.StatusCode, headers, Convert.ToHexString(SHA256.HashData(body)),
            System.Text.Encoding.UTF8.GetString(body));
    }
}

/// <summary>A customer's browser on the status page: keeps its cookies and posts forms with the page's anti-forgery token.</summary>
public sealed class StatusVisitor(HttpClient client) : IDisposable
{
    private string? _antiforgery;

    public HttpClient Client { get; } = client;

    public static StatusVisitor On(WebApplicationFactory<Program> host) => new(StatusLinkSteps.Client(host, cookies: true));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GETs a page that must answer 200 and remembers its anti-forgery token for the next post.</summary>
    public async Task<string> OpenAsync(string path)
    {
        using var response = await Client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}.");
        _antiforgery = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html)
            .QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        return html;
    }

    /// <summary>Posts fields to a path as a form of the last page would (with its anti-forgery token).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", _antiforgery ?? throw new InvalidOperationException("Open a page with a form first.")));
        return Client.PostAsync(path, new FormUrlEncodedContent(values), Ct);
    }

    public void Dispose() => Client.Dispose();
}
