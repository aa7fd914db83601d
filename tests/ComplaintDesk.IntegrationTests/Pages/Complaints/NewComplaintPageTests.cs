using System.Net;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Evidence;
using ComplaintDesk.IntegrationTests.Features.Evidence;
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

    private static Dictionary<string, string> MinimalComplaint(string subject, string email = "photo.sender@example.test") => new()
    {
        ["Customer name"] = "Photo Sender",
        ["Email"] = email,
        ["Channel"] = "Web form",
        ["Category"] = "Product quality",
        ["Subject"] = subject,
        ["Description"] = "The glass arrived chipped; photos attached.",
    };

    [Fact]
    public async Task The_form_takes_evidence_files_and_offers_the_severity_suggestion_hooks()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);

        var form = await session.GetPageAsync("/Complaints/New");

        var post = form.Button("Log complaint").Form!;
        Assert.Equal("multipart/form-data", post.GetAttribute("enctype"));
        var file = form.Document.QuerySelector("input[type=file]")!;
        Assert.Equal(("Evidence", "image/jpeg,image/png,image/webp,application/pdf"), (file.GetAttribute("name"), file.GetAttribute("accept")));
        Assert.True(file.HasAttribute("multiple"));
        Assert.Equal("Evidence (photos, screenshots, PDF)", form.Document.QuerySelector($"label[for={file.Id}]")!.TextContent.Trim());
        Assert.Equal("polite", form.Document.GetElementById("severity-suggestion")!.GetAttribute("aria-live"));
        Assert.NotNull(form.Document.GetElementById("Command_Subject"));
        Assert.NotNull(form.Document.GetElementById("Command_Description"));
        var script = form.Document.QuerySelectorAll("script").Single(s => s.GetAttribute("src")?.Contains("severity-suggestion.js", StringComparison.Ordinal) == true);
        Assert.True(script.HasAttribute("defer"));
    }

    [Fact]
    public async Task A_complaint_logged_with_a_photo_and_a_pdf_has_them_as_evidence()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var form = await session.GetPageAsync("/Complaints/New");

        using var response = await session.SubmitAsync(form, "Log complaint", MinimalComplaint($"Chipped glass {Guid.NewGuid():N}"),
        [
            new UploadFile("Evidence", "chip.png", EvidenceSamples.Png, "image/png"),
            new UploadFile("Evidence", "receipt.pdf", EvidenceSamples.Pdf, "application/pdf"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.PathAndQueryOf()["/Complaints/".Length..]);
        var rows = await app.AttachmentRowsAsync(id);
        Assert.Equal(["chip.png", "receipt.pdf"], rows.Select(r => r.FileName).Order());
        Assert.Equal(["application/pdf", "image/png"], rows.Select(r => r.ContentType).Order());
        var view = await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(id));
        Assert.Equal(2, view.Attachments.Count);
        var casePage = await session.FollowAsync(response);
        Assert.Null(casePage.TestId("refused-evidence"));
    }

    [Fact]
    public async Task A_refused_file_does_not_undo_the_complaint_and_the_case_page_says_which_and_why()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var form = await session.GetPageAsync("/Complaints/New");
        var subject = $"With a bad file {Guid.NewGuid():N}";

        using var response = await session.SubmitAsync(form, "Log complaint", MinimalComplaint(subject),
        [
            new UploadFile("Evidence", "photo.png", EvidenceSamples.Png, "image/png"),
            new UploadFile("Evidence", "notes.txt", EvidenceSamples.Text, "image/png"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.PathAndQueryOf()["/Complaints/".Length..]);
        Assert.Equal(["photo.png"], (await app.AttachmentRowsAsync(id)).Select(r => r.FileName));
        var casePage = await session.FollowAsync(response);
        Assert.Equal(subject, casePage.Document.QuerySelector(".subject")!.TextContent.Trim());
        var refused = casePage.TestId("refused-evidence")!.TextContent;
        Assert.Contains("The complaint was logged, but some evidence could not be attached", refused, StringComparison.Ordinal);
        Assert.Contains("notes.txt", refused, StringComparison.Ordinal);
        Assert.Contains("content of this file is none of these", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("photo.png", refused, StringComparison.Ordinal);
        var reloaded = await session.GetPageAsync(casePage.Url);
        Assert.Null(reloaded.TestId("refused-evidence")); // said once
    }

    [Fact]
    public async Task A_form_with_errors_asks_for_the_files_again()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var form = await session.GetPageAsync("/Complaints/New");
        var fields = MinimalComplaint("");

        using var response = await session.SubmitAsync(form, "Log complaint", fields, [new UploadFile("Evidence", "chip.png", EvidenceSamples.Png, "image/png")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Contains("Choose the evidence files again", page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Attachments, a => a.FileName == "chip.png" && a.UploadedById == agent.Id, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Find_customer_shows_earlier_complaints_and_use_this_customer_fills_the_form()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var email = $"returning.{Guid.NewGuid():N}@example.test";
        var earlier = await app.SendAsync<ComplaintView>(agent.Actor, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "Rhea Returning", Email = email, Phone = "+886 912 000 111", ExternalId = "CRM-9", PreferredLanguage = "zh-Hans", PreferredContact = ContactMethod.Phone },
            Channel = Channel.Email, Category = "billing", Subject = "Earlier billing problem", Description = "Charged twice.",
        });
        var form = await session.GetPageAsync("/Complaints/New");

        using var found = await session.SubmitAsync(form, "Find customer", new() { ["E-mail to look for"] = email.ToUpperInvariant() });
        var results = await HtmlPage.ReadAsync(found);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var match = results.Document.QuerySelector(".customer-match")!;
        Assert.Contains("Rhea Returning", match.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 earlier complaint · compensation in the last 12 months: 0.00", match.QuerySelector("[data-testid=match-summary]")!.TextContent.Trim());
        Assert.Equal([earlier.Reference], match.QuerySelectorAll(".earlier-complaints a").Select(a => a.TextContent.Trim()));
        Assert.Equal(email.ToUpperInvariant(), results.FieldValue("findEmail")); // the lookup form keeps what was typed

        var use = match.QuerySelectorAll("a").Single(a => a.TextContent.Trim().StartsWith("Use this customer", StringComparison.Ordinal));
        var filled = await session.GetPageAsync(use.GetAttribute("href")!);

        Assert.Contains("Rhea Returning", filled.TestId("chosen-customer")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Rhea Returning", filled.FieldValue("Command.Customer.Name"));
        Assert.Equal(email, filled.FieldValue("Command.Customer.Email"));
        Assert.Equal("+886 912 000 111", filled.FieldValue("Command.Customer.Phone"));
        Assert.Equal("CRM-9", filled.FieldValue("Command.Customer.ExternalId"));
        Assert.Equal("zh-Hans", filled.FieldValue("Command.Customer.PreferredLanguage"));
        Assert.Equal("Phone", filled.FieldValue("Command.Customer.PreferredContact"));

        using var logged = await session.SubmitAsync(filled, "Log complaint", new()
        {
            ["Channel"] = "Phone", ["Category"] = "Billing", ["Subject"] = "Charged again", ["Description"] = "A third charge appeared.",
        });
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var again = await session.FollowAsync(logged);
        Assert.Equal("2nd complaint in 90 days", again.TestId("repeat")!.TextContent.Trim());
    }

    [Fact]
    public async Task Find_customer_by_phone_finds_nobody_or_asks_for_something_to_look_for()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var form = await session.GetPageAsync("/Complaints/New");

        using var nobody = await session.SubmitAsync(form, "Find customer", new() { ["Phone to look for"] = "+1 555 000 0000 999" });
        using var nothing = await session.SubmitAsync(form, "Find customer");

        Assert.Contains("No customer has this e-mail address or phone number", (await HtmlPage.ReadAsync(nobody)).TestId("lookup-results")!.TextContent, StringComparison.Ordinal);
        var empty = await HtmlPage.ReadAsync(nothing);
        Assert.Contains("Give an e-mail address or a phone number to look for.", empty.TestId("lookup-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(empty.Document.QuerySelector(".error-summary:not([data-testid])")); // the complaint form itself has no errors
    }
}
