using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Web.Api;

namespace ComplaintDesk.Web.Hosting;

/// <summary>Services and endpoints of the Evidence area, kept out of Program.cs.</summary>
public static class EvidenceSetup
{
    public const string DirectoryKey = "Evidence:Directory";

    /// <summary>
    /// Evidence files live under <c>Evidence:Directory</c>, outside the web root. Development defaults to
    /// <c>.local/evidence</c> in the repository (next to the private PostgreSQL cluster); the Testing environment to a
    /// throwaway folder per host, removed with the host; anywhere else it must be set — with several instances,
    /// to a volume they all share, since any instance may be asked for a file another one stored.
    /// </summary>
    public static IServiceCollection AddEvidenceArea(this IServiceCollection services, IConfiguration configuration)
    {
        // Resolved lazily: the test host adds its settings after the builder is made.
        services.AddSingleton(provider =>
            EvidenceFolder.For(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IWebHostEnvironment>()));
        services.AddSingleton(provider => new FileSystemEvidenceStore(provider.GetRequiredService<EvidenceFolder>().Root));
        services.AddSingleton<IEvidenceStore>(provider => provider.GetRequiredService<FileSystemEvidenceStore>());
        return services;
    }

    public static WebApplication UseEvidenceArea(this WebApplication app)
    {
        // Made now, so a missing or misplaced folder stops the start instead of the first upload.
        app.Services.GetRequiredService<FileSystemEvidenceStore>();
        app.MapEvidenceEndpoints();
        return app;
    }
}

/// <summary>
/// Where evidence is stored for this host. A <see cref="Throwaway"/> folder goes with the host's container, so a test
/// host leaves nothing behind even when its start failed.
/// </summary>
public sealed record EvidenceFolder(string Root, bool Throwaway) : IDisposable
{
    public void Dispose()
    {
        if (!Throwaway || !Directory.Exists(Root))
        {
            return;
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a file still open somewhere; the system cleans its temp folder eventually
        }
    }

    public static EvidenceFolder For(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration[EvidenceSetup.DirectoryKey];
        EvidenceFolder folder;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            folder = new(Path.GetFullPath(configured, environment.ContentRootPath), Throwaway: false);
        }
        else if (environment.IsDevelopment())
        {
            folder = new(Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..", ".local", "evidence")), Throwaway: false);
        }
        else if (environment.IsEnvironment("Testing"))
        {
            // A folder per host, so the hosts of a parallel test run never see (or delete) each other's files.
            folder = new(Path.Combine(Path.GetTempPath(), "complaintdesk-evidence", Guid.NewGuid().ToString("N")), Throwaway: true);
        }
        else
        {
            throw new InvalidOperationException(
                "No evidence folder configured: set Evidence__Directory to a folder outside the web root " +
                "(with several instances, a volume they all share).");
        }
        if (environment.WebRootPath is { Length: > 0 } webRoot && IsInside(folder.Root, Path.GetFullPath(webRoot)))
        {
            throw new InvalidOperationException(
                $"Evidence__Directory ({folder.Root}) is inside the web root ({webRoot}); evidence must never be served as static files.");
        }
        return folder;
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
