using System.Text;
using System.Text.RegularExpressions;
using ComplaintDesk.Domain.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace ComplaintDesk.Application.Features.Outbox;

public enum SmtpSecurity
{
    /// <summary>Plain text (a mail catcher on the same machine or network).</summary>
    None,
    /// <summary>STARTTLS is required (usually port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
    /// <summary>MailKit decides: TLS on 465, STARTTLS when the server offers it.</summary>
    Auto,
}

/// <summary>An SMTP server: <c>Email:Smtp:Host</c>, <c>Port</c>, <c>Security</c>, <c>UserName</c>, <c>Password</c>, <c>Timeout</c>.</summary>
public sealed record SmtpSettings(string Host, int Port, SmtpSecurity Security, string? UserName, string? Password, TimeSpan Timeout)
{
    /// <summary>Keeps the password out of any log or exception that prints the settings.</summary>
    public override string ToString() => $"{Host}:{Port} ({Security}{(UserName is null ? "" : ", with credentials")})";
}

/// <summary>
/// Where e-mail goes: written as <c>{id}.eml</c> files to <see cref="PickupDirectory"/> when it is set (the embedded
/// default, so a newcomer can open what would have been sent), else to the SMTP server.
/// </summary>
public sealed record EmailSettings(MailboxAddress From, string? PickupDirectory, SmtpSettings? Smtp)
{
    public const string DefaultFrom = "ComplaintDesk <complaints@complaintdesk.local>";
}

/// <summary>
/// The e-mail channel (MailKit). Each message is one MIME message: From as configured, To the recipient, the subject,
/// text and HTML alternatives in UTF-8, <c>Content-Language</c>, and a Message-Id made from the outbox id (the same on
/// every attempt). Names and subjects lose their line breaks before MimeKit encodes them, so nothing a customer typed
/// becomes a header. Scoped: one SMTP connection serves a dispatcher's batches and closes with the scope.
/// </summary>
public sealed partial class EmailChannel(EmailSettings settings, TimeProvider clock) : IMessageChannel, IAsyncDisposable
{
    public const string MessageIdDomain = "complaintdesk";

    private SmtpClient? _smtp;

    public OutboxChannel Channel => OutboxChannel.Email;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var mime = Build(message, settings.From, clock.GetUtcNow());
        if (settings.PickupDirectory is { Length: > 0 } folder)
        {
            await WriteToPickupAsync(mime, message.Id, folder, cancellationToken);
            return;
        }
        var smtp = settings.Smtp ?? throw new MessageChannelException(
            "E-mail delivery is not configured: set Email:Smtp:Host (an SMTP server) or Email:PickupDirectory (a folder).");
        try
        {
            var client = await ConnectedAsync(smtp, cancellationToken);
            await client.SendAsync(mime, cancellationToken);
        }
        catch
        {
            // The connection may be half way through a command: start the next message on a fresh one.
            await CloseAsync();
            throw;
        }
    }

    /// <summary>The MIME message for <paramref name="message"/>; public so the tests and a preview can see exactly what is sent.</summary>
    public static MimeMessage Build(OutgoingMessage message, MailboxAddress from, DateTimeOffset date)
    {
        if (!IsPlainAddress(message.RecipientAddress))
        {
            throw new MessageChannelException("The recipient's e-mail address is not a valid address.");
        }
        var mime = new MimeMessage
        {
            Subject = OneLine(message.Subject),
            Date = date,
            MessageId = $"{message.Id:N}@{MessageIdDomain}",
        };
        mime.From.Add(from);
        mime.To.Add(new MailboxAddress(Encoding.UTF8, OneLine(message.RecipientName), message.RecipientAddress.Trim()));
        mime.Body = new MultipartAlternative
        {
            Part(TextFormat.Plain, message.TextBody),
            Part(TextFormat.Html, message.HtmlBody),
        };
        if (LanguageTag().IsMatch(message.Language))
        {
            // A Content-* header belongs to the body entity (MimeKit reads it back there), here the top-level one.
            mime.Body.Headers.Add(HeaderId.ContentLanguage, message.Language);
        }
        return mime;
    }

    private static TextPart Part(TextFormat format, string text)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    /// <summary>Each run of line breaks and other control characters becomes one space: a header value stays one header.</summary>
    public static string OneLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        var inBreak = false;
        foreach (var c in value)
        {
            var isBreak = char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085';
            if (!isBreak)
            {
                builder.Append(c);
            }
            else if (!inBreak)
            {
                builder.Append(' ');
            }
            inBreak = isBreak;
        }
        return builder.ToString().Trim();
    }

    /// <summary>local@domain with no spaces, control characters or angle brackets: anything else is refused, not "repaired".</summary>
    private static bool IsPlainAddress(string address)
    {
        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        return at > 0 && at < trimmed.Length - 1 && !trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';' or '"')
            && MailboxAddress.TryParse(trimmed, out var parsed) && parsed.Address == trimmed;
    }

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    /// <summary>Written beside the target under a temporary name, then moved: a reader never sees half a file, and a second delivery replaces the first.</summary>
    private static async Task WriteToPickupAsync(MimeMessage mime, Guid id, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"{id:N}.eml");
        var temporary = Path.Combine(folder, $".{id:N}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await mime.WriteToAsync(FormatOptions.Default, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // nothing there after the move; a failed write leaves no litter
        }
    }

    private async Task<SmtpClient> ConnectedAsync(SmtpSettings smtp, CancellationToken cancellationToken)
    {
        if (_smtp is { IsConnected: true } open)
        {
            return open;
        }
        await CloseAsync();
        var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        _smtp = client;
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        return client;
    }

    private async Task CloseAsync()
    {
        if (_smtp is not { } client)
        {
            return;
        }
        _smtp = null;
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true);
            }
        }
        catch (Exception)
        {
            // Closing a broken connection: nothing to save.
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync();
}
