using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>
/// Steps for the ledger and policy tests: ledger lines made honestly (a complaint, an offer within the proposer's
/// authority, the customer's acceptance — the commands every edge sends), and a clean slate for a class that shares
/// its database (no offers, no lines, the policy as the migration seeded it).
/// </summary>
public sealed class LedgerSteps(ComplaintDeskApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A complaint in <paramref name="category"/> and an accepted offer of one option: one ledger line, accepted now.</summary>
    public async Task<(ComplaintView Complaint, OfferView Offer)> GrantAsync(TestUser by, CompensationKind kind, decimal amount,
        string category = Category.Codes.Billing, string customer = "Ann Customer")
    {
        var complaint = await app.SendAsync<ComplaintView>(by.Actor, ComplaintSteps.NewComplaint(name: customer) with { Category = category });
        var offer = await OfferAsync(by, complaint.Id, kind, amount);
        Assert.Equal(OfferState.Offered, offer.State);
        var accepted = await app.SendAsync<OfferView>(by.Actor, new AnswerOfferCommand
        {
            OfferId = offer.Id, OfferVersion = offer.Version, OptionId = offer.Options[0].Id,
        });
        Assert.Equal(OfferState.Accepted, accepted.State);
        return (complaint, accepted);
    }

    public Task<OfferView> OfferAsync(TestUser by, Guid complaintId, CompensationKind kind, decimal amount) =>
        app.SendAsync<OfferView>(by.Actor, new MakeOfferCommand
        {
            ComplaintId = complaintId,
            Options = [new OfferOptionRequest { Kind = kind, Amount = amount, CustomerText = $"{kind} of {amount:0.00}", InternalNote = "Within policy." }],
        });

    /// <summary>No offers, no ledger lines, and the seeded policy (TWD, agents 1,000, supervisors 20,000, warning 5,000, every kind).</summary>
    public async Task ResetAsync()
    {
        await app.QueryDbAsync(async db =>
        {
            await db.Ledger.ExecuteDeleteAsync(Ct);
            await db.Offers.ExecuteDeleteAsync(Ct);
            return 0;
        });
        var admin = await app.CreateUserAsync("Reset Admin", Roles.Admin);
        await app.SendAsync<CompensationPolicyView>(admin.Actor, SeededPolicy);
    }

    public static SaveCompensationPolicyCommand SeededPolicy => new()
    {
        EnabledKinds = Enum.GetValues<CompensationKind>(), Currency = "TWD", AgentLimit = 1000m, SupervisorLimit = 20000m,
        WarningThreshold = 5000m, UserLimits = [],
    };

    /// <summary>Moves the fake clock to 09:00 UTC on the first day of the month after next: a period no earlier test wrote into.</summary>
    public DateTimeOffset FreshMonth()
    {
        var now = app.Clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, 1, 9, 0, 0, TimeSpan.Zero).AddMonths(2);
        app.Clock.SetUtcNow(start);
        return start;
    }

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}

