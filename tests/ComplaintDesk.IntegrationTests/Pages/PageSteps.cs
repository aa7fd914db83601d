using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages;

/// <summary>Setting the scene through the command layer, and reading the outcome from the database.</summary>
internal static class PageSteps
{
    public static Task<ComplaintView> LogAsync(ComplaintDeskApp app, TestUser by, string subject) =>
        app.SendAsync<ComplaintView>(by.Actor, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "Pat Customer", Email = "pat@example.test" },
            Channel = Channel.Email,
            Category = "billing",
            Subject = subject,
            Description = "Charged twice for one order.",
        });

    public static Task<ComplaintState> StateAsync(ComplaintDeskApp app, Guid id) =>
        app.QueryDbAsync(db => db.Complaints.Where(c => c.Id == id).Select(c => c.State)
            .SingleAsync(TestContext.Current.CancellationToken));

    public static Task<uint> VersionAsync(ComplaintDeskApp app, Guid id) =>
        app.QueryDbAsync(db => db.Complaints.Where(c => c.Id == id).Select(c => c.Version)
            .SingleAsync(TestContext.Current.CancellationToken));
}
