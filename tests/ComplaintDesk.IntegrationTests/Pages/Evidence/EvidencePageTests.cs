using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Evidence;
using ComplaintDesk.IntegrationTests.Features.Evidence;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Pages.Evidence;

/// <summary>The case page's evidence gallery and upload form, the evidence page, and downloads for signed-in staff.</summary>
public sealed class EvidencePageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What a browser sends for the upload form: its anti-forgery token and the chosen file, as multipart.</summary>
    private static Task<HttpResponseMessage> UploadAsync(PageSession session, HtmlPage page, string fileName, byte[] bytes, bool withToken = true)
    {
        var form = page.Button("Upload").Form!;
        Assert.Equal("multipart/form-data", form.Enctype);
        Assert.Equal("file", ((IHtmlInputElement)page.Document.GetElementById(page.Document.QuerySelector("label[for=evidence-file]")!.GetAttribute("for")!)!).Name);
        var content = new MultipartFormDataContent();
        if (withToken)
        {
            content.Add(new StringContent(page.AntiforgeryToken("Upload")), "__RequestVerificationToken");
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        var action = new Uri(new Uri(page.Url), form.GetAttribute("action")).PathAndQuery;
        return session.Client.PostAsync(action, content, Ct);
    }

    private static IHtmlImageElement? Thumbnail(HtmlPage page, string fileName) =>
        page.Document.QuerySelectorAll("[data-testid=evidence] img").OfType<IHtmlImageElement>().SingleOrDefault(i => i.AlternativeText == fileName);

    [Fact]
    public async Task An_agent_uploads_a_photo_from_the_case_page_sees_its_thumbnail_and_downloads_the_same_bytes()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Cracked jug");
        var casePage = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        Assert.Contains("Add evidence", casePage.Text, StringComparison.Ordinal);

        using var response = await UploadAsync(session, casePage, "jug.png", EvidenceSamples.Png);
        Assert.Equal($"/Complaints/{complaint.Id}", response.Headers.Location!.PathAndQueryOf());
        var after = await session.FollowAsync(response);

        var thumbnail = Thumbnail(after, "jug.png");
        Assert.NotNull(thumbnail);
        var attachment = Assert.Single(await app.AttachmentRowsAsync(complaint.Id));
        var src = thumbnail.GetAttribute("src")!;
        Assert.Equal($"/Complaints/{complaint.Id}/Evidence/{attachment.Id}", src);
        Assert.Contains("Evidence added", after.Text, StringComparison.OrdinalIgnoreCase); // the timeline says so

        using var download = await session.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(EvidenceSamples.Png, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("inline", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("jug.png", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.True(download.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {download.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_pdf_is_listed_as_a_link_and_downloads_as_an_attachment()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Wrong invoice");
        var casePage = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        using var response = await UploadAsync(session, casePage, "invoice.pdf", EvidenceSamples.Pdf);
        var after = await session.FollowAsync(response);

        var link = after.Link("invoice.pdf");
        using var download = await session.GetAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(EvidenceSamples.Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public async Task A_file_that_only_pretends_to_be_a_photo_is_refused_with_the_reason_and_a_way_back()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Renamed text file");
        var casePage = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        using var response = await UploadAsync(session, casePage, "photo.jpg", EvidenceSamples.Text);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("JPEG, PNG or WebP", page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Complaints/{complaint.Id}", page.Link("Back to the complaint").GetAttribute("href"));
        Assert.NotNull(page.Button("Upload")); // the form is there to try again
        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
    }

    [Fact]
    public async Task The_eleventh_file_is_refused_with_the_limit_at_the_top()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Many photos");
        for (var i = 1; i < Attachment.MaxPerComplaint; i++)
        {
            await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, $"photo-{i}.png", EvidenceSamples.Png));
        }
        var withNine = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "photo-10.png", EvidenceSamples.Png));

        using var response = await UploadAsync(session, withNine, "photo-11.png", EvidenceSamples.Png);
        var page = await HtmlPage.ReadAsync(response);
        var full = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at most 10 files", page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Attachment.MaxPerComplaint, (await app.AttachmentRowsAsync(complaint.Id)).Count);
        Assert.DoesNotContain("Upload", full.Buttons); // a full complaint offers no upload form
        Assert.Contains("the most files it can hold", full.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_the_anti_forgery_token_is_refused_with_400()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Forged upload");
        var casePage = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        using var response = await UploadAsync(session, casePage, "photo.png", EvidenceSamples.Png, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
    }

    [Fact]
    public async Task A_12_MB_photo_is_refused_with_the_size_limit_next_to_the_form()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Big photo");
        var casePage = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        var filesBefore = app.StoredFiles();

        using var response = await UploadAsync(session, casePage, "big.jpg", EvidenceSamples.JpegOfSize(12 * 1024 * 1024));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("larger than 10 MB", page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
        Assert.Equal(filesBefore, app.StoredFiles());
    }

    [Fact]
    public async Task A_50_MB_upload_is_cut_off_with_400_not_a_server_error()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Huge upload");
        var casePage = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        var filesBefore = app.StoredFiles();

        using var response = await UploadAsync(session, casePage, "huge.jpg", EvidenceSamples.JpegOfSize(50 * 1024 * 1024));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge,
            $"Expected 400 or 413, got {(int)response.StatusCode}");
        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
        Assert.Equal(filesBefore, app.StoredFiles());
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_instead_of_getting_the_file()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await PageSteps.LogAsync(app, agent, "Private photo");
        var added = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "photo.png", EvidenceSamples.Png));
        using var anonymous = PageSession.Anonymous(app);

        using var response = await anonymous.GetAsync($"/Complaints/{complaint.Id}/Evidence/{added.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        Assert.NotEqual(EvidenceSamples.Png, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task An_admin_sees_and_downloads_evidence_but_gets_no_upload_form_and_a_403_for_a_forged_upload()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await PageSteps.LogAsync(app, agent, "Admin looks");
        var added = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "photo.png", EvidenceSamples.Png));
        using var asAgent = await PageSession.SignInAsync(app, agent);
        var agentsPage = await asAgent.GetPageAsync($"/Complaints/{complaint.Id}");
        using var asAdmin = await PageSession.SignInAsync(app, admin);

        var page = await asAdmin.GetPageAsync($"/Complaints/{complaint.Id}");
        using var download = await asAdmin.GetAsync($"/Complaints/{complaint.Id}/Evidence/{added.Id}");
        // The admin posts the agent's form with their own anti-forgery token.
        var evidencePage = await asAdmin.GetPageAsync($"/Complaints/{complaint.Id}/Evidence");
        var content = new MultipartFormDataContent
        {
            { new StringContent(AdminToken(evidencePage)), "__RequestVerificationToken" },
            { new ByteArrayContent(EvidenceSamples.Png), "file", "admin.png" },
        };
        using var upload = await asAdmin.Client.PostAsync(agentsPage.Button("Upload").Form!.GetAttribute("action"), content, Ct);

        Assert.NotNull(Thumbnail(page, "photo.png"));
        Assert.DoesNotContain("Upload", page.Buttons);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Single(await app.AttachmentRowsAsync(complaint.Id));
    }

    /// <summary>Any form of the page carries the session's anti-forgery token (the header's sign-out does).</summary>
    private static string AdminToken(HtmlPage page) =>
        page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("No anti-forgery token on the page.");

    [Fact]
    public async Task Unknown_and_foreign_attachments_and_complaints_are_not_found()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Has a photo");
        var other = await PageSteps.LogAsync(app, agent, "Has none");
        var added = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "photo.png", EvidenceSamples.Png));

        using var foreign = await session.GetAsync($"/Complaints/{other.Id}/Evidence/{added.Id}");
        using var unknown = await session.GetAsync($"/Complaints/{complaint.Id}/Evidence/{Guid.NewGuid()}");
        using var noComplaint = await session.GetAsync($"/Complaints/{Guid.NewGuid()}/Evidence");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noComplaint.StatusCode);
    }

    [Fact]
    public async Task The_evidence_page_shows_the_gallery_with_a_way_back()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Gallery page");
        await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "photo.webp", EvidenceSamples.WebP));

        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}/Evidence");

        Assert.Equal($"Evidence for {complaint.Reference}", page.Heading);
        Assert.NotNull(Thumbnail(page, "photo.webp"));
        Assert.Equal($"/Complaints/{complaint.Id}", page.Link("Back to the complaint").GetAttribute("href"));
    }
}
