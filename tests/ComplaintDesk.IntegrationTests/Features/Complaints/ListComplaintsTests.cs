using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
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
    public async Task A_cursor_we_did_not_give_out_is_a_field_error(string cursor)
    {
        var agent = await app.CreateAgentAsync();

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => ListAsync(agent, new ListComplaintsQuery { Cursor = cursor }));

        Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(ListComplaintsQuery.Cursor));
    }
}
