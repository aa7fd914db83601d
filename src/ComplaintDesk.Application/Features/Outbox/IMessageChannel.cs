using ComplaintDesk.Domain.Notifications;

namespace ComplaintDesk.Application.Features.Outbox;

/// <summary>
/// An outbox row ready to leave: the link already in place of <see cref="OutboxMessage.LinkPlaceholder"/>. Lives only
/// in memory while it is sent; it is never logged (address, bodies and link are the customer's).
/// </summary>
public sealed record OutgoingMessage(
    Guid Id, OutboxKind Kind, string RecipientAddress, string RecipientName, string Language, string Subject, string TextBody, string HtmlBody);

/// <summary>
/// One way messages travel (e-mail first; SMS can be another). <see cref="SendAsync"/> returns when the message was
/// handed over (SMTP accepted it, the file is written) and throws when it was not; the dispatcher records either.
/// A message may be handed over again after a crash (at-least-once): a channel keeps what identifies it stable
/// (the e-mail's Message-Id comes from <see cref="OutgoingMessage.Id"/>) so a receiver can drop the copy.
/// </summary>
public interface IMessageChannel
{
    OutboxChannel Channel { get; }

    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>A failure the channel can describe without the message's content: its text goes to the outbox row as it is.</summary>
public sealed class MessageChannelException(string message, Exception? inner = null) : Exception(message, inner);
