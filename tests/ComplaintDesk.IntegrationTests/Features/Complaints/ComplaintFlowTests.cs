using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class ComplaintFlowTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    [Fact]
    public async Task A_logged_complaint_is_stored_with_a_reference_and_its_first_timeline_event()
    {
        var agent = await app.CreateAgentAsync();
        var view = await app.SendAsync<ComplaintView>(agent.Actor, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "Ann Customer", Email = "ann@example.test" },
            Channel = Channel.Email,
            Category = "billing",
            Subject = "Charged twice",
            Description = "Two identical charges on my card.",
        });

        Assert.Matches(@"^CD-2026-\d{6}$", view.Reference);
        Assert.Equal(ComplaintState.Received, view.State);
        var events = await app.QueryDbAsync(db => db.TimelineEvents.Where(e => e.ComplaintId == view.Id).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(TimelineEventKind.Logged, Assert.Single(events).Kind);
    }

    [Fact]
    public async Task The_api_acknowledges_a_complaint_and_refuses_a_second_acknowledgement_with_409()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.CreateApiClientAsync(agent);
        var created = await client.PostAsJsonAsync("/api/v1/complaints", new
        {
            customer = new { name = "Bo", phone = "+886 912 345 678" },
            channel = "phone",
            category = "logistics",
            subject = "Late parcel",
            description = "Eight days and nothing.",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<IdOnly>(TestContext.Current.CancellationToken))!.Id;

        var first = await client.PostAsync($"/api/v1/complaints/{id}/acknowledge", null, TestContext.Current.CancellationToken);
        var second = await client.PostAsync($"/api/v1/complaints/{id}/acknowledge", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("/problems/transition-not-allowed", await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private sealed record IdOnly(Guid Id);
}
