using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Features.Evidence;

/// <summary>Where evidence lives: Evidence:Directory, a clear refusal without it, and one folder shared by all instances.</summary>
public sealed class EvidenceStorageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _shared = Path.Combine(Path.GetTempPath(), "complaintdesk-evidence-shared", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_shared))
        {
            Directory.Delete(_shared, recursive: true);
        }
    }

    [Fact]
    public void Outside_development_and_tests_a_missing_evidence_folder_stops_the_start_with_a_clear_message()
    {
        using var production = app.WithWebHostBuilder(web => web.UseEnvironment("Production"));

        var refusal = Assert.Throws<InvalidOperationException>(() => production.Services);

        Assert.Contains("Evidence__Directory", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_inside_the_web_root_is_refused_at_start()
    {
        var webRoot = app.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        using var misplaced = app.WithWebHostBuilder(web => web.UseSetting("Evidence:Directory", Path.Combine(webRoot, "uploads")));

        var refusal = Assert.Throws<InvalidOperationException>(() => misplaced.Services);

        Assert.Contains("web root", refusal.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(webRoot, "uploads")));
    }

    [Fact]
    public async Task Two_instances_on_one_shared_folder_serve_each_others_evidence()
    {
        var agent = await app.CreateAgentAsync();
        await using var first = app.WithWebHostBuilder(web => web.UseSetting("Evidence:Directory", _shared));
        await using var second = app.WithWebHostBuilder(web => web.UseSetting("Evidence:Directory", _shared));
        var toFirst = await ClientAsync(first, agent);
        var toSecond = await ClientAsync(second, agent);
        var complaint = await app.SendAsync<Application.Features.Complaints.ComplaintView>(agent.Actor, Complaints.ComplaintSteps.NewComplaint());

        using var upload = await toFirst.PostAsync($"/api/v1/complaints/{complaint.Id}/attachments",
            new MultipartFormDataContent { { new ByteArrayContent(EvidenceSamples.Jpeg), "file", "photo.jpg" } }, Ct);
        using var download = await toSecond.GetAsync(upload.Headers.Location, Ct);

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(EvidenceSamples.Jpeg, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(_shared, first.Services.GetRequiredService<FileSystemEvidenceStore>().Root);
        Assert.Single(Directory.EnumerateFiles(_shared, "*", SearchOption.AllDirectories));
    }

    private static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> instance, TestUser user)
    {
        var client = instance.CreateClient();
        using var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ComplaintDeskApp.Password }, Ct);
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
