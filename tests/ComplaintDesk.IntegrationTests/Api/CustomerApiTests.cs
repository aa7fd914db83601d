using System.Net;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>GET /api/v1/customers/{id} and the lookup GET /api/v1/customers?email=&amp;phone=.</summary>
public sealed class CustomerApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_answers_200_with_their_complaints_newest_first_and_the_compensation_total()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var first = await client.CreateComplaintAsync(ApiKit.NewComplaintBody("First blender"));
        var body = ApiKit.NewComplaintBody("Second blender");
        body["customer"] = new Dictionary<string, object?> { ["name"] = "Mia Customer", ["email"] = first.Body.GetProperty("customer").Str("email") };
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await client.CreateComplaintAsync(body);
        var customerId = first.Body.GetProperty("customer").GetProperty("id").GetGuid();
        Assert.Equal(customerId, second.Body.GetProperty("customer").GetProperty("id").GetGuid());
        Assert.Equal(2, second.Body.GetProperty("customer").GetProperty("complaintCount").GetInt32());

        using var response = await client.GetAsync($"/api/v1/customers/{customerId}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var customer = await response.JsonAsync();
        Assert.Equal(customerId, customer.GetProperty("id").GetGuid());
        Assert.Equal("Mia Customer", customer.Str("name"));
        Assert.Equal("email", customer.Str("preferredContact"));
        Assert.Equal(2, customer.GetProperty("complaintCount").GetInt32());
        Assert.Equal(0m, customer.GetProperty("compensationLast12Months").GetDecimal());
        Assert.Equal([second.Id, first.Id], customer.GetProperty("complaints").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        var newest = customer.GetProperty("complaints")[0];
        Assert.Equal((second.Body.Str("reference"), "received", "high", "productQuality"),
            (newest.Str("reference"), newest.Str("state"), newest.Str("severity"), newest.Str("category")));
    }

    [Fact]
    public async Task The_lookup_matches_normalised_email_or_phone()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();
        var email = created.Body.GetProperty("customer").Str("email");
        var phone = created.Body.GetProperty("customer").Str("phone");

        using var byEmail = await client.GetAsync($"/api/v1/customers?email={Uri.EscapeDataString(email.ToUpperInvariant())}", Ct);
        using var byPhone = await client.GetAsync($"/api/v1/customers?phone={Uri.EscapeDataString(phone.Replace(" ", "-"))}", Ct);
        using var nothing = await client.GetAsync("/api/v1/customers?email=nobody.at.all%40example.test", Ct);
        using var neither = await client.GetAsync("/api/v1/customers", Ct);

        Assert.Equal(HttpStatusCode.OK, byEmail.StatusCode);
        var customerId = created.Body.GetProperty("customer").GetProperty("id").GetGuid();
        Assert.Equal([customerId], (await byEmail.JsonAsync()).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal([customerId], (await byPhone.JsonAsync()).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        Assert.Empty((await nothing.JsonAsync()).EnumerateArray());
        await neither.AssertFieldErrorAsync("email");
    }

    [Fact]
    public async Task Unknown_is_404_an_administrator_403_and_anonymous_401()
    {
        var agentClient = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await agentClient.CreateComplaintAsync();
        var customerId = created.Body.GetProperty("customer").GetProperty("id").GetGuid();
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Ada Admin", Roles.Admin));
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());

        using var missing = await agentClient.GetAsync($"/api/v1/customers/{Guid.NewGuid()}", Ct);
        using var asAdmin = await admin.GetAsync($"/api/v1/customers/{customerId}", Ct);
        using var adminLookup = await admin.GetAsync("/api/v1/customers?email=a%40example.test", Ct);
        using var asSupervisor = await supervisor.GetAsync($"/api/v1/customers/{customerId}", Ct);
        using var anonymous = await app.AnonymousClient().GetAsync($"/api/v1/customers/{customerId}", Ct);

        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await asAdmin.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await adminLookup.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        Assert.Equal(HttpStatusCode.OK, asSupervisor.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
