using System.Net;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Complaints;

public sealed class NewComplaintPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    [Fact]
    public async Task A_complaint_logged_on_the_form_opens_on_its_own_page_and_is_stored()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var form = await session.GetPageAsync("/Complaints/New");

        using var response = await session.SubmitAsync(form, "Log complaint", new()
        {
            ["Customer name"] = "Mei Lin",
            ["Email"] = "mei.lin@example.test",
            ["Phone"] = "+886 912 345 678",
            ["External customer id"] = "CRM-77",
            ["Preferred language"] = "zh-Hant",
            ["Channel"] = "Phone",
            ["Category"] = "Logistics / delivery",
            ["Severity"] = "High",
            ["Subject"] = "Parcel arrived crushed",
            ["Description"] = "The box was crushed and the vase inside broken.",
            ["Order reference"] = "SO-4711",
            ["Product"] = "Glass vase",
            ["Purchase date"] = "2026-10-20",
            ["Incident date"] = "2026-10-28",
            ["How the customer used the product"] = "Not used; broken on arrival.",
            ["Desired resolution"] = "Replacement",
            ["What the customer wants"] = "A new vase before the holidays.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.PathAndQueryOf();
        Assert.Matches("^/Complaints/[0-9a-f-]{36}$", location);
        var id = Guid.Parse(location["/Complaints/".Length..]);
        var stored = await app.QueryDbAsync(db => db.Complaints.Include(c => c.Customer)
            .SingleAsync(c => c.Id == id, TestContext.Current.CancellationToken));
        Assert.Equal("Parcel arrived crushed", stored.Subject);
        Assert.Equal("Mei Lin", stored.Customer.Name);
        Assert.Equal("zh-Hant", stored.Customer.PreferredLanguage);
        Assert.Equal(Channel.Phone, stored.Channel);
        Assert.Equal("logistics", stored.CategoryCode);
        Assert.Equal(Severity.High, stored.Severity);
        Assert.Equal(new DateOnly(2026, 10, 20), stored.PurchaseDate);
        Assert.Equal(DesiredResolution.Replacement, stored.DesiredResolution);
        Assert.Equal(ComplaintState.Received, stored.State);

        var casePage = await session.FollowAsync(response);
        Assert.Matches(@"^CD-\d{4}-\d{6}$", casePage.Heading);
        Assert.Equal(stored.Reference, casePage.Heading);
        Assert.Equal("Received", casePage.State);
        Assert.Contains("A new vase before the holidays.", casePage.Text);
    }

    [Fact]
    public async Task A_complaint_without_a_subject_comes_back_with_the_error_at_the_field_and_the_typed_values_kept()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var form = await session.GetPageAsync("/Complaints/New");
        var description = $"No subject given {Guid.NewGuid():N}";

        using var response = await session.SubmitAsync(form, "Log complaint", new()
        {
            ["Customer name"] = "Kept Name",
            ["Email"] = "kept@example.test",
            ["Channel"] = "Email",
            ["Category"] = "Billing",
            ["Description"] = description,
        });
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("", page.FieldError("Command.Subject"));
        Assert.Equal("", page.FieldError("Command.Customer.Name"));
        var subject = page.Document.GetElementById("Command_Subject")!;
        Assert.Equal("true", subject.GetAttribute("aria-invalid")); // screen readers hear which field is wrong, and why
        Assert.Equal(page.FieldError("Command.Subject"), page.Document.GetElementById(subject.GetAttribute("aria-describedby")!)!.TextContent.Trim());
        Assert.Null(page.Document.GetElementById("Command_Customer_Name")!.GetAttribute("aria-invalid"));
        Assert.Equal("Kept Name", page.FieldValue("Command.Customer.Name"));
        Assert.Equal(description, page.FieldValue("Command.Description"));
        Assert.Equal("billing", page.FieldValue("Command.Category"));
        Assert.False(await app.QueryDbAsync(db => db.Complaints.AnyAsync(c => c.Description == description, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_unknown_category_is_shown_at_the_category_field()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var form = await session.GetPageAsync("/Complaints/New");

        using var response = await session.PostAsync("/Complaints/New",
        [
            new("__RequestVerificationToken", form.AntiforgeryToken("Log complaint")),
            new("Command.Customer.Name", "Someone"),
            new("Command.Customer.Email", "someone@example.test"),
            new("Command.Channel", "Email"),
            new("Command.Category", "no-such-category"),
            new("Command.Subject", "Subject"),
            new("Command.Description", "Description"),
        ]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Choose one of the active categories.", page.FieldError("Command.Category"));
    }
}
