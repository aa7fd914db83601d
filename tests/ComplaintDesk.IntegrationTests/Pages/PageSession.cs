using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ComplaintDesk.IntegrationTests.Pages;

/// <summary>
/// One browser-like session against the real app: its own cookie jar, no automatic redirects (tests assert them),
/// forms found by their button text and filled by label or field name, anti-forgery token and hidden fields sent
/// as the page rendered them.
/// </summary>
public sealed class PageSession : IDisposable
{
    private PageSession(HttpClient client) => Client = client;

    public HttpClient Client { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static PageSession Anonymous(ComplaintDeskApp app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A session signed in through the login page, as a person would.</summary>
    public static async Task<PageSession> SignInAsync(ComplaintDeskApp app, TestUser user)
    {
        var session = Anonymous(app);
        var response = await session.SignInAsync(user.Email, ComplaintDeskApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string loginUrl = "/Account/Login")
    {
        var login = await GetPageAsync(loginUrl);
        return await SubmitAsync(login, "Sign in", new() { ["Email"] = email, ["Password"] = password });
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(url, Cancellation);

    /// <summary>GETs a page that must answer 200.</summary>
    public async Task<HtmlPage> GetPageAsync(string url)
    {
        using var response = await GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
        return await HtmlPage.ReadAsync(response);
    }

    /// <summary>Follows one redirect (PRG) to a page that must answer 200.</summary>
    public Task<HtmlPage> FollowAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther,
            $"Expected a redirect, got {(int)response.StatusCode}.");
        return GetPageAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Submits the form holding the button with this text, with the given fields changed.</summary>
    public Task<HttpResponseMessage> SubmitAsync(HtmlPage page, string buttonText, Dictionary<string, string>? fields = null) =>
        SubmitAsync(page, buttonText, fields, files: []);

    /// <summary>
    /// Submits a form with files chosen for its file inputs, as multipart/form-data (the form must declare that
    /// enctype, as a browser would otherwise send only the names).
    /// </summary>
    public Task<HttpResponseMessage> SubmitAsync(HtmlPage page, string buttonText, Dictionary<string, string>? fields, IReadOnlyList<UploadFile> files)
    {
        var button = page.Button(buttonText);
        var form = button.Form ?? throw new InvalidOperationException($"The button \"{buttonText}\" is not in a form.");
        var values = CurrentValues(form);
        foreach (var (key, value) in fields ?? [])
        {
            Set(values, page.Document, form, key, value);
        }
        if (!string.IsNullOrEmpty(button.Name))
        {
            values.Add(new(button.Name, button.Value));
        }
        var action = new Uri(new Uri(page.Url), form.GetAttribute("action") ?? page.Url);
        if (string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase))
        {
            var query = string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
            return GetAsync(new UriBuilder(action) { Query = query }.Uri.PathAndQuery);
        }
        if (string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var content = new MultipartFormDataContent();
            foreach (var (name, value) in values)
            {
                content.Add(new StringContent(value), name);
            }
            foreach (var file in files)
            {
                if (form.Elements.OfType<IHtmlInputElement>().All(i => i.Type != "file" || i.Name != file.Field))
                {
                    throw new InvalidOperationException($"The form has no file input named \"{file.Field}\".");
                }
                var part = new ByteArrayContent(file.Bytes);
                part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
                content.Add(part, file.Field, file.FileName);
            }
            return Client.PostAsync(action.PathAndQuery, content, Cancellation);
        }
        if (files.Count > 0)
        {
            throw new InvalidOperationException("Files can only be sent by a form with enctype=\"multipart/form-data\".");
        }
        return PostAsync(action.PathAndQuery, values);
    }

    /// <summary>A raw form post, for what a page would never send (a missing token, a forbidden handler).</summary>
    public Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> values) =>
        Client.PostAsync(url, new FormUrlEncodedContent(values), Cancellation);

    public void Dispose() => Client.Dispose();

    /// <summary>What a browser would send without any typing: every enabled, named control's current value.</summary>
    private static List<KeyValuePair<string, string>> CurrentValues(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !input.IsDisabled && !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "submit" or "button" or "reset" or "image") break;
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    values.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement textArea when !textArea.IsDisabled && !string.IsNullOrEmpty(textArea.Name):
                    values.Add(new(textArea.Name, textArea.Value));
                    break;
                case IHtmlSelectElement select when !select.IsDisabled && !string.IsNullOrEmpty(select.Name):
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }
        return values;
    }

    /// <summary>Sets a field named by its label text (as a person reads it) or by its name.</summary>
    private static void Set(List<KeyValuePair<string, string>> values, IDocument document, IHtmlFormElement form, string key, string value)
    {
        var control = form.Elements.FirstOrDefault(e => e.GetAttribute("name") == key)
            ?? ControlLabelled(document, form, key)
            ?? throw new InvalidOperationException($"The form has no field named or labelled \"{key}\".");
        var name = control.GetAttribute("name") ?? throw new InvalidOperationException($"The field \"{key}\" has no name.");
        switch (control)
        {
            case IHtmlInputElement { Type: "radio" or "checkbox" } choice when name != key:
                value = choice.Value; // labelled by its own text ("Approve"): choosing it sends its value
                break;
            case IHtmlSelectElement select:
                var option = select.Options.FirstOrDefault(o => o.Value == value)
                    ?? select.Options.FirstOrDefault(o => o.Text.Trim() == value)
                    ?? throw new InvalidOperationException($"The list \"{key}\" has no option \"{value}\".");
                value = option.Value;
                break;
        }
        values.RemoveAll(v => v.Key == name);
        values.Add(new(name, value));
    }

    private static IElement? ControlLabelled(IDocument document, IHtmlFormElement form, string text)
    {
        var label = form.QuerySelectorAll("label").FirstOrDefault(l => Normalise(l.TextContent) == text);
        if (label is null)
        {
            return null;
        }
        var target = label.GetAttribute("for");
        return target is null ? label.QuerySelector("input, select, textarea") : document.GetElementById(target);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A file chosen for a form's file input.</summary>
public sealed record UploadFile(string Field, string FileName, byte[] Bytes, string ContentType = "application/octet-stream");

/// <summary>A rendered page and the few things tests read from it.</summary>
public sealed class HtmlPage(string url, HttpStatusCode status, IHtmlDocument document)
{
    public string Url { get; } = url;
    public HttpStatusCode Status { get; } = status;
    public IHtmlDocument Document { get; } = document;

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var document = await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken);
        return new HtmlPage(response.RequestMessage!.RequestUri!.ToString(), response.StatusCode, document);
    }

    public string Heading => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";

    /// <summary>The complaint state as the case page shows it.</summary>
    public string State => Document.QuerySelector("[data-testid=state]")?.TextContent.Trim() ?? "";

    /// <summary>All the visible text of the page body, whitespace collapsed.</summary>
    public string Text => string.Join(' ', (Document.Body?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The submit buttons of the page's own forms (not the header's sign-out).</summary>
    public IReadOnlyList<string> Buttons =>
        Document.QuerySelectorAll("main form button").Select(b => b.TextContent.Trim()).ToList();

    /// <summary>The buttons of the case page's action panel: the lifecycle moves, assign, note (not the status link's own card).</summary>
    public IReadOnlyList<string> ActionButtons =>
        Document.QuerySelectorAll("main .case-actions form button").Where(b => b.Closest("#status-link") is null)
            .Select(b => b.TextContent.Trim()).ToList();

    /// <summary>The element marked <c>data-testid</c>, or null.</summary>
    public IElement? TestId(string id) => Document.QuerySelector($"[data-testid=\"{id}\"]");

    /// <summary>The error shown next to a field (asp-validation-for), empty when none.</summary>
    public string FieldError(string fieldName) =>
        Document.QuerySelector($"[data-valmsg-for=\"{fieldName}\"]")?.TextContent.Trim() ?? "";

    public string FieldValue(string fieldName) => Document.QuerySelector($"[name=\"{fieldName}\"]") switch
    {
        IHtmlInputElement input => input.Value,
        IHtmlTextAreaElement textArea => textArea.Value,
        IHtmlSelectElement select => select.Value ?? "",
        _ => throw new InvalidOperationException($"No field named {fieldName}."),
    };

    public IHtmlButtonElement Button(string text) =>
        Document.QuerySelectorAll("form button").OfType<IHtmlButtonElement>().SingleOrDefault(b => b.TextContent.Trim() == text)
        ?? throw new InvalidOperationException($"No single button \"{text}\" on {Url}; there are: {string.Join(", ", Buttons)}.");

    public IHtmlAnchorElement Link(string text) =>
        Document.QuerySelectorAll("a").OfType<IHtmlAnchorElement>().SingleOrDefault(a => a.TextContent.Trim() == text)
        ?? throw new InvalidOperationException($"No single link \"{text}\" on {Url}.");

    public bool HasLink(string text) => Document.QuerySelectorAll("a").Any(a => a.TextContent.Trim() == text);

    /// <summary>The anti-forgery token of the form holding this button.</summary>
    public string AntiforgeryToken(string buttonText) =>
        Button(buttonText).Form?.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"The form of \"{buttonText}\" has no anti-forgery token.");
}

public static class UriExtensions
{
    /// <summary>The path and query of a Location header, whether the app wrote it absolute or relative.</summary>
    public static string PathAndQueryOf(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
