using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Features.StatusLinks;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ComplaintDesk.IntegrationTests.Features.Outbox;

/// <summary>
/// Every message leaves once: two dispatchers side by side never send one twice; a crash after the change's commit
/// and before dispatch loses nothing; a failure in the middle of a batch costs that message one retry, not the others.
/// </summary>
public sealed class ExactlyOnceTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SmtpCatcher _smtp = null!;

    public async ValueTask InitializeAsync() => _smtp = await SmtpCatcher.StartAsync();

    public async ValueTask DisposeAsync() => await _smtp.DisposeAsync();

    private Task<int> PendingAsync(IReadOnlyCollection<Guid> ids) =>
        app.QueryDbAsync(db => db.Outbox.CountAsync(m => ids.Contains(m.Id) && m.State != OutboxState.Sent, Ct));

    [Fact]
    public async Task Two_dispatchers_running_at_once_send_each_of_200_messages_exactly_once()
    {
        var ids = await app.AddPendingAsync(200, i => $"many.{i}@example.test");
        await using var first = app.WithSmtp(_smtp.Port);
        await using var second = app.WithSmtp(_smtp.Port);
        _ = first.Services;
        _ = second.Services;

        var claimed = new int[2];
        for (var round = 0; round < 10 && await PendingAsync(ids) > 0; round++)
        {
            var runs = await Task.WhenAll(Task.Run(() => first.DispatchAsync(10), Ct), Task.Run(() => second.DispatchAsync(10), Ct));
            claimed[0] += runs[0];
            claimed[1] += runs[1];
        }

        Assert.Equal(0, await PendingAsync(ids));
        Assert.Equal(200, claimed.Sum()); // no row was claimed twice
        Assert.All(claimed, c => Assert.True(c > 0, "Both dispatchers must have sent some: " + string.Join("/", claimed)));
        var received = _smtp.Messages().Select(OutboxSteps.OutboxIdOf).Where(ids.Contains).ToList();
        Assert.Equal(200, received.Count);
        Assert.Equal(ids.Order(), received.Order());
        var rows = await app.QueryDbAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(Ct));
        Assert.All(rows, r => Assert.Equal((OutboxState.Sent, 1), (r.State, r.Attempts)));
    }

    [Fact]
    public async Task A_crash_after_the_change_commits_and_before_dispatch_loses_nothing_and_the_next_instance_sends_once()
    {
        var address = $"crash.{Guid.NewGuid():N}@example.test";
        var agent = await app.CreateAgentAsync();
        ComplaintView logged;
        await using (var doomed = app.AnotherInstance())
        {
            logged = await doomed.SendOnAsync<ComplaintView>(agent.Actor, ComplaintSteps.NewComplaint(email: address));
            await doomed.SendOnAsync<ComplaintView>(agent.Actor, new AcknowledgeComplaintCommand { ComplaintId = logged.Id });
        } // the instance is gone before any dispatcher ran
        var row = Assert.Single(await app.OutboxAsync(), m => m.RecipientAddress == address);
        Assert.Equal((OutboxState.Pending, logged.Id, OutboxKind.Acknowledgement), (row.State, row.ComplaintId, row.Kind));

        await using var survivor = app.WithSmtp(_smtp.Port);
        await survivor.DispatchAsync();
        await survivor.DispatchAsync(); // nothing left: a second pass sends nothing again

        var message = Assert.Single(_smtp.MessagesTo(address));
        Assert.Equal(row.Id, OutboxSteps.OutboxIdOf(message));
        Assert.Equal(OutboxState.Sent, (await app.OutboxRowAsync(row.Id)).State);
        // The link, protected by the dead instance, is read by the new one and opens this very case.
        var link = StatusLinkSteps.LinkIn(message.TextBody);
        Assert.NotNull(link);
        using var page = await app.CreateClient().GetAsync(new Uri(link).PathAndQuery, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(logged.Reference, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_failure_mid_batch_delays_that_message_only_and_it_is_sent_once_on_the_retry()
    {
        var ids = await app.AddPendingAsync(5, i => $"midbatch.{i}@example.test");
        var failing = new FailOnce(ids[2]);
        await using var mail = app.WithSmtp(_smtp.Port, services =>
        {
            services.RemoveAll<IMessageChannel>();
            services.AddScoped<EmailChannel>();
            services.AddScoped<IMessageChannel>(provider => new FailingChannel(provider.GetRequiredService<EmailChannel>(), failing));
        });

        Assert.Equal(5, await mail.DispatchAsync());

        var failed = await app.OutboxRowAsync(ids[2]);
        Assert.Equal((OutboxState.Pending, 1), (failed.State, failed.Attempts));
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(1), failed.NextAttemptAt);
        Assert.Contains("the wire was cut", failed.LastError);
        Assert.Equal(4, _smtp.Messages().Count(m => ids.Contains(OutboxSteps.OutboxIdOf(m))));

        Assert.Equal(0, await mail.DispatchAsync()); // not due yet
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await mail.DispatchAsync());

        var received = _smtp.Messages().Select(OutboxSteps.OutboxIdOf).Where(ids.Contains).ToList();
        Assert.Equal(ids.Order(), received.Order());
        Assert.Equal(0, await PendingAsync(ids));
    }

    [Fact]
    public async Task A_dispatcher_killed_before_its_commit_loses_nothing_and_a_resend_keeps_the_message_id()
    {
        var ids = await app.AddPendingAsync(3, i => $"killed.{i}@example.test");
        var killer = new DispatchKiller();
        await using (var dying = app.WithSmtp(_smtp.Port, services => services.AddScoped<ISaveChangesInterceptor>(_ => killer)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => dying.DispatchAsync());
        }
        Assert.True(killer.Killed);
        // The batch's transaction died with its session: every row is still pending, as if never tried.
        var rows = await app.QueryDbAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(Ct));
        Assert.All(rows, r => Assert.Equal((OutboxState.Pending, 0), (r.State, r.Attempts)));
        // The sends happened before the kill: each of the three reached the server once already.
        var beforeResend = _smtp.Messages().Where(m => ids.Contains(OutboxSteps.OutboxIdOf(m))).ToList();
        Assert.Equal(ids.Order(), beforeResend.Select(OutboxSteps.OutboxIdOf).Order());

        await using var survivor = app.WithSmtp(_smtp.Port);
        await survivor.DispatchAsync();
        await survivor.DispatchAsync();

        Assert.Equal(0, await PendingAsync(ids));
        var all = _smtp.Messages().Where(m => ids.Contains(OutboxSteps.OutboxIdOf(m))).ToList();
        // At-least-once: what the dead dispatcher had handed over comes again, with the same Message-Id, so the
        // receiver can drop the copy — and the survivor sends each message exactly once.
        var resent = all.Skip(beforeResend.Count).ToList();
        Assert.Equal(ids.Order(), resent.Select(OutboxSteps.OutboxIdOf).Order());
        Assert.Equal(beforeResend.Select(m => m.MessageId).Order(), resent.Select(m => m.MessageId).Order());
        Assert.All(all.GroupBy(m => m.MessageId), copies => Assert.Equal(2, copies.Count()));
    }

    private sealed class FailOnce(Guid id)
    {
        private int _failed;

        public bool ShouldFail(Guid message) => message == id && Interlocked.Exchange(ref _failed, 1) == 0;
    }

    /// <summary>The real e-mail channel, except that one message fails the first time (a connection cut in the middle of the batch).</summary>
    private sealed class FailingChannel(EmailChannel inner, FailOnce failing) : IMessageChannel
    {
        public OutboxChannel Channel => inner.Channel;

        public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
            failing.ShouldFail(message.Id) ? throw new IOException("the wire was cut") : inner.SendAsync(message, cancellationToken);
    }

    /// <summary>Ends the dispatcher's own database session at its save — after the sends, before the commit — as a crash would.</summary>
    private sealed class DispatchKiller : SaveChangesInterceptor
    {
        public bool Killed { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (!Killed && eventData.Context is ComplaintDeskDbContext db
                && db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Modified && e.Entity.State == OutboxState.Sent))
            {
                Killed = true;
                await db.Database.ExecuteSqlRawAsync("SELECT pg_terminate_backend(pg_backend_pid())", cancellationToken);
            }
            return result;
        }
    }
}
