using System.Net;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.BrowserTests.Infrastructure;

/// <summary>
/// The real app served by Kestrel on a free loopback port, so a real browser can reach it. It is the integration
/// tests' <see cref="ComplaintDeskApp"/> (same settings, a fresh database cloned from the migrated template) with
/// four changes: Kestrel instead of the in-memory test server, the system clock (a browser drops a cookie that a
/// stopped fake clock would date in the past), static web assets served as in Development, and the evidence folder
/// of <see cref="Database"/>'s own host, so evidence stored through commands can be shown.
/// </summary>
public sealed class BrowserApp(TestDatabaseServer server) : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _web;

    /// <summary>The app's database and services: users are created and rows are checked through it.</summary>
    public ComplaintDeskApp Database { get; } = new(server);

    /// <summary>The address the browser uses, e.g. http://127.0.0.1:40123.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _web?.Services ?? throw new InvalidOperationException("The app has not been started.");

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();

        // The Kestrel host and the database's own host (through which tests send commands) share one evidence folder:
        // otherwise a file stored by a command lives in the other host's throwaway folder and the page answers 500.
        var evidence = Database.Services.GetRequiredService<EvidenceFolder>().Root;
        _web = Database.WithWebHostBuilder(builder =>
        {
            builder.UseStaticWebAssets();
            builder.UseSetting(EvidenceSetup.DirectoryKey, evidence);
            builder.ConfigureTestServices(services => services.AddSingleton(TimeProvider.System));
        });
        // Port 0: the OS picks a free one. (UseKestrel(0) is not enough on a factory made by WithWebHostBuilder: the
        // port is applied by the parent's CreateHost, which knows nothing of it, and Kestrel falls back to port 5000.)
        _web.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _web.StartServer();

        var addresses = _web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Kestrel listens on no http address ({string.Join(", ", addresses)}).");
        BaseAddress = new Uri(address);
        TestContext.Current.SendDiagnosticMessage($"ComplaintDesk is served at {BaseAddress}");
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing the ComplaintDeskApp disposes the factories derived from it (the Kestrel host) and drops the database.
        await Database.DisposeAsync();
    }
}
