using System.Net;
using System.Net.Http.Headers;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Evidence;
using ComplaintDesk.IntegrationTests.Features.Evidence;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>POST and GET /api/v1/complaints/{id}/attachments: status codes, headers, bytes. No request may answer 5xx.</summary>
public sealed class EvidenceApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Attachments(Guid complaintId) => $"/api/v1/complaints/{complaintId}/attachments";

    private static MultipartFormDataContent Multipart(string fileName, byte[] bytes, string declaredType = "application/octet-stream", string field = "file")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid complaintId, string fileName, byte[] bytes, string declaredType = "image/jpeg") =>
        client.PostAsync(Attachments(complaintId), Multipart(fileName, bytes, declaredType), Ct);

    [Fact]
    public async Task An_upload_answers_201_with_the_attachment_and_its_location_and_the_download_is_the_same_bytes()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();

        using var created = await UploadAsync(client, complaint.Id, "Kettle – crack.jpg", EvidenceSamples.Jpeg, declaredType: "text/html");
        var body = await created.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"{Attachments(complaint.Id)}/{id}", created.Headers.Location!.PathAndQueryOf());
        Assert.Equal("Kettle – crack.jpg", body.Str("fileName"));
        Assert.Equal("image/jpeg", body.Str("contentType")); // from the content, not the declared text/html
        Assert.Equal(EvidenceSamples.Jpeg.Length, body.GetProperty("size").GetInt64());
        Assert.Equal(agent.DisplayName, body.Str("uploadedBy"));
        Assert.False(body.TryGetProperty("storageKey", out _));

        using var download = await client.GetAsync(created.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(EvidenceSamples.Jpeg, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(download.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {download.Headers.CacheControl}");
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Kettle – crack.jpg", disposition.FileNameStar);
    }

    [Fact]
    public async Task The_list_shows_a_complaints_attachments()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();
        using var first = await UploadAsync(client, complaint.Id, "receipt.pdf", EvidenceSamples.Pdf);

        using var response = await client.GetAsync(Attachments(complaint.Id), Ct);
        var list = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var only = Assert.Single(list.EnumerateArray());
        Assert.Equal("application/pdf", only.Str("contentType"));
    }

    [Theory]
    [InlineData("photo.jpg", nameof(EvidenceSamples.Text))]
    [InlineData("image.svg", nameof(EvidenceSamples.Svg))]
    [InlineData("page.html", nameof(EvidenceSamples.Html))]
    public async Task A_file_that_is_not_a_picture_or_pdf_is_a_400_on_the_file_field(string fileName, string sample)
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();
        var bytes = (byte[])typeof(EvidenceSamples).GetField(sample)!.GetValue(null)!;

        using var response = await UploadAsync(client, complaint.Id, fileName, bytes);

        await response.AssertFieldErrorAsync("file");
        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
    }

    [Fact]
    public async Task A_form_without_a_file_is_a_400_on_the_file_field_and_a_body_that_is_not_a_form_is_415()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();

        using var otherField = await client.PostAsync(Attachments(complaint.Id), Multipart("photo.jpg", EvidenceSamples.Jpeg, field: "photo"), Ct);
        using var json = await client.PostJsonAsync(Attachments(complaint.Id), new { fileName = "photo.jpg" });

        await otherField.AssertFieldErrorAsync("file");
        await json.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_12_MB_upload_is_a_400_on_the_file_field_and_stores_nothing(bool withContentLength)
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();
        var filesBefore = app.StoredFiles();

        var body = Multipart("huge.jpg", EvidenceSamples.JpegOfSize(12 * 1024 * 1024));
        // Without a Content-Length (chunked), the size shows only while the body is read.
        using var request = new HttpRequestMessage(HttpMethod.Post, Attachments(complaint.Id))
        {
            Content = withContentLength ? body : new StreamContent(await body.ReadAsStreamAsync(Ct)),
        };
        if (!withContentLength)
        {
            request.Content.Headers.ContentType = body.Headers.ContentType;
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await client.SendAsync(request, Ct);

        var problem = await response.AssertFieldErrorAsync("file");
        Assert.Contains("10 MB", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
        Assert.Equal(filesBefore, app.StoredFiles());
    }

    [Fact]
    public async Task A_file_just_over_10_MB_is_a_400_on_the_file_field()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();

        using var response = await UploadAsync(client, complaint.Id, "big.jpg", EvidenceSamples.JpegOfSize(Attachment.MaxBytes + 1));

        var problem = await response.AssertFieldErrorAsync("file");
        Assert.Contains("10 MB", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_eleventh_upload_is_a_409_with_the_evidence_limit_type()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();
        for (var i = 0; i < Attachment.MaxPerComplaint; i++)
        {
            using var ok = await UploadAsync(client, complaint.Id, $"photo-{i}.png", EvidenceSamples.Png);
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        using var response = await UploadAsync(client, complaint.Id, "one-too-many.png", EvidenceSamples.Png);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/evidence-limit-reached");
    }

    [Fact]
    public async Task Unknown_complaints_and_attachments_and_those_of_another_complaint_are_404()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();
        var other = await client.CreateComplaintAsync();
        using var created = await UploadAsync(client, complaint.Id, "photo.png", EvidenceSamples.Png);
        var attachmentId = (await created.JsonAsync()).GetProperty("id").GetGuid();

        using var upload = await UploadAsync(client, Guid.NewGuid(), "photo.png", EvidenceSamples.Png);
        using var foreign = await client.GetAsync($"{Attachments(other.Id)}/{attachmentId}", Ct);
        using var unknown = await client.GetAsync($"{Attachments(complaint.Id)}/{Guid.NewGuid()}", Ct);
        using var list = await client.GetAsync(Attachments(Guid.NewGuid()), Ct);

        await upload.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await list.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task An_admin_may_download_but_not_upload_and_strangers_get_401()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var asAgent = await app.ClientForAsync(agent);
        var asAdmin = await app.ClientForAsync(admin);
        var anonymous = app.AnonymousClient();
        var complaint = await asAgent.CreateComplaintAsync();
        using var created = await UploadAsync(asAgent, complaint.Id, "photo.png", EvidenceSamples.Png);

        using var adminUpload = await UploadAsync(asAdmin, complaint.Id, "photo.png", EvidenceSamples.Png);
        using var adminDownload = await asAdmin.GetAsync(created.Headers.Location, Ct);
        using var anonymousUpload = await UploadAsync(anonymous, complaint.Id, "photo.png", EvidenceSamples.Png);
        using var anonymousDownload = await anonymous.GetAsync(created.Headers.Location, Ct);

        await adminUpload.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        Assert.Equal(HttpStatusCode.OK, adminDownload.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousUpload.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousDownload.StatusCode);
        Assert.Single(await app.AttachmentRowsAsync(complaint.Id));
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_a_current_one_is_accepted()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();
        using var note = await client.PostJsonAsync($"/api/v1/complaints/{complaint.Id}/notes", new { body = "Moving on.", visibility = "internal" });

        using var stale = new HttpRequestMessage(HttpMethod.Post, Attachments(complaint.Id)) { Content = Multipart("photo.png", EvidenceSamples.Png) };
        stale.Headers.TryAddWithoutValidation("If-Match", complaint.ETag);
        using var staleResponse = await client.SendAsync(stale, Ct);
        var current = (await client.GetAsync($"/api/v1/complaints/{complaint.Id}", Ct)).ETag();
        using var fresh = new HttpRequestMessage(HttpMethod.Post, Attachments(complaint.Id)) { Content = Multipart("photo.png", EvidenceSamples.Png) };
        fresh.Headers.TryAddWithoutValidation("If-Match", current);
        using var freshResponse = await client.SendAsync(fresh, Ct);

        await staleResponse.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.Created, freshResponse.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_cookie_is_not_enough_for_the_api()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await (await app.ClientForAsync(agent)).CreateComplaintAsync();

        using var response = await session.Client.PostAsync(Attachments(complaint.Id), Multipart("photo.png", EvidenceSamples.Png), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_upload_as_a_multipart_form()
    {
        using var response = await app.AnonymousClient().GetAsync("/openapi/v1.json", Ct);
        var document = await response.JsonAsync();

        var attachments = document.GetProperty("paths").GetProperty("/api/v1/complaints/{id}/attachments");
        var upload = attachments.GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(upload.TryGetProperty("multipart/form-data", out _), upload.GetRawText());
        Assert.True(attachments.TryGetProperty("get", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/complaints/{id}/attachments/{attachmentId}", out _));
    }

    [Fact]
    public void The_attachment_routes_take_bearer_tokens_only_and_the_upload_is_size_limited()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/complaints/{id:guid}/attachments", StringComparison.Ordinal) == true)
            .ToList();

        Assert.Equal(3, routes.Count); // upload, list, download
        Assert.All(routes, e =>
        {
            Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.Contains(e.Metadata.GetOrderedMetadata<AuthorizationPolicy>(), policy =>
                policy.AuthenticationSchemes.SequenceEqual([IdentityConstants.BearerScheme])
                && policy.Requirements.OfType<RolesAuthorizationRequirement>().Any(r => r.AllowedRoles.Order().SequenceEqual(["Admin", "Agent", "Supervisor"])));
        });
        var upload = routes.Single(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.SequenceEqual(["POST"]));
        Assert.InRange(upload.Metadata.GetMetadata<IRequestSizeLimitMetadata>()!.MaxRequestBodySize!.Value, Attachment.MaxBytes + 1, 12 * 1024 * 1024);
        Assert.False(upload.Metadata.GetMetadata<IAntiforgeryMetadata>()!.RequiresValidation);
    }
}
