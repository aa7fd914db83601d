using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ComplaintDesk.IntegrationTests.Features.Outbox;

/// <summary>Steps for the outbox tests: instances that deliver somewhere, a dispatch as the worker runs it, and rows to read.</summary>
public static class OutboxSteps
{
    public const string From = "ComplaintDesk Test <desk@complaintdesk.test>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Delivers everything due at the fake clock's now on this instance, as its background worker would; returns the messages it claimed.</summary>
    public static async Task<int> DispatchAsync(this WebApplicationFactory<Program> instance, int batchSize = OutboxDispatcher.DefaultBatchSize)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(batchSize, Ct);
    }

    /// <summary>Another instance on the same database and clock that sends e-mail to the SMTP server on <paramref name="port"/>.</summary>
    public static WebApplicationFactory<Program> WithSmtp(this ComplaintDeskApp app, int port,
        Action<IServiceCollection>? services = null, params (string Key, string Value)[] settings) =>
        app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Email:From", From);
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:Smtp:Security", "None");
            builder.UseSetting("Email:Smtp:TimeoutSeconds", "10");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            if (services is not null)
            {
                builder.ConfigureServices(services);
            }
        });

    public static Task<List<OutboxMessage>> OutboxAsync(this ComplaintDeskApp app) =>
        app.QueryDbAsync(db => db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(Ct));

    public static Task<OutboxMessage> OutboxRowAsync(this ComplaintDeskApp app, Guid id) =>
        app.QueryDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, Ct));

    /// <summary>Adds pending rows straight to the outbox, as the interceptor would (the recipient and texts as given).</summary>
    public static Task<List<Guid>> AddPendingAsync(this ComplaintDeskApp app, int count, Func<int, string> address,
        string name = "Ann Customer", string subject = "Your complaint", string language = "en", string? protectedLink = null)
    {
        return app.QueryDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, count).Select(i => new OutboxMessage(OutboxKind.StaffMessage, null, address(i), name, language,
                subject, $"Message {i}. Follow it: {OutboxMessage.LinkPlaceholder}", $"<p>Message {i}.</p><p>{OutboxMessage.LinkPlaceholder}</p>",
                protectedLink, app.Clock.GetUtcNow())).ToList();
            db.Outbox.AddRange(rows);
            await db.SaveChangesAsync(Ct);
            return rows.Select(r => r.Id).ToList();
        });
    }

    /// <summary>The outbox id an e-mail came from, by its Message-Id (&lt;{id:N}@complaintdesk&gt;).</summary>
    public static Guid OutboxIdOf(MimeMessage message)
    {
        var messageId = message.MessageId ?? "";
        Assert.EndsWith("@" + EmailChannel.MessageIdDomain, messageId);
        return Guid.ParseExact(messageId[..messageId.IndexOf('@')], "N");
    }
}
