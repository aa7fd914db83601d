using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Web.Api;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MimeKit;

namespace ComplaintDesk.Web.Hosting;

/// <summary>
/// The outbox's delivery (dispatcher, channels) and its administration, kept out of Program.cs. Configuration:
/// <c>Outbox:MaxAttempts</c> (8), <c>Outbox:Dispatcher:*</c> (see <see cref="OutboxDispatcherOptions"/>), and e-mail:
/// <c>Email:From</c> ("Name &lt;address&gt;"), either <c>Email:PickupDirectory</c> (files; relative to the content
/// root) or <c>Email:Smtp:Host</c>, <c>Port</c> (587), <c>Security</c> (None, StartTls, SslOnConnect, Auto),
/// <c>UserName</c>, <c>Password</c>, <c>TimeoutSeconds</c> (30).
/// </summary>
public static class OutboxSetup
{
    public static IServiceCollection AddOutboxArea(this IServiceCollection services, IConfiguration configuration)
    {
        var dispatcher = configuration.GetSection("Outbox:Dispatcher").Get<OutboxDispatcherOptions>() ?? new OutboxDispatcherOptions();
        services.AddSingleton(dispatcher);
        if (dispatcher.Enabled)
        {
            services.AddHostedService<OutboxDispatcherService>();
        }
        // Read when first used: the test host and the embedded cluster set configuration after the builder is made.
        services.AddSingleton(provider =>
        {
            var config = provider.GetRequiredService<IConfiguration>();
            return OutboxSettings.Default with { MaxAttempts = Math.Max(1, config.GetValue("Outbox:MaxAttempts", OutboxSettings.Default.MaxAttempts)) };
        });
        services.AddSingleton(provider => ReadEmailSettings(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IHostEnvironment>()));
        services.AddScoped<IMessageChannel, EmailChannel>();
        services.AddScoped<OutboxDispatcher>();
        // After the notifications interceptor (AddNotificationsArea, called first): the outbox e-mails the notifications it wrote.
        services.AddScoped<ISaveChangesInterceptor, OutboxInterceptor>();
        return services;
    }

    public static WebApplication UseOutboxArea(this WebApplication app)
    {
        app.MapOutboxEndpoints();
        var email = app.Services.GetRequiredService<EmailSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OutboxSetup));
        if (email.PickupDirectory is { } folder)
        {
            logger.LogInformation("E-mail is written to files in {PickupDirectory}, not sent", folder);
        }
        else if (email.Smtp is null)
        {
            logger.LogWarning("E-mail is not configured (Email:Smtp:Host or Email:PickupDirectory): messages stay in the outbox and fail");
        }
        return app;
    }

    /// <summary>The e-mail settings; the password is only ever handed to the SMTP client.</summary>
    public static EmailSettings ReadEmailSettings(IConfiguration config, IHostEnvironment environment)
    {
        var fromText = config["Email:From"] is { Length: > 0 } configured ? configured : EmailSettings.DefaultFrom;
        if (!MailboxAddress.TryParse(fromText, out var from))
        {
            throw new InvalidOperationException("Email:From is not an e-mail address (\"Name <address>\" or \"address\").");
        }
        var pickup = config["Email:PickupDirectory"] is { Length: > 0 } folder
            ? Path.GetFullPath(folder, environment.ContentRootPath)
            : null;
        var smtp = config.GetSection("Email:Smtp");
        var host = smtp["Host"];
        var security = smtp.GetValue("Security", SmtpSecurity.Auto);
        var port = smtp.GetValue("Port", security == SmtpSecurity.SslOnConnect ? 465 : 587);
        return new EmailSettings(from, pickup, string.IsNullOrWhiteSpace(host) ? null : new SmtpSettings(
            host, port, security, smtp["UserName"] is { Length: > 0 } user ? user : null, smtp["Password"],
            TimeSpan.FromSeconds(Math.Max(1, smtp.GetValue("TimeoutSeconds", 30)))));
    }
}
