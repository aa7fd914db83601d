using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Api;

public sealed class ComplaintResourceApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logging_a_complaint_answers_201_with_location_etag_and_the_resource_in_camel_case()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var body = ApiKit.NewComplaintBody();

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var complaint = await response.JsonAsync();
        var id = complaint.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/complaints/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"{complaint.GetProperty("version").GetUInt32()}\"", response.ETag());
        Assert.Matches(@"^CD-\d{4}-\d{6}$", complaint.Str("reference"));
        Assert.Equal("received", complaint.Str("state"));
        Assert.Equal("webForm", complaint.Str("channel"));
        Assert.Equal("productQuality", complaint.Str("category"));
        Assert.Equal("high", complaint.Str("severity"));
        Assert.Equal("replacement", complaint.Str("desiredResolution"));
        Assert.Equal("Blender arrived cracked", complaint.Str("subject"));
        Assert.Equal("The jug has a crack along the side.", complaint.Str("description"));
        Assert.Equal("ORD-9001", complaint.Str("orderReference"));
        Assert.Equal("Blender X2", complaint.Str("productName"));
        Assert.Equal("2026-10-01", complaint.Str("purchaseDate"));
        var customer = complaint.GetProperty("customer");
        Assert.NotEqual(Guid.Empty, customer.GetProperty("id").GetGuid());
        Assert.Equal("Mia Customer", customer.Str("name"));
        Assert.Equal(((Dictionary<string, object?>)body["customer"]!)["email"], customer.Str("email"));
        Assert.Equal(((Dictionary<string, object?>)body["customer"]!)["phone"], customer.Str("phone"));
        Assert.Equal("en", customer.Str("preferredLanguage"));
        Assert.Equal(app.Clock.GetUtcNow(), complaint.GetProperty("receivedAt").GetDateTimeOffset());
        foreach (var unset in new[] { "ownerId", "ownerName", "acknowledgedAt", "closedAt", "outcome", "resolutionSummary" })
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, complaint.GetProperty(unset).ValueKind);
        }
        Assert.Equal(0, complaint.GetProperty("escalationLevel").GetInt32());
        Assert.Equal(["acknowledge", "escalate", "assign", "addNote", "reply", "requestInformation", "recordCustomerMessage", "changeClassification"],
            complaint.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.False(complaint.GetProperty("riskFlag").GetBoolean());
        Assert.Empty(complaint.GetProperty("attachments").EnumerateArray());
        Assert.Equal(1, customer.GetProperty("complaintCount").GetInt32());
        Assert.Equal(0m, customer.GetProperty("compensationLast12Months").GetDecimal());

        var stored = await app.QueryDbAsync(db => db.Complaints.SingleAsync(c => c.Id == id, Ct));
        Assert.Equal(complaint.Str("reference"), stored.Reference);
    }

    [Fact]
    public async Task Getting_a_complaint_answers_200_with_the_same_resource_and_etag()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var created = await client.CreateComplaintAsync();

        using var response = await client.GetAsync($"/api/v1/complaints/{created.Id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created.ETag, response.ETag());
        var complaint = await response.JsonAsync();
        Assert.Equal(created.Body.Str("reference"), complaint.Str("reference"));
        Assert.Equal(created.Body.GetRawText(), complaint.GetRawText());
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());

        using var get = await client.GetAsync($"/api/v1/complaints/{Guid.NewGuid()}", Ct);
        using var timeline = await client.GetAsync($"/api/v1/complaints/{Guid.NewGuid()}/timeline", Ct);
        using var acknowledge = await client.PostJsonAsync($"/api/v1/complaints/{Guid.NewGuid()}/acknowledge");
        using var note = await client.PostJsonAsync($"/api/v1/complaints/{Guid.NewGuid()}/notes", new { body = "Hi", visibility = "public" });

        foreach (var response in new[] { get, timeline, acknowledge, note })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
            Assert.False(string.IsNullOrWhiteSpace(problem.Str("title")));
        }
    }

    [Fact]
    public async Task An_admin_reads_complaints_but_cannot_log_one()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var existing = await (await app.ClientForAsync(agent)).CreateComplaintAsync();
        var client = await app.ClientForAsync(admin);
        var subject = $"Admin attempt {Guid.NewGuid():N}";

        using var post = await client.PostAsJsonAsync("/api/v1/complaints", ApiKit.NewComplaintBody(subject), Ct);

        await post.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        Assert.False(await app.QueryDbAsync(db => db.Complaints.AnyAsync(c => c.Subject == subject, Ct)));
        var read = await client.GetComplaintAsync(existing.Id);
        Assert.Empty(read.GetProperty("allowedActions").EnumerateArray());
    }

    [Fact]
    public async Task An_id_that_is_not_a_guid_matches_no_route()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());

        using var response = await client.GetAsync("/api/v1/complaints/CD-2026-000001", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task The_resource_lists_attachments_newest_first_with_id_name_type_and_size()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();
        var uploaded = new List<Guid>();
        foreach (var (name, bytes) in new[] { ("first.png", Features.Evidence.EvidenceSamples.Png), ("second.pdf", Features.Evidence.EvidenceSamples.Pdf) })
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            var file = new ByteArrayContent(bytes);
            using var upload = await client.PostAsync($"/api/v1/complaints/{created.Id}/attachments",
                new MultipartFormDataContent { { file, "file", name } }, Ct);
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            uploaded.Add((await upload.JsonAsync()).GetProperty("id").GetGuid());
        }

        var complaint = await client.GetComplaintAsync(created.Id);

        var attachments = complaint.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal([uploaded[1], uploaded[0]], attachments.Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal(("second.pdf", "application/pdf", (long)Features.Evidence.EvidenceSamples.Pdf.Length),
            (attachments[0].Str("fileName"), attachments[0].Str("contentType"), attachments[0].GetProperty("size").GetInt64()));
        Assert.Equal(["id", "fileName", "contentType", "size"], attachments[0].EnumerateObject().Select(p => p.Name));
    }
}
