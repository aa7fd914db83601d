using System.Net;
using System.Text.RegularExpressions;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ComplaintDesk.IntegrationTests.Pages.Admin;

/// <summary>
/// Page steps for sessions that must outlive one client: a sign-in cookie taken by hand, so that the same cookie
/// can be sent to a second instance of the app.
/// </summary>
internal static partial class AdminPageSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly WebApplicationFactoryClientOptions NoCookieJar = new() { AllowAutoRedirect = false, HandleCookies = false };

    /// <summary>Signs in through the login page of <paramref name="client"/>'s instance; returns the "ComplaintDesk.Auth=…" pair.</summary>
    public static async Task<string> SignInCookieAsync(HttpClient client, string email, string password = ComplaintDeskApp.Password)
    {
        using var form = await client.GetAsync("/Account/Login", Ct);
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
        var antiforgery = form.Headers.GetValues("Set-Cookie").First(c => c.Contains("Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await client.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return AuthCookie(signedIn) ?? throw new InvalidOperationException("No sign-in cookie was issued.");
    }

    /// <summary>GET with a cookie header and nothing else.</summary>
    public static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>The auth cookie a response sets (or deletes: then its value is empty).</summary>
    public static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith("ComplaintDesk.Auth=", StringComparison.Ordinal))?.Split(';')[0]
            : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
