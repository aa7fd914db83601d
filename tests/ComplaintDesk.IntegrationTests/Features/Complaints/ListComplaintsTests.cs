using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class ListComplaintsTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    /// <summary>A word no other test's complaint carries, so each test sees only its own rows.</summary>
    private static string NewTag() => "tag" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Logs one second after the previous one, so "newest first" has a single answer.</summary>
    private Task<ComplaintView> LogLaterAsync(TestUser agent, LogComplaintCommand command)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        return _steps.LogAsync(agent, command);
    }

    private Task<ComplaintPage> ListAsync(TestUser user, ListComplaintsQuery query) => app.SendAsync<ComplaintPage>(user.Actor, query);

    [Fact]
    public async Task Filters_narrow_the_queue_by_state_category_severity_channel_and_owner()
    {
        var agent = await app.CreateAgentAsync();
        var owner = await app.CreateAgentAsync("Queue Owner");
        var tag = NewTag();
        var billingPhone = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Double charge {tag}") with
        {
            Category = Category.Codes.Billing, Channel = Channel.Phone, Severity = Severity.Low,
        });
        var logisticsChat = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Late parcel {tag}") with
        {
            Category = Category.Codes.Logistics, Channel = Channel.Chat, Severity = Severity.Critical,
        });
        var qualityEmail = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Broken lid {tag}") with
        {
            Category = Category.Codes.ProductQuality, Channel = Channel.Email, Severity = Severity.High,
        });
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = logisticsChat.Id });
        await _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = qualityEmail.Id, OwnerId = owner.Id });

        Assert.Equal([logisticsChat.Id], await Ids(new ListComplaintsQuery { Q = tag, State = ComplaintState.Acknowledged }));
        Assert.Equal([qualityEmail.Id, billingPhone.Id], await Ids(new ListComplaintsQuery { Q = tag, State = ComplaintState.Received }));
        Assert.Equal([billingPhone.Id], await Ids(new ListComplaintsQuery { Q = tag, Category = Category.Codes.Billing }));
        Assert.Equal([logisticsChat.Id], await Ids(new ListComplaintsQuery { Q = tag, Severity = Severity.Critical }));
        Assert.Equal([qualityEmail.Id], await Ids(new ListComplaintsQuery { Q = tag, Channel = Channel.Email }));
        Assert.Equal([qualityEmail.Id], await Ids(new ListComplaintsQuery { OwnerId = owner.Id }));
        Assert.Empty(await Ids(new ListComplaintsQuery { Q = tag, Channel = Channel.Phone, Severity = Severity.High }));
        Assert.Equal([qualityEmail.Id, logisticsChat.Id, billingPhone.Id], await Ids(new ListComplaintsQuery { Q = tag }));

        var item = (await ListAsync(agent, new ListComplaintsQuery { OwnerId = owner.Id })).Items.Single();
        Assert.Equal(qualityEmail.Reference, item.Reference);
        Assert.Equal("Queue Owner", item.OwnerName);
        Assert.Equal(Category.Codes.ProductQuality, item.Category);
        Assert.Equal("Ann Customer", item.CustomerName);

        async Task<List<Guid>> Ids(ListComplaintsQuery query) => (await ListAsync(agent, query)).Items.Select(i => i.Id).ToList();
    }

    [Fact]
    public async Task Q_finds_a_complaint_by_reference_by_a_word_of_the_subject_or_by_the_customers_name()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        var bySubject = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Scratched {tag} screen"));
        var byName = await LogLaterAsync(agent, ComplaintSteps.NewComplaint("Rude staff", name: $"Chen {tag.ToUpperInvariant()} Wei"));
        var other = await LogLaterAsync(agent, ComplaintSteps.NewComplaint("Nothing to see"));

        Assert.Equal([other.Id], (await ListAsync(agent, new ListComplaintsQuery { Q = other.Reference.ToLowerInvariant() })).Items.Select(i => i.Id));
        Assert.Equal([bySubject.Id], (await ListAsync(agent, new ListComplaintsQuery { Q = $"scratched {tag}" })).Items.Select(i => i.Id));
        Assert.Equal([byName.Id, bySubject.Id], (await ListAsync(agent, new ListComplaintsQuery { Q = tag })).Items.Select(i => i.Id));
        Assert.Equal([byName.Id], (await ListAsync(agent, new ListComplaintsQuery { Q = $"chen {tag}" })).Items.Select(i => i.Id));
        Assert.Empty((await ListAsync(agent, new ListComplaintsQuery { Q = tag + "%" })).Items); // % is a character, not a wildcard
    }

    [Fact]
    public async Task Keyset_paging_returns_every_item_exactly_once_newest_first()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        var logged = new List<ComplaintView>();
        for (var i = 0; i < 11; i++)
        {
            // Several complaints share an instant, so the id has to break the tie.
            if (i % 3 == 0)
            {
                app.Clock.Advance(TimeSpan.FromSeconds(1));
            }
            logged.Add(await _steps.LogAsync(agent, ComplaintSteps.NewComplaint($"Paging {tag} {i}")));
        }

        var seen = new List<ComplaintListItem>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await ListAsync(agent, new ListComplaintsQuery { Q = tag, Limit = 4, Cursor = cursor });
            Assert.InRange(page.Items.Count, 1, 4);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
            Assert.True(pages <= 3, "Paging did not end.");
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(logged.Count, seen.Count);
        Assert.Equal(logged.Select(c => c.Id).Order(), seen.Select(i => i.Id).Order());
        Assert.Equal(seen.Count, seen.Select(i => i.Id).Distinct().Count());
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i - 1].ReceivedAt >= seen[i].ReceivedAt, "The queue is newest first.");
        }
    }

    [Fact]
    public async Task A_full_last_page_has_no_next_cursor()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        for (var i = 0; i < 2; i++)
        {
            await _steps.LogAsync(agent, ComplaintSteps.NewComplaint($"Exact {tag} {i}"));
        }

        var page = await ListAsync(agent, new ListComplaintsQuery { Q = tag, Limit = 2 });

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task The_limit_defaults_to_25_and_is_bounded()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        for (var i = 0; i < 26; i++)
        {
            await _steps.LogAsync(agent, ComplaintSteps.NewComplaint($"Many {tag} {i}"));
        }

        var firstPage = await ListAsync(agent, new ListComplaintsQuery { Q = tag });
        Assert.Equal(ListComplaintsQuery.DefaultLimit, firstPage.Items.Count);
        Assert.NotNull(firstPage.NextCursor);
        Assert.Equal(26, (await ListAsync(agent, new ListComplaintsQuery { Q = tag, Limit = ListComplaintsQuery.MaxLimit })).Items.Count);

        foreach (var limit in new[] { 0, -1, ListComplaintsQuery.MaxLimit + 1 })
        {
            var refusal = await Assert.ThrowsAsync<ValidationException>(() => ListAsync(agent, new ListComplaintsQuery { Limit = limit }));
            Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(ListComplaintsQuery.Limit));
        }
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("!!!")]
    [InlineData("MTIzNDU")] // base64 of "12345": no separator, no id
    [InlineData("OTk5OTk5OTk5OTk5OTk5OTk5OTk5OV9hYg")] // "9999999999999999999999_ab": ticks out of range, id not a guid
    [InlineData("bl85OTk5OTk5OTk5OTk5OTk5OTk5OTk5X2Fi")] // "n_9999999999999999999999_ab"
    [InlineData("czlfNjM5MDAwMDAwMDAwMDAwMDAwXzAxOWE3YzFlMDAwMDcwMDA4MDAwMDAwMDAwMDAwMDAw")] // "s9_…": no such severity
    public async Task A_cursor_we_did_not_give_out_is_a_field_error(string cursor)
    {
        var agent = await app.CreateAgentAsync();

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => ListAsync(agent, new ListComplaintsQuery { Cursor = cursor }));

        Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(ListComplaintsQuery.Cursor));
    }

    [Fact]
    public async Task A_cursor_of_one_sort_order_is_refused_in_another()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        for (var i = 0; i < 3; i++)
        {
            await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Sorted {tag} {i}"));
        }
        var newest = await ListAsync(agent, new ListComplaintsQuery { Q = tag, Limit = 1 });

        var refusal = await Assert.ThrowsAsync<ValidationException>(() =>
            ListAsync(agent, new ListComplaintsQuery { Q = tag, Limit = 1, Sort = QueueSort.Oldest, Cursor = newest.NextCursor }));

        Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(ListComplaintsQuery.Cursor));
    }

    [Fact]
    public async Task Views_show_my_open_cases_the_unassigned_all_open_escalated_and_closed()
    {
        var agent = await app.CreateAgentAsync("View Agent");
        var colleague = await app.CreateAgentAsync("View Colleague");
        var tag = NewTag();
        var mine = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Mine {tag}"));
        await _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = mine.Id, OwnerId = agent.Id });
        var theirs = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Theirs {tag}"));
        await _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = theirs.Id, OwnerId = colleague.Id });
        var unassigned = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Nobody's {tag}"));
        var escalated = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Escalated {tag}"));
        await _steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = escalated.Id, Reason = "Above my authority." });
        // Closed and owned by me (start resolving makes the agent the owner): not among "my cases", which are open ones.
        var closed = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Closed {tag}"));
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = closed.Id });
        await _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = closed.Id });
        await _steps.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = closed.Id, Summary = "Done.", Outcome = ResolutionOutcome.Upheld });

        Assert.Equal([mine.Id], await Ids(QueueView.Mine));
        Assert.Equal([theirs.Id], await Ids(QueueView.Mine, colleague));
        Assert.Equal([escalated.Id, unassigned.Id], await Ids(QueueView.Unassigned));
        Assert.Equal([escalated.Id, unassigned.Id, theirs.Id, mine.Id], await Ids(QueueView.Open));
        Assert.Equal([escalated.Id], await Ids(QueueView.Escalated));
        Assert.Equal([closed.Id], await Ids(QueueView.Closed));
        Assert.Equal([closed.Id, escalated.Id, unassigned.Id, theirs.Id, mine.Id], await Ids(null));

        async Task<List<Guid>> Ids(QueueView? view, TestUser? caller = null) =>
            (await ListAsync(caller ?? agent, new ListComplaintsQuery { Q = tag, View = view })).Items.Select(i => i.Id).ToList();
    }

    [Fact]
    public async Task Repeat_and_risk_filters_find_returning_customers_and_flagged_complaints()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        var returning = $"back.{Guid.NewGuid():N}@example.test";
        var first = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"First visit {tag}", email: returning));
        var once = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Only once {tag}"));
        var second = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Second visit {tag}", email: returning.ToUpperInvariant()));
        var flagged = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Flagged {tag}"));
        await app.QueryDbAsync(db => db.Complaints.Where(c => c.Id == flagged.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.RiskFlag, true), TestContext.Current.CancellationToken));

        Assert.Equal([second.Id, first.Id], await Ids(new ListComplaintsQuery { Q = tag, Repeat = true }));
        Assert.Equal([flagged.Id, once.Id], await Ids(new ListComplaintsQuery { Q = tag, Repeat = false }));
        Assert.Equal([flagged.Id], await Ids(new ListComplaintsQuery { Q = tag, Risk = true }));
        Assert.Equal([second.Id, once.Id, first.Id], await Ids(new ListComplaintsQuery { Q = tag, Risk = false }));
        var items = (await ListAsync(agent, new ListComplaintsQuery { Q = tag })).Items.ToDictionary(i => i.Id);
        Assert.True(items[first.Id].RepeatCustomer);
        Assert.True(items[second.Id].RepeatCustomer);
        Assert.False(items[once.Id].RepeatCustomer);
        Assert.True(items[flagged.Id].RiskFlag);
        Assert.False(items[once.Id].RiskFlag);

        async Task<List<Guid>> Ids(ListComplaintsQuery query) => (await ListAsync(agent, query)).Items.Select(i => i.Id).ToList();
    }

    [Fact]
    public async Task Search_finds_by_email_phone_order_reference_and_words_of_the_description()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        var unique = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var byEmail = await LogLaterAsync(agent, ComplaintSteps.NewComplaint("Email match", email: $"Mail.{tag}@Example.TEST"));
        var byPhone = await LogLaterAsync(agent, ComplaintSteps.NewComplaint("Phone match", email: null, phone: $"+886 9-{unique[..4]} {unique[4..]}") with
        {
            Customer = new CustomerInput { Name = "Phone Only", Phone = $"+886 9-{unique[..4]} {unique[4..]}" },
        });
        var byOrder = await LogLaterAsync(agent, ComplaintSteps.NewComplaint("Order match") with { OrderReference = $"SO-{tag.ToUpperInvariant()}" });
        var byWords = await LogLaterAsync(agent, ComplaintSteps.NewComplaint("Words match") with
        {
            Description = $"The {tag} lid cracked when the kettle boiled.",
        });

        Assert.Equal([byEmail.Id], await Ids($"mail.{tag}@example.test"));
        Assert.Equal([byEmail.Id], await Ids($"MAIL.{tag}"));
        Assert.Equal([byPhone.Id], await Ids($"9{unique}"));
        Assert.Equal([byPhone.Id], await Ids($"9 {unique[..4]}-{unique[4..]}"));
        Assert.Equal([byOrder.Id], await Ids($"SO-{tag.ToUpperInvariant()}"));
        Assert.Equal([byOrder.Id], await Ids($"so-{tag}")); // exact, whatever the case
        Assert.Equal([byWords.Id], await Ids($"kettle {tag}")); // words in another order than the text
        Assert.Empty(await Ids($"kettle {tag} toaster")); // every word must occur

        async Task<List<Guid>> Ids(string q) => (await ListAsync(agent, new ListComplaintsQuery { Q = q })).Items.Select(i => i.Id).ToList();
    }

    [Fact]
    public async Task Oldest_first_pages_forward_in_time()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        var logged = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            logged.Add((await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Oldest {tag} {i}"))).Id);
        }

        var seen = await WalkAsync(agent, new ListComplaintsQuery { Q = tag, Sort = QueueSort.Oldest, Limit = 2 });

        Assert.Equal(logged, seen.Select(i => i.Id));
    }

    [Fact]
    public async Task Severity_sort_lists_the_most_severe_first_and_pages_across_severities_without_repeats()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        var logged = new List<(Severity Severity, Guid Id)>();
        foreach (var severity in new[] { Severity.Low, Severity.Critical, Severity.Medium, Severity.Critical, Severity.Low, Severity.High, Severity.Low })
        {
            var complaint = await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Severity {tag} {logged.Count}") with { Severity = severity });
            logged.Add((severity, complaint.Id));
        }

        foreach (var limit in new[] { 1, 2, 3, 7 })
        {
            var seen = await WalkAsync(agent, new ListComplaintsQuery { Q = tag, Sort = QueueSort.Severity, Limit = limit });

            var expected = logged.Select((c, i) => (c.Severity, c.Id, i))
                .OrderByDescending(c => c.Severity).ThenByDescending(c => c.i).Select(c => c.Id);
            Assert.Equal(expected, seen.Select(i => i.Id));
        }
    }

    [Fact]
    public async Task Counts_per_view_follow_the_filters_and_each_page_holds_its_share()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        var created = new List<ComplaintView>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await LogLaterAsync(agent, ComplaintSteps.NewComplaint($"Counted {tag} {i}")));
        }
        await _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = created[0].Id, OwnerId = agent.Id });
        await _steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = created[1].Id, Reason = "Needs a supervisor." });

        var counts = await app.SendAsync<IReadOnlyList<QueueViewCount>>(agent.Actor, new CountComplaintsQuery { Q = tag });

        Assert.Equal(
        [
            new QueueViewCount(QueueView.Mine, 1, false),
            new QueueViewCount(QueueView.Unassigned, 2, false),
            new QueueViewCount(QueueView.Open, 3, false),
            new QueueViewCount(QueueView.Escalated, 1, false),
            new QueueViewCount(QueueView.Closed, 0, false),
        ], counts);
        var first = await ListAsync(agent, new ListComplaintsQuery { Q = tag, View = QueueView.Open, Limit = 2 });
        var second = await ListAsync(agent, new ListComplaintsQuery { Q = tag, View = QueueView.Open, Limit = 2, Cursor = first.NextCursor });
        Assert.Equal(2, first.Items.Count);
        Assert.Single(second.Items);
        Assert.Null(second.NextCursor);
        Assert.Equal(new[] { created[2].Id, created[1].Id, created[0].Id }, first.Items.Concat(second.Items).Select(i => i.Id));
        var severe = await app.SendAsync<IReadOnlyList<QueueViewCount>>(agent.Actor, new CountComplaintsQuery { Q = tag, Severity = Severity.Low });
        Assert.All(severe, c => Assert.Equal(0, c.Count));
    }

    [Fact]
    public async Task A_count_stops_at_1000_and_says_there_are_more()
    {
        var agent = await app.CreateAgentAsync();
        var tag = NewTag();
        await InsertComplaintsAsync(tag, CountComplaintsHandler.Cap + 1);

        var counts = await app.SendAsync<IReadOnlyList<QueueViewCount>>(agent.Actor, new CountComplaintsQuery { Q = tag });
        var exact = await app.SendAsync<IReadOnlyList<QueueViewCount>>(agent.Actor, new CountComplaintsQuery { Q = tag, Channel = Channel.Email });

        Assert.Equal(new QueueViewCount(QueueView.Open, CountComplaintsHandler.Cap, true), counts.Single(c => c.View == QueueView.Open));
        Assert.Equal(new QueueViewCount(QueueView.Unassigned, CountComplaintsHandler.Cap, true), counts.Single(c => c.View == QueueView.Unassigned));
        Assert.Equal(new QueueViewCount(QueueView.Closed, 0, false), counts.Single(c => c.View == QueueView.Closed));
        // A third were logged by e-mail: under the cap, the count is exact.
        Assert.Equal(new QueueViewCount(QueueView.Open, 334, false), exact.Single(c => c.View == QueueView.Open));
    }

    /// <summary>Many complaints at once, straight into the table (the command would take minutes for a thousand).</summary>
    private async Task InsertComplaintsAsync(string tag, int count)
    {
        var agent = new Domain.Actors.Actor("bulk", "Bulk Loader", Domain.Actors.Party.Agent);
        await app.QueryDbAsync(async db =>
        {
            var customer = new Customer("Bulk Customer", $"bulk.{tag}@example.test", null, null, Languages.English, ContactMethod.Email, app.Clock.GetUtcNow());
            db.Customers.Add(customer);
            for (var i = 0; i < count; i++)
            {
                var intake = new ComplaintIntake(i % 3 == 0 ? Channel.Email : Channel.Phone, Category.Codes.Other, Severity.Low,
                    $"Bulk {tag} {i}", "Loaded in bulk.", null, null, null, null, null, null, null);
                db.Complaints.Add(Complaint.Log($"B{tag[3..11]}{i:D5}", customer, intake, agent, app.Clock.GetUtcNow().AddSeconds(-i)));
            }
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
    }

    private async Task<List<ComplaintListItem>> WalkAsync(TestUser user, ListComplaintsQuery query)
    {
        var seen = new List<ComplaintListItem>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(user, query with { Cursor = cursor });
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            Assert.True(seen.Count <= 100, "Paging did not end.");
        }
        while (cursor is not null);
        return seen;
    }
}
