using System.Net;
using System.Security.Cryptography;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ComplaintDesk.Application.Features.Outbox;

/// <summary>How often a message is tried before it is a dead letter, and how long the dispatcher waits between tries.</summary>
public sealed record OutboxSettings(int MaxAttempts, TimeSpan FirstDelay, TimeSpan LongestDelay)
{
    public static OutboxSettings Default { get; } = new(8, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
}

/// <summary>
/// Delivers the outbox, safely with any number of instances. A batch is one transaction: it claims due pending rows
/// with <c>FOR UPDATE SKIP LOCKED</c> (another dispatcher skips them), sends each through its channel, records sent or
/// failed (back-off, dead letter after <see cref="OutboxSettings.MaxAttempts"/>) and commits. The locks are held while
/// sending, so two dispatchers never send one message; a dispatcher that dies before its commit leaves its rows
/// pending and they are sent again (at-least-once — the e-mail's Message-Id is stable, so a receiver can drop the copy).
/// Logs say which message (id, kind) and what became of it, never the address, the bodies or the link.
/// </summary>
public sealed class OutboxDispatcher(ComplaintDeskDbContext db, IEnumerable<IMessageChannel> channels, IDataProtectionProvider protection,
    OutboxSettings settings, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public const int DefaultBatchSize = 20;

    /// <summary>Said where the link would go when a message has none (links revoked, or the key to read it is gone).</summary>
    public const string NoLinkSentence = "Ask us for a new link to follow your complaint.";

    private readonly IDataProtector _protector = protection.CreateProtector(OutboxInterceptor.LinkPurpose);

    /// <summary>Dispatches until nothing is due; returns how many messages it claimed.</summary>
    public async Task<int> DispatchAsync(int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var claimed = await DispatchBatchAsync(batchSize, cancellationToken);
            total += claimed;
            if (claimed < batchSize)
            {
                return total;
            }
        }
    }

    /// <summary>One batch in one transaction; returns how many messages it claimed (sent or failed).</summary>
    public async Task<int> DispatchBatchAsync(int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.SqlQuery<Guid>($"""
            SELECT "Id" AS "Value"
            FROM "Outbox"
            WHERE "State" = 'Pending' AND "NextAttemptAt" <= {now}
            ORDER BY "NextAttemptAt"
            LIMIT {batchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }
        var messages = await db.Outbox.Where(m => claimed.Contains(m.Id)).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        int sent = 0, failed = 0, dead = 0;
        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (await DeliverAsync(message, cancellationToken))
            {
                case OutboxState.Sent: sent++; break;
                case OutboxState.Dead: dead++; break;
                default: failed++; break;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Outbox batch claimed {Messages} messages: {Sent} sent, {Failed} to retry, {Dead} dead", messages.Count, sent, failed, dead);
        return messages.Count;
    }

    private async Task<OutboxState> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var channel = channels.FirstOrDefault(c => c.Channel == message.Channel);
        var link = LinkOf(message);
        try
        {
            if (channel is null)
            {
                throw new MessageChannelException($"No channel delivers {message.Channel} messages in this instance.");
            }
            await channel.SendAsync(Place(message, link), cancellationToken);
            message.MarkSent(clock.GetUtcNow());
            logger.LogInformation("Outbox message {OutboxId} ({Kind}) sent by {Channel}", message.Id, message.Kind, message.Channel);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            message.MarkFailed(ErrorText(failure, link), clock.GetUtcNow(), settings.MaxAttempts, settings.FirstDelay, settings.LongestDelay);
            // The exception's type only: its message may quote the address (an SMTP refusal); the row keeps the text.
            logger.LogWarning("Outbox message {OutboxId} ({Kind}) failed, attempt {Attempt}: {Failure}; {Outcome}", message.Id, message.Kind,
                message.Attempts, failure.GetType().Name,
                message.State == OutboxState.Dead ? "dead letter" : $"next attempt at {message.NextAttemptAt:O}");
        }
        return message.State;
    }

    /// <summary>The status link in clear, or null (none, or the key that protected it is gone: the message goes without).</summary>
    private string? LinkOf(OutboxMessage message)
    {
        if (message.ProtectedLink is not { Length: > 0 } protectedLink)
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(protectedLink);
        }
        catch (CryptographicException)
        {
            logger.LogWarning("Outbox message {OutboxId} ({Kind}): its status link cannot be read; sent without it", message.Id, message.Kind);
            return null;
        }
    }

    /// <summary>The row's texts with the link (HTML-encoded in the HTML) where the placeholder is, or a sentence saying to ask for one.</summary>
    public static OutgoingMessage Place(OutboxMessage message, string? link)
    {
        var text = link ?? Texts.Get(NoLinkSentence, Languages.CultureOf(message.Language));
        return new OutgoingMessage(message.Id, message.Kind, message.RecipientAddress, message.RecipientName, message.Language,
            message.Subject.Replace(OutboxMessage.LinkPlaceholder, text, StringComparison.Ordinal),
            message.TextBody.Replace(OutboxMessage.LinkPlaceholder, text, StringComparison.Ordinal),
            message.HtmlBody.Replace(OutboxMessage.LinkPlaceholder, WebUtility.HtmlEncode(text), StringComparison.Ordinal));
    }

    /// <summary>What the row records of a failure: the type and message, never the link (nor its token).</summary>
    private static string ErrorText(Exception failure, string? link)
    {
        var text = failure is MessageChannelException ? failure.Message : $"{failure.GetType().Name}: {failure.Message}";
        if (link is not null)
        {
            text = text.Replace(link, OutboxMessage.LinkPlaceholder, StringComparison.Ordinal);
            var token = link[(link.LastIndexOf('/') + 1)..];
            if (token.Length > 0)
            {
                text = text.Replace(token, "…", StringComparison.Ordinal);
            }
        }
        return text;
    }
}
