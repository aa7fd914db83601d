using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Customers;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;

namespace ComplaintDesk.IntegrationTests.Features.Customers;

public sealed class CustomerLookupTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    private Task<IReadOnlyList<CustomerView>> FindAsync(TestUser by, string? email = null, string? phone = null) =>
        app.SendAsync<IReadOnlyList<CustomerView>>(by.Actor, new FindCustomersQuery { Email = email, Phone = phone });

    [Fact]
    public async Task A_customer_is_found_by_normalised_email_or_phone_with_their_complaints_newest_first()
    {
        var agent = await app.CreateAgentAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var email = $"Mei.{tag}@Example.TEST";
        var phone = $"+886 2-{digits[..4]} {digits[4..]}";
        var first = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("First", email: email, phone: phone, name: "Mei Lin"));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var second = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("Second", email: email.ToLowerInvariant(), name: "Mei Lin"));

        var byEmail = Assert.Single(await FindAsync(agent, email: $"  mei.{tag}@example.test "));
        var byPhone = Assert.Single(await FindAsync(agent, phone: $"+8862{digits}"));
        var byEither = Assert.Single(await FindAsync(agent, email: "nobody@example.test", phone: $"+886 (2) {digits[..4]}-{digits[4..]}"));

        Assert.Equal(first.Customer.Id, byEmail.Id);
        Assert.Equal(byEmail, byPhone with { Complaints = byEmail.Complaints });
        Assert.Equal(byEmail.Id, byEither.Id);
        Assert.Equal("Mei Lin", byEmail.Name);
        Assert.Equal(2, byEmail.ComplaintCount);
        Assert.Equal(0m, byEmail.CompensationLast12Months);
        Assert.Equal([second.Id, first.Id], byEmail.Complaints.Select(c => c.Id));
        Assert.Equal((second.Reference, "Second", ComplaintState.Received), (byEmail.Complaints[0].Reference, byEmail.Complaints[0].Subject, byEmail.Complaints[0].State));
        Assert.Empty(await FindAsync(agent, email: $"mei.{tag}@example.tes"));
        Assert.Empty(await FindAsync(agent, phone: "---"));
    }

    [Fact]
    public async Task At_most_five_customers_and_five_complaints_each_are_returned()
    {
        var agent = await app.CreateAgentAsync();
        var email = $"many.{Guid.NewGuid():N}@example.test";
        for (var i = 0; i < FindCustomersQuery.ComplaintsEach + 2; i++)
        {
            await _steps.LogAsync(agent, ComplaintSteps.NewComplaint($"Many {i}", email: email));
        }
        // Six separate customers share a phone (a family line): each was created with a different e-mail.
        var phone = $"+44 20 {Random.Shared.Next(1000, 9999)} {Random.Shared.Next(1000, 9999)}";
        await app.QueryDbAsync(async db =>
        {
            for (var i = 0; i < FindCustomersQuery.MaxCustomers + 1; i++)
            {
                db.Customers.Add(new Domain.Customers.Customer($"Family {i}", null, phone, null, "en", ContactMethod.Phone, app.Clock.GetUtcNow()));
            }
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var one = Assert.Single(await FindAsync(agent, email: email));
        var family = await FindAsync(agent, phone: phone);

        Assert.Equal(FindCustomersQuery.ComplaintsEach + 2, one.ComplaintCount);
        Assert.Equal(FindCustomersQuery.ComplaintsEach, one.Complaints.Count);
        Assert.Equal(FindCustomersQuery.MaxCustomers, family.Count);
        Assert.All(family, c => Assert.Empty(c.Complaints));
    }

    [Fact]
    public async Task A_lookup_needs_an_email_or_a_phone_and_is_for_case_handlers_only()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => FindAsync(agent));
        Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(FindCustomersQuery.Email));
        await Assert.ThrowsAsync<ActionForbiddenException>(() => FindAsync(admin, email: "x@example.test"));
    }

    [Fact]
    public async Task Getting_a_customer_shows_every_complaint_count_and_the_newest_complaints()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var email = $"get.{Guid.NewGuid():N}@example.test";
        var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("Only one", email: email, name: "Gil Customer") with
        {
            Customer = new CustomerInput { Name = "Gil Customer", Email = email, ExternalId = "CRM-1", PreferredLanguage = "zh-Hans" },
        });

        var customer = await app.SendAsync<CustomerView>(agent.Actor, new GetCustomerQuery(complaint.Customer.Id));

        Assert.Equal(("Gil Customer", email, "CRM-1", "zh-Hans", ContactMethod.Email), (customer.Name, customer.Email, customer.ExternalId, customer.PreferredLanguage, customer.PreferredContact));
        Assert.Equal(1, customer.ComplaintCount);
        Assert.Equal([complaint.Id], customer.Complaints.Select(c => c.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync<CustomerView>(agent.Actor, new GetCustomerQuery(Guid.NewGuid())));
        await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<CustomerView>(admin.Actor, new GetCustomerQuery(complaint.Customer.Id)));
    }
}
