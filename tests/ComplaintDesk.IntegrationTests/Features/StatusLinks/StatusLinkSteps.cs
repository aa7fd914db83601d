using System.Net.Http.Headers;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplaintDesk.IntegrationTests.Features.StatusLinks;

/// <summary>
/// Steps of the status-link tests (slices, the page, the capability-URL rules): links issued through the app, cases
/// brought on, raw requests, database-wide scans.
/// </summary>
public sealed partial class StatusLinkSteps(ComplaintDeskApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ComplaintSteps Complaints { get; } = new(app);

    /// <summary>
    /// Logged (with an e-mail address) and acknowledged by <paramref name="agent"/>: the acknowledgement's answer carries
    /// the link. Resolving when <paramref name="resolving"/>.
    /// </summary>
    public async Task<LinkedCase> AcknowledgedAsync(TestUser agent, string language = "en", string name = "Ann Customer", bool resolving = false,
        Severity severity = Severity.High, string subject = "Kettle stopped working")
    {
        var logged = await Complaints.LogAsync(agent, ComplaintSteps.NewComplaint(subject, name: name) with
        {
            Severity = severity,
            Customer = new CustomerInput { Name = name, Email = $"c.{Guid.NewGuid():N}@example.test", PreferredLanguage = language },
        });
        var acknowledged = await Complaints.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = logged.Id, Message = "We are on it." });
        Assert.NotNull(acknowledged.StatusLink);
        if (resolving)
        {
            await Complaints.SendAsync(agent, new StartResolvingCommand { ComplaintId = logged.Id });
        }
        return new LinkedCase(acknowledged, acknowledged.StatusLink);
    }

    /// <summary>Brought on from acknowledged to follow-up (resolved, then the follow-up question sent).</summary>
    public async Task<LinkedCase> InFollowUpAsync(TestUser agent, string language = "en")
    {
        var linked = await AcknowledgedAsync(agent, language, resolving: true);
        await ToFollowUpAsync(agent, linked.Id);
        return linked;
    }

    public async Task ToFollowUpAsync(TestUser agent, Guid id)
    {
        await Complaints.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = id, Summary = "Replacement sent.", Outcome = ResolutionOutcome.Upheld });
        await Complaints.SendAsync(agent, new StartFollowUpCommand { ComplaintId = id });
    }

    public Task<StatusPageView> PageAsync(string token) => app.SendAsync<StatusPageView>(Actor.System, new GetStatusPageQuery(token));

    /// <summary>The status links the outbox holds for the customer's messages, decrypted as the dispatcher would.</summary>
    public async Task<List<string>> OutboxLinksAsync(Guid? complaintId = null)
    {
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(OutboxInterceptor.LinkPurpose);
        var protectedLinks = await app.QueryDbAsync(db => db.Outbox.AsNoTracking()
            .Where(m => m.ProtectedLink != null && (complaintId == null || m.ComplaintId == complaintId))
            .OrderBy(m => m.Id).Select(m => m.ProtectedLink!).ToListAsync(Ct));
        return protectedLinks.Select(protector.Unprotect).ToList();
    }

    /// <summary>A request exactly as given (no client-side normalisation of <c>../</c>), through the test server.</summary>
    public static async Task<HttpContext> RawAsync(WebApplicationFactory<Program> host, string method, string path, string? remoteAddress = null)
    {
        return await host.Server.SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Path = new PathString(path);
            if (remoteAddress is not null)
            {
                context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remoteAddress);
            }
        }, Ct);
    }

    /// <summary>Runs the requests a few at a time: thousands of them stay quick without flooding the pool.</summary>
    public static async Task<List<T>> InBatchesAsync<TIn, T>(IEnumerable<TIn> inputs, Func<TIn, Task<T>> send, int parallel = 16)
    {
        var results = new List<T>();
        foreach (var chunk in inputs.Chunk(parallel))
        {
            results.AddRange(await Task.WhenAll(chunk.Select(send)));
        }
        return results;
    }

    /// <summary>The user tables of the database (every schema but the system ones).</summary>
    public async Task<List<(string Schema, string Table, List<(string Column, string Type)> Columns)>> TablesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
            ORDER BY c.table_schema, c.table_name, c.ordinal_position
            """, connection);
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }
        return columns.GroupBy(c => (c.Schema, c.Table))
            .Select(g => (g.Key.Schema, g.Key.Table, g.Select(c => (c.Column, c.Type)).ToList())).ToList();
    }

    /// <summary>
    /// Rows of any table whose text contains any of <paramref name="needles"/>: each row as PostgreSQL prints it, plus its
    /// byte columns read as bytes (a token stored as ASCII bytes would show there).
    /// </summary>
    public async Task<List<string>> RowsContainingAsync(IReadOnlyCollection<string> needles)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        var found = new List<string>();
        foreach (var (schema, table, columns) in await TablesAsync(connection))
        {
            var bytes = columns.Where(c => c.Type == "bytea").Select(c => $" || ' ' || coalesce(encode(t.\"{c.Column}\", 'escape'), '')");
            await using var command = new NpgsqlCommand($"""
                SELECT n FROM (SELECT t::text{string.Concat(bytes)} AS row_text FROM "{schema}"."{table}" t) r
                CROSS JOIN unnest(@needles) n WHERE strpos(r.row_text, n) > 0 LIMIT 5
                """, connection);
            command.Parameters.AddWithValue("needles", needles.ToArray());
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                found.Add($"{schema}.{table}: {reader.GetString(0)}");
            }
        }
        return found;
    }

    /// <summary>Every table's row count and a hash of its rows and their row versions (xmin), and every sequence's position.</summary>
    public async Task<Dictionary<string, string>> DatabasePrintAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        var print = new Dictionary<string, string>();
        foreach (var (schema, table, _) in await TablesAsync(connection))
        {
            await using var command = new NpgsqlCommand($"""
                SELECT count(*) || ':' || coalesce(md5(string_agg(t::text || '@' || t.xmin::text, '|' ORDER BY t::text, t.xmin::text)), '')
                FROM "{schema}"."{table}" t
                """, connection);
            print[$"{schema}.{table}"] = (string)(await command.ExecuteScalarAsync(Ct))!;
        }
        await using (var sequences = new NpgsqlCommand("SELECT schemaname || '.' || sequencename, coalesce(last_value, 0) FROM pg_sequences", connection))
        await using (var reader = await sequences.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                print["sequence " + reader.GetString(0)] = reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return print;
    }

    /// <summary>The headers every answer under /s/ must carry, whatever its status.</summary>
    public static void AssertCapabilityHeaders(HttpResponseMessage response, string what)
    {
        string? One(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
                ? string.Join(", ", values) : null;

        Assert.True(One("Referrer-Policy") == "no-referrer", $"{what}: Referrer-Policy is {One("Referrer-Policy") ?? "missing"}");
        var cache = response.Headers.CacheControl;
        Assert.True(cache?.NoStore == true, $"{what}: Cache-Control is {cache?.ToString() ?? "missing"}");
        var robots = One("X-Robots-Tag") ?? "";
        Assert.True(robots.Contains("noindex", StringComparison.Ordinal), $"{what}: X-Robots-Tag is {(robots.Length == 0 ? "missing" : robots)}");
        Assert.True(One("X-Content-Type-Options") == "nosniff", $"{what}: X-Content-Type-Options is {One("X-Content-Type-Options") ?? "missing"}");
        var csp = One("Content-Security-Policy");
        Assert.True(csp is not null, $"{what}: no Content-Security-Policy");
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.True(directives.Contains("frame-ancestors 'none'"), $"{what}: CSP without frame-ancestors 'none': {csp}");
        Assert.True(directives.Any(d => d.StartsWith("default-src ", StringComparison.Ordinal)), $"{what}: CSP without default-src: {csp}");
        // Sources are keywords ('self', 'none'), data: for inline images, or nothing: no origin of anyone else.
        var sources = directives.SelectMany(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)).ToList();
        var foreign = sources.Where(s => !(s.StartsWith('\'') && s.EndsWith('\'')) && s != "data:").ToList();
        Assert.True(foreign.Count == 0, $"{what}: CSP names other origins: {string.Join(" ", foreign)}");
        Assert.DoesNotContain(sources, s => s.Contains("http", StringComparison.OrdinalIgnoreCase) || s == "*");
    }

    public static HttpClient Client(WebApplicationFactory<Program> host, bool cookies = false) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies });

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