/// <summary>
/// The compensation ledger through the command layer: lines made by real offers and answers, filtered by period,
/// category and kind, with totals over the whole filter by kind, category and month (in the reader's time zone),
/// keyset paging with an opaque cursor, the bounds (366 days, 500 a page), and who may read it. The tests of this
/// class share a database: each starts from no lines and moves the clock to a month of its own.
/// </summary>
public sealed class LedgerTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private readonly LedgerSteps _steps = new(app);

    public async ValueTask InitializeAsync() => await _steps.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<LedgerPage> LedgerAsync(TestUser by, GetLedgerQuery query) => app.SendAsync<LedgerPage>(by.Actor, query);

    [Fact]
    public async Task Each_accepted_option_is_one_line_with_its_case_customer_category_kind_amount_and_dates()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var start = _steps.FreshMonth();
        var (complaint, offer) = await _steps.GrantAsync(agent, CompensationKind.Voucher, 350.50m, Category.Codes.Logistics, "Lena Ledger");
        // A declined offer and one still in front of the customer are no cost.
        var declined = await app.SendAsync<ComplaintView>(agent.Actor, ComplaintSteps.NewComplaint());
        var notTaken = await _steps.OfferAsync(agent, declined.Id, CompensationKind.Gift, 100m);
        await app.SendAsync<OfferView>(agent.Actor, new AnswerOfferCommand { OfferId = notTaken.Id, OfferVersion = 1, Declined = true, Reason = "Wants cash." });
        var open = await app.SendAsync<ComplaintView>(agent.Actor, ComplaintSteps.NewComplaint());
        await _steps.OfferAsync(agent, open.Id, CompensationKind.Gift, 200m);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.SendAsync<OfferView>(agent.Actor, new FulfilOfferCommand { OfferId = offer.Id, Reference = "VOUCHER-123" });

        var ledger = await LedgerAsync(supervisor, new GetLedgerQuery());

        var line = Assert.Single(ledger.Lines);
        Assert.Equal((complaint.Id, complaint.Reference, complaint.Customer.Id, "Lena Ledger", "logistics", CompensationKind.Voucher, 350.50m, "TWD"),
            (line.ComplaintId, line.Reference, line.CustomerId, line.CustomerName, line.Category, line.Kind, line.Amount, line.Currency));
        Assert.Equal((start, (DateTimeOffset?)start.AddHours(3)), (line.AcceptedAt, line.FulfilledAt));
        Assert.Equal((350.50m, 1, "TWD"), (ledger.Total, ledger.LineCount, ledger.Currency));
        // Without dates: the current month, in the reader's zone (UTC when none is given).
        Assert.Equal((LedgerSteps.Day(start), LedgerSteps.Day(start.AddMonths(1).AddDays(-1)), "UTC"), (ledger.From, ledger.To, ledger.TimeZone));
        Assert.Null(ledger.NextCursor);
    }

    [Fact]
    public async Task Filters_narrow_the_lines_and_the_totals_cover_the_whole_filter_by_kind_category_and_month()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ledger Admin", Roles.Admin);
        var start = _steps.FreshMonth();
        await _steps.GrantAsync(agent, CompensationKind.Voucher, 100m, Category.Codes.Billing);
        await _steps.GrantAsync(agent, CompensationKind.Voucher, 200.25m, Category.Codes.Logistics);
        await _steps.GrantAsync(agent, CompensationKind.PartialRefund, 999.99m, Category.Codes.Billing);
        app.Clock.SetUtcNow(start.AddMonths(1).AddDays(4));
        await _steps.GrantAsync(agent, CompensationKind.ShippingFeeWaiver, 80m, Category.Codes.Logistics);
        await _steps.GrantAsync(agent, CompensationKind.Voucher, 50m, Category.Codes.Billing);
        app.Clock.SetUtcNow(start.AddMonths(2).AddDays(1)); // after the period asked for
        await _steps.GrantAsync(agent, CompensationKind.Voucher, 700m, Category.Codes.Billing);

        var period = new GetLedgerQuery { From = LedgerSteps.Day(start), To = LedgerSteps.Day(start.AddMonths(2).AddDays(-1)) };
        var all = await LedgerAsync(admin, period);
        var vouchers = await LedgerAsync(admin, period with { Kind = CompensationKind.Voucher });
        var billing = await LedgerAsync(admin, period with { Category = Category.Codes.Billing });
        var billingVouchers = await LedgerAsync(admin, period with { Category = " billing ", Kind = CompensationKind.Voucher });

        Assert.Equal((5, 1430.24m), (all.LineCount, all.Total));
        Assert.Equal(5, all.Lines.Count);
        Assert.Equal([CompensationKind.PartialRefund, CompensationKind.Voucher, CompensationKind.ShippingFeeWaiver], all.ByKind.Select(k => k.Kind));
        Assert.Equal((999.99m, 1), all.ByKind.Where(k => k.Kind == CompensationKind.PartialRefund).Select(k => (k.Total, k.Lines)).Single());
        Assert.Equal((350.25m, 3), all.ByKind.Where(k => k.Kind == CompensationKind.Voucher).Select(k => (k.Total, k.Lines)).Single());
        Assert.Equal([("billing", 1149.99m, 3), ("logistics", 280.25m, 2)], all.ByCategory.Select(c => (c.Category, c.Total, c.Lines)));
        var first = $"{start:yyyy-MM}";
        var second = $"{start.AddMonths(1):yyyy-MM}";
        Assert.Equal([(first, 1300.24m, 3), (second, 130m, 2)], all.ByMonth.Select(m => (m.Month, m.Total, m.Lines)));

        Assert.Equal((3, 350.25m), (vouchers.LineCount, vouchers.Total));
        Assert.All(vouchers.Lines, l => Assert.Equal(CompensationKind.Voucher, l.Kind));
        Assert.Equal([("billing", 150m, 2), ("logistics", 200.25m, 1)], vouchers.ByCategory.OrderBy(c => c.Category).Select(c => (c.Category, c.Total, c.Lines)));
        Assert.Equal((3, 1149.99m), (billing.LineCount, billing.Total));
        Assert.All(billing.Lines, l => Assert.Equal("billing", l.Category));
        Assert.Equal((2, 150m), (billingVouchers.LineCount, billingVouchers.Total));
        Assert.Equal([(first, 100m, 1), (second, 50m, 1)], billingVouchers.ByMonth.Select(m => (m.Month, m.Total, m.Lines)));

        // The last day is included, the day after is not.
        var lastDay = await LedgerAsync(admin, new GetLedgerQuery { From = LedgerSteps.Day(start.AddMonths(2).AddDays(1)), To = LedgerSteps.Day(start.AddMonths(2).AddDays(1)) });
        Assert.Equal((1, 700m), (lastDay.LineCount, lastDay.Total));
        var dayBefore = await LedgerAsync(admin, new GetLedgerQuery { From = LedgerSteps.Day(start.AddMonths(2)), To = LedgerSteps.Day(start.AddMonths(2)) });
        Assert.Equal((0, 0m), (dayBefore.LineCount, dayBefore.Total));
        Assert.Empty(dayBefore.Lines);
        Assert.Empty(dayBefore.ByKind);
    }

    [Fact]
    public async Task Dates_and_months_are_read_in_the_readers_time_zone()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var start = _steps.FreshMonth();
        // 17:30 UTC on the last day of the month is 01:30 on the first of the next in Taipei (UTC+8).
        var lastDay = start.AddMonths(1).AddDays(-1);
        app.Clock.SetUtcNow(new DateTimeOffset(lastDay.Year, lastDay.Month, lastDay.Day, 17, 30, 0, TimeSpan.Zero));
        await _steps.GrantAsync(agent, CompensationKind.Gift, 300m);

        var utc = await LedgerAsync(supervisor, new GetLedgerQuery { From = LedgerSteps.Day(start), To = LedgerSteps.Day(start.AddMonths(2)) });
        var taipei = await LedgerAsync(supervisor, new GetLedgerQuery
        {
            From = LedgerSteps.Day(start), To = LedgerSteps.Day(start.AddMonths(2)), TimeZone = "Asia/Taipei",
        });
        var taipeiMonth = await LedgerAsync(supervisor, new GetLedgerQuery { TimeZone = "Asia/Taipei" }); // now is the 1st there
        var utcMonth = await LedgerAsync(supervisor, new GetLedgerQuery { To = LedgerSteps.Day(lastDay) });

        Assert.Equal($"{start:yyyy-MM}", Assert.Single(utc.ByMonth).Month);
        Assert.Equal($"{start.AddMonths(1):yyyy-MM}", Assert.Single(taipei.ByMonth).Month);
        Assert.Equal(("Asia/Taipei", LedgerSteps.Day(start.AddMonths(1)), 1), (taipeiMonth.TimeZone, taipeiMonth.From, taipeiMonth.LineCount));
        Assert.Equal((LedgerSteps.Day(start), 1), (utcMonth.From, utcMonth.LineCount)); // only "to": from the first of its month
    }

    [Fact]
    public async Task Pages_follow_the_cursor_in_order_of_acceptance_and_every_page_carries_the_same_totals()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        _steps.FreshMonth();
        var granted = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            granted.Add((await _steps.GrantAsync(agent, CompensationKind.Voucher, 10m * i)).Complaint.Id);
            if (i != 2)
            {
                app.Clock.Advance(TimeSpan.FromMinutes(5)); // lines 2 and 3 are accepted at the same instant: the id decides
            }
        }

        var pages = new List<LedgerPage>();
        string? cursor = null;
        do
        {
            var page = await LedgerAsync(supervisor, new GetLedgerQuery { Limit = 2, Cursor = cursor });
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Lines.Count));
        Assert.Equal(granted, pages.SelectMany(p => p.Lines).Select(l => l.ComplaintId));
        Assert.All(pages, p => Assert.Equal((150m, 5), (p.Total, p.LineCount)));
        var everything = await LedgerAsync(supervisor, new GetLedgerQuery());
        Assert.Equal((5, (string?)null), (everything.Lines.Count, everything.NextCursor)); // 100 a page unless asked
    }

    [Fact]
    public async Task Periods_over_366_days_backwards_periods_bad_cursors_limits_zones_and_categories_are_field_errors()
    {
        var supervisor = await app.CreateSupervisorAsync();
        async Task<string[]> RefusedAsync(GetLedgerQuery query)
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => LedgerAsync(supervisor, query));
            return [.. refused.Errors.Select(e => e.PropertyName)];
        }

        var leapYear = await LedgerAsync(supervisor, new GetLedgerQuery { From = new DateOnly(2028, 1, 1), To = new DateOnly(2028, 12, 31) });
        var yearAndADay = await LedgerAsync(supervisor, new GetLedgerQuery { From = new DateOnly(2026, 1, 1), To = new DateOnly(2027, 1, 1) });

        Assert.Equal((new DateOnly(2028, 1, 1), new DateOnly(2028, 12, 31)), (leapYear.From, leapYear.To)); // 366 days
        Assert.Equal(new DateOnly(2027, 1, 1), yearAndADay.To);
        Assert.Equal(["To"], await RefusedAsync(new GetLedgerQuery { From = new DateOnly(2026, 1, 1), To = new DateOnly(2027, 1, 2) }));
        Assert.Equal(["To"], await RefusedAsync(new GetLedgerQuery { From = new DateOnly(2026, 5, 2), To = new DateOnly(2026, 5, 1) }));
        Assert.Equal(["From"], await RefusedAsync(new GetLedgerQuery { From = new DateOnly(1, 1, 1) }));
        Assert.Equal(["To"], await RefusedAsync(new GetLedgerQuery { To = DateOnly.MaxValue }));
        Assert.Equal(["Cursor"], await RefusedAsync(new GetLedgerQuery { Cursor = "not-ours" }));
        Assert.Equal(["Limit"], await RefusedAsync(new GetLedgerQuery { Limit = GetLedgerQuery.MaxLimit + 1 }));
        Assert.Equal(["Limit"], await RefusedAsync(new GetLedgerQuery { Limit = 0 }));
        Assert.Equal(["TimeZone"], await RefusedAsync(new GetLedgerQuery { TimeZone = "Mars/Olympus_Mons" }));
        Assert.Equal(["Kind"], await RefusedAsync(new GetLedgerQuery { Kind = (CompensationKind)99 }));
        Assert.Equal(["Category"], await RefusedAsync(new GetLedgerQuery { Category = "no-such-category" }));
        await LedgerAsync(supervisor, new GetLedgerQuery { Limit = GetLedgerQuery.MaxLimit });
    }

    [Fact]
    public async Task Supervisors_and_administrators_read_the_ledger_agents_do_not()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var admin = await app.CreateUserAsync("Only Admin", Roles.Admin);

        await LedgerAsync(supervisor, new GetLedgerQuery());
        await LedgerAsync(admin, new GetLedgerQuery());
        var refused = await Assert.ThrowsAsync<ActionForbiddenException>(() => LedgerAsync(agent, new GetLedgerQuery()));

        Assert.Contains("supervisors and administrators", refused.Message, StringComparison.Ordinal);
    }
}
