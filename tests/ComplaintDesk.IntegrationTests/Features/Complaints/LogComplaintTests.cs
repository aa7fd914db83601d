using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Severity = ComplaintDesk.Domain.Complaints.Severity;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class LogComplaintTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_logged_complaint_is_stored_with_every_field_its_customer_and_a_public_logged_event()
    {
        var agent = await app.CreateAgentAsync();
        var email = $"mei.{Guid.NewGuid():N}@example.test";
        var view = await _steps.LogAsync(agent, new LogComplaintCommand
        {
            Customer = new CustomerInput
            {
                Name = "  Mei Lin ", Email = email, Phone = "+886 912 345 678", ExternalId = "CRM-77",
                PreferredLanguage = "zh-Hant",
            },
            Channel = Channel.SocialMedia,
            Category = Category.Codes.Logistics,
            Severity = Severity.Critical,
            Subject = " Parcel never arrived ",
            Description = "Tracking says delivered; nothing at the door.",
            OrderReference = "SO-1001",
            ProductName = "Rice cooker",
            PurchaseDate = new DateOnly(2026, 10, 1),
            IncidentDate = new DateOnly(2026, 10, 20),
            ProductUsage = "Never used",
            DesiredResolution = DesiredResolution.Refund,
            DesiredResolutionText = "Money back, please.",
        });

        var stored = await _steps.StoredAsync(view.Id);
        Assert.Equal(ComplaintState.Received, stored.State);
        Assert.Equal(view.Reference, stored.Reference);
        Assert.Equal(Channel.SocialMedia, stored.Channel);
        Assert.Equal(Category.Codes.Logistics, stored.CategoryCode);
        Assert.Equal(Severity.Critical, stored.Severity);
        Assert.Equal("Parcel never arrived", stored.Subject);
        Assert.Equal("SO-1001", stored.OrderReference);
        Assert.Equal("Rice cooker", stored.ProductName);
        Assert.Equal(new DateOnly(2026, 10, 1), stored.PurchaseDate);
        Assert.Equal(new DateOnly(2026, 10, 20), stored.IncidentDate);
        Assert.Equal("Never used", stored.ProductUsage);
        Assert.Equal(DesiredResolution.Refund, stored.DesiredResolution);
        Assert.Equal("Money back, please.", stored.DesiredResolutionText);
        Assert.Equal(app.Clock.GetUtcNow(), stored.ReceivedAt);
        Assert.Null(stored.AcknowledgedAt);
        Assert.Null(stored.OwnerId);
        Assert.Equal(0, stored.EscalationLevel);

        Assert.Equal("Mei Lin", stored.Customer.Name);
        Assert.Equal(email, stored.Customer.NormalisedEmail);
        Assert.Equal("+886912345678", stored.Customer.NormalisedPhone);
        Assert.Equal("CRM-77", stored.Customer.ExternalId);
        Assert.Equal("zh-Hant", stored.Customer.PreferredLanguage);

        var logged = Assert.Single(await _steps.EventsAsync(view.Id));
        ComplaintSteps.AssertEvent(logged, TimelineEventKind.Logged, null, ComplaintState.Received, Visibility.Public, agent, app.Clock.GetUtcNow());
        Assert.Contains("acknowledge", view.AllowedActions);
    }

    [Fact]
    public async Task Severity_defaults_to_medium()
    {
        var agent = await app.CreateAgentAsync();
        var view = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with { Severity = null });
        Assert.Equal(Severity.Medium, (await _steps.StoredAsync(view.Id)).Severity);
    }

    [Fact]
    public async Task A_returning_customer_is_recognised_by_email_in_another_case_and_with_spaces()
    {
        var agent = await app.CreateAgentAsync();
        var local = $"returning.{Guid.NewGuid():N}";
        var first = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint(email: $"{local}@example.test"));
        var second = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint(email: $"  {local.ToUpperInvariant()}@EXAMPLE.Test ", name: "A. Customer"));

        Assert.Equal(first.Customer.Id, second.Customer.Id);
        Assert.Equal(first.Customer.Id, (await _steps.StoredAsync(second.Id)).CustomerId);
        var rows = await app.QueryDbAsync(db => db.Customers.CountAsync(c => c.NormalisedEmail == $"{local}@example.test", Ct));
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task A_returning_customer_is_recognised_by_phone_written_with_other_punctuation()
    {
        var agent = await app.CreateAgentAsync();
        var digits = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var spaced = $"+886 {digits[..4]} {digits[4..]}";
        var punctuated = $"+886-({digits[..4]})-{digits[4..]}";
        var first = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with
        {
            Customer = new CustomerInput { Name = "Phone Only", Phone = spaced },
        });
        var second = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with
        {
            Customer = new CustomerInput { Name = "Phone Only", Phone = punctuated, Email = $"later.{Guid.NewGuid():N}@example.test" },
        });

        Assert.Equal(first.Customer.Id, second.Customer.Id);
        var customers = await app.QueryDbAsync(db => db.Customers.Where(c => c.NormalisedPhone == "+886" + digits).ToListAsync(Ct));
        var customer = Assert.Single(customers);
        // A returning customer's missing e-mail is added, never overwritten.
        Assert.NotNull(customer.Email);
        Assert.Equal(spaced, customer.Phone);
    }

    [Fact]
    public async Task A_new_customer_gets_a_new_row()
    {
        var agent = await app.CreateAgentAsync();
        var first = await _steps.LogAsync(agent);
        var second = await _steps.LogAsync(agent);
        Assert.NotEqual(first.Customer.Id, second.Customer.Id);
    }

    [Fact]
    public async Task References_are_unique_and_shaped_CD_year_six_digits()
    {
        var agent = await app.CreateAgentAsync();
        var references = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            references.Add((await _steps.LogAsync(agent)).Reference);
        }

        var year = app.Clock.GetUtcNow().Year;
        Assert.All(references, r => Assert.Matches($@"^CD-{year}-\d{{6}}$", r));
        Assert.Equal(references.Count, references.Distinct().Count());
        var stored = await app.QueryDbAsync(db => db.Complaints.Where(c => references.Contains(c.Reference)).CountAsync(Ct));
        Assert.Equal(5, stored);
        // Drawn from a sequence: increasing in the order they were logged.
        Assert.Equal(references, references.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_refused_per_field_and_nothing_is_stored()
    {
        var agent = await app.CreateAgentAsync();
        var subject = new string('s', FieldLengths.Subject + 1);

        await AssertRefusedOnField("Subject", ComplaintSteps.NewComplaint(subject: subject));
        await AssertRefusedOnField("Subject", ComplaintSteps.NewComplaint(subject: " "));
        await AssertRefusedOnField("Customer", ComplaintSteps.NewComplaint() with { Customer = null! });
        await AssertRefusedOnField("Customer.Name", ComplaintSteps.NewComplaint(name: ""));
        await AssertRefusedOnField("Customer.Email", ComplaintSteps.NewComplaint() with { Customer = new CustomerInput { Name = "No Contact" } });
        await AssertRefusedOnField("Customer.Email", ComplaintSteps.NewComplaint(email: "not-an-address"));
        await AssertRefusedOnField("Customer.Phone", ComplaintSteps.NewComplaint(phone: "call me maybe"));
        await AssertRefusedOnField("Customer.PreferredLanguage", ComplaintSteps.NewComplaint() with
        {
            Customer = new CustomerInput { Name = "Klingon", Email = "k@example.test", PreferredLanguage = "tlh" },
        });
        await AssertRefusedOnField("Channel", ComplaintSteps.NewComplaint() with { Channel = null });
        await AssertRefusedOnField("Channel", ComplaintSteps.NewComplaint() with { Channel = (Channel)99 });
        await AssertRefusedOnField("Category", ComplaintSteps.NewComplaint() with { Category = "noSuchCategory" });
        await AssertRefusedOnField("PurchaseDate", ComplaintSteps.NewComplaint() with
        {
            PurchaseDate = new DateOnly(2026, 10, 5), IncidentDate = new DateOnly(2026, 10, 1),
        });

        async Task AssertRefusedOnField(string property, LogComplaintCommand command)
        {
            var before = await CountsAsync();
            var refusal = await Assert.ThrowsAsync<ValidationException>(() => _steps.LogAsync(agent, command));
            Assert.Contains(refusal.Errors, e => e.PropertyName == property);
            Assert.Equal(before, await CountsAsync());
        }
    }

    [Fact]
    public async Task An_admin_who_handles_no_cases_cannot_log_a_complaint()
    {
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var before = await CountsAsync();

        await Assert.ThrowsAsync<ActionForbiddenException>(() => _steps.LogAsync(admin));

        Assert.Equal(before, await CountsAsync());
    }

    private Task<(int Complaints, int Customers, int Events)> CountsAsync() => app.QueryDbAsync(async db =>
        (await db.Complaints.CountAsync(Ct), await db.Customers.CountAsync(Ct), await db.TimelineEvents.CountAsync(Ct)));

    [Fact]
    public async Task The_view_returned_is_what_was_stored()
    {
        var agent = await app.CreateAgentAsync();
        var view = await _steps.LogAsync(agent);
        var stored = await _steps.StoredAsync(view.Id);

        Assert.Matches(@"^CD-\d{4}-\d{6}$", view.Reference);
        Assert.Equal(stored.Version, view.Version);
        Assert.NotEqual(0u, view.Version);
        Assert.Equal(stored.Subject, view.Subject);
        Assert.Equal(stored.CustomerId, view.Customer.Id);
    }
}
