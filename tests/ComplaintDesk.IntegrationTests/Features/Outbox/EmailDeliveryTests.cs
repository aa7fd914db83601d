using System.Net;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Features.StatusLinks;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using MimeKit;

namespace ComplaintDesk.IntegrationTests.Features.Outbox;

/// <summary>
/// E-mail as it leaves: through SMTP to a real server on loopback (aiosmtpd), or as .eml files in a pickup folder —
/// recipients, subject, language, both bodies and a link that opens; nothing a customer typed becomes a header.
/// </summary>
public sealed class EmailDeliveryTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SmtpCatcher _smtp = null!;

    public async ValueTask InitializeAsync() => _smtp = await SmtpCatcher.StartAsync();

    public async ValueTask DisposeAsync() => await _smtp.DisposeAsync();

    private async Task<(ComplaintView Complaint, string Address)> AcknowledgedForAsync(string name, string subject, string language)
    {
        var agent = await app.CreateAgentAsync();
        var address = $"customer.{Guid.NewGuid():N}@example.test";
        var steps = new ComplaintSteps(app);
        var logged = await steps.LogAsync(agent, ComplaintSteps.NewComplaint(subject) with
        {
            Customer = new CustomerInput { Name = name, Email = address, PreferredLanguage = language },
        });
        var acknowledged = await steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = logged.Id });
        return (acknowledged, address);
    }

    [Fact]
    public async Task An_acknowledgement_goes_through_smtp_to_the_customer_in_their_language_with_a_link_that_opens()
    {
        await using var mail = app.WithSmtp(_smtp.Port);
        var (complaint, address) = await AcknowledgedForAsync("陳大文", "水壺壞了", "zh-Hant");
        var row = Assert.Single(await app.OutboxAsync(), m => m.RecipientAddress == address);
        Assert.Equal(OutboxKind.Acknowledgement, row.Kind);
        Assert.NotNull(row.ProtectedLink);

        await mail.DispatchAsync();

        var message = Assert.Single(_smtp.MessagesTo(address));
        Assert.Equal([address], SmtpCatcher.Recipients(message));
        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal(address, to.Address);
        Assert.Equal("陳大文", to.Name);
        Assert.Empty(message.Cc);
        Assert.Empty(message.Bcc);
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal(("ComplaintDesk Test", "desk@complaintdesk.test"), (from.Name, from.Address));
        Assert.Equal(row.Subject, message.Subject);
        // Written in Chinese, not only labelled so: the subject is the template's words (and the reference), not the customer's.
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message.Subject);
        Assert.DoesNotContain("水壺壞了", message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Your complaint", message.Subject, StringComparison.Ordinal);
        Assert.Equal("zh-Hant", message.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Equal(row.Id, OutboxSteps.OutboxIdOf(message));
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.All(alternative.OfType<TextPart>(), p => Assert.Equal("utf-8", p.ContentType.Charset, ignoreCase: true));
        var link = StatusLinkSteps.LinkIn(message.TextBody);
        Assert.NotNull(link);
        Assert.Contains(link, message.HtmlBody);
        Assert.DoesNotContain(OutboxMessage.LinkPlaceholder, message.TextBody);
        Assert.DoesNotContain(OutboxMessage.LinkPlaceholder, message.HtmlBody);

        using var page = await app.CreateClient().GetAsync(new Uri(link).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(complaint.Reference, await page.Content.ReadAsStringAsync(Ct));

        var sent = await app.OutboxRowAsync(row.Id);
        Assert.Equal(OutboxState.Sent, sent.State);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(app.Clock.GetUtcNow(), sent.SentAt);
        Assert.Null(sent.ProtectedLink); // delivered: the database holds nothing that opens the case
    }

    [Fact]
    public async Task Line_breaks_and_header_text_in_names_and_subjects_inject_no_header_or_recipient()
    {
        await using var mail = app.WithSmtp(_smtp.Port);
        const string Evil = "\r\nBcc: evil@example.com\r\nX-Injected: yes\nCc: evil2@example.com\r\n\r\nbody?";
        var address = $"victim.{Guid.NewGuid():N}@example.test";
        // Straight into the outbox: whatever the intake lets through, the channel must hold the line on its own.
        var ids = await app.AddPendingAsync(1, _ => address, name: "Eve" + Evil, subject: "Broken kettle" + Evil);
        // And the whole way from intake, with the same text in the customer's name and the complaint's subject.
        var fromIntake = await TryIntakeAsync("Mallory" + Evil, "Kettle" + Evil);

        await mail.DispatchAsync();

        var received = _smtp.MessagesTo(address).Concat(fromIntake is null ? [] : _smtp.MessagesTo(fromIntake)).ToList();
        Assert.Equal(fromIntake is null ? 1 : 2, received.Count);
        Assert.All(_smtp.Messages(), m => Assert.DoesNotContain(SmtpCatcher.Recipients(m), r => r.Contains("evil", StringComparison.Ordinal)));
        foreach (var message in received)
        {
            Assert.Single(SmtpCatcher.Recipients(message));
            Assert.Single(message.To.Mailboxes);
            Assert.Empty(message.Cc);
            Assert.Empty(message.Bcc);
            Assert.Null(message.Headers["X-Injected"]);
            Assert.DoesNotContain("\r", message.Subject ?? "");
            Assert.DoesNotContain("\n", message.Subject ?? "");
            var row = await app.OutboxRowAsync(OutboxSteps.OutboxIdOf(message));
            Assert.Equal(EmailChannel.OneLine(row.Subject), message.Subject);
            Assert.Equal(EmailChannel.OneLine(row.RecipientName), message.To.Mailboxes.Single().Name);
            Assert.IsType<MultipartAlternative>(message.Body);
        }
        var direct = Assert.Single(_smtp.MessagesTo(address));
        Assert.Contains("Bcc: evil@example.com X-Injected: yes", direct.Subject); // still there, as harmless words of the subject
        Assert.StartsWith("Eve Bcc: evil@example.com", direct.To.Mailboxes.Single().Name);
        Assert.Equal(OutboxState.Sent, (await app.OutboxRowAsync(ids[0])).State);
    }

    /// <summary>Logs and acknowledges a complaint with these texts; null when intake refuses them (then only the channel's own guard is tested).</summary>
    private async Task<string?> TryIntakeAsync(string name, string subject)
    {
        try
        {
            return (await AcknowledgedForAsync(name, subject, "en")).Address;
        }
        catch (FluentValidation.ValidationException)
        {
            return null;
        }
    }

    [Fact]
    public async Task With_a_pickup_folder_each_message_is_one_readable_eml_file_and_no_temporary_file_is_left()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"complaintdesk-pickup-{Guid.NewGuid():N}");
        try
        {
            await using var files = app.WithWebHostBuilder(b =>
            {
                b.UseSetting("Email:From", OutboxSteps.From);
                b.UseSetting("Email:PickupDirectory", folder);
            });
            var (complaint, address) = await AcknowledgedForAsync("林小美", "屏幕碎了", "zh-Hant");
            var row = Assert.Single(await app.OutboxAsync(), m => m.RecipientAddress == address);

            await files.DispatchAsync();

            var file = Path.Combine(folder, $"{row.Id:N}.eml");
            Assert.True(File.Exists(file), "No .eml file for the message.");
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
            var message = await MimeMessage.LoadAsync(file, Ct);
            Assert.Equal(address, Assert.Single(message.To.Mailboxes).Address);
            Assert.Empty(message.Bcc);
            Assert.Equal("desk@complaintdesk.test", Assert.Single(message.From.Mailboxes).Address);
            Assert.Equal(row.Subject, message.Subject);
            Assert.Equal("zh-Hant", message.Body!.Headers[HeaderId.ContentLanguage]);
            Assert.Equal(row.Id, OutboxSteps.OutboxIdOf(message));
            var link = StatusLinkSteps.LinkIn(message.TextBody);
            Assert.NotNull(link);
            Assert.Contains(link, message.HtmlBody);
            using var page = await app.CreateClient().GetAsync(new Uri(link).PathAndQuery, Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(complaint.Reference, await page.Content.ReadAsStringAsync(Ct));
            Assert.Equal(OutboxState.Sent, (await app.OutboxRowAsync(row.Id)).State);
            Assert.Empty(_smtp.Messages()); // files instead of SMTP, not both
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
