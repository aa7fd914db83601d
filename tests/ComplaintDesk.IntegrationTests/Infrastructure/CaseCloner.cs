using Npgsql;

namespace ComplaintDesk.IntegrationTests.Infrastructure;

/// <summary>
/// Load for the SLA sweeper: copies of a real case, made in bulk SQL. The prototype is made the ordinary way (through
/// the command layer or the domain, so the clock keeper started its clocks); each copy gets its own customer, id and
/// reference and an exact replica of the prototype's row, timeline and clocks — every other column is copied as it is,
/// so the copies stay valid for the domain whatever columns the tables grow. Nothing here knows xunit: the benchmark
/// (tools/SlaSweepBenchmark) compiles this same file.
/// </summary>
public static class CaseCloner
{
    /// <summary>
    /// Makes <paramref name="copies"/> copies of the case <paramref name="prototypeId"/> in one transaction and returns
    /// their ids. Each copy's customer is a copy of the prototype's customer with a distinct e-mail address.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> CloneAsync(string connectionString, Guid prototypeId, int copies,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(copies);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var customers = await ColumnsAsync(connection, "Customers", cancellationToken);
        var complaints = await ColumnsAsync(connection, "Complaints", cancellationToken);
        var events = await ColumnsAsync(connection, "TimelineEvents", cancellationToken);
        var clocks = await ColumnsAsync(connection, "SlaClocks", cancellationToken);

        // One row per copy: its number, its case id and its customer's id. Ordered by number, so ids, references and
        // identity values come out in the same order.
        var sql = $"""
            CREATE TEMP TABLE clone_map ON COMMIT DROP AS
                SELECT g AS n, gen_random_uuid() AS complaint_id, gen_random_uuid() AS customer_id
                FROM generate_series(1, {copies}) g;

            INSERT INTO "Customers" ({List(customers)})
            SELECT {List(customers, "p", new()
            {
                ["Id"] = "m.customer_id",
                ["Email"] = "CASE WHEN p.\"Email\" IS NULL THEN NULL ELSE 'c' || replace(m.customer_id::text, '-', '') || '.' || p.\"Email\" END",
                ["NormalisedEmail"] = "CASE WHEN p.\"NormalisedEmail\" IS NULL THEN NULL ELSE 'c' || replace(m.customer_id::text, '-', '') || '.' || p.\"NormalisedEmail\" END",
            })}
            FROM clone_map m CROSS JOIN "Customers" p
            WHERE p."Id" = (SELECT "CustomerId" FROM "Complaints" WHERE "Id" = @prototype)
            ORDER BY m.n;

            INSERT INTO "Complaints" ({List(complaints)})
            SELECT {List(complaints, "p", new()
            {
                ["Id"] = "m.complaint_id",
                ["CustomerId"] = "m.customer_id",
                // The app's own reference format and sequence (CD-YYYY-NNNNNN), the prototype's year.
                ["Reference"] = "substring(p.\"Reference\" from '^[A-Z]+-[0-9]{4}-') || lpad(m.v::text, greatest(6, length(m.v::text)), '0')",
            })}
            FROM (SELECT c.*, nextval('complaint_reference_seq') AS v FROM clone_map c ORDER BY c.n) m
                CROSS JOIN "Complaints" p
            WHERE p."Id" = @prototype
            ORDER BY m.n;

            INSERT INTO "TimelineEvents" ({List(events)})
            SELECT {List(events, "e", new() { ["ComplaintId"] = "m.complaint_id" })}
            FROM clone_map m CROSS JOIN "TimelineEvents" e
            WHERE e."ComplaintId" = @prototype
            ORDER BY m.n, e."Id";

            INSERT INTO "SlaClocks" ({List(clocks)})
            SELECT {List(clocks, "c", new() { ["ComplaintId"] = "m.complaint_id" })}
            FROM clone_map m CROSS JOIN "SlaClocks" c
            WHERE c."ComplaintId" = @prototype
            ORDER BY m.n, c."Id";
            """;
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            command.Parameters.AddWithValue("prototype", prototypeId);
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var ids = new List<Guid>(copies);
        await using (var command = new NpgsqlCommand("SELECT complaint_id FROM clone_map ORDER BY n", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }
        await transaction.CommitAsync(cancellationToken);

        // Fresh statistics, as autovacuum would gather them: the sweeper's plans must see the real table sizes.
        await using (var analyze = new NpgsqlCommand("""ANALYZE "Customers", "Complaints", "TimelineEvents", "SlaClocks" """, connection))
        {
            analyze.CommandTimeout = 600;
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
        return ids;
    }

    /// <summary>The columns a copy writes: all but identity and generated ones, in table order.</summary>
    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table AND is_identity = 'NO' AND is_generated = 'NEVER'
            ORDER BY ordinal_position
            """, connection);
        command.Parameters.AddWithValue("table", table);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }
        if (columns.Count == 0)
        {
            throw new InvalidOperationException($"Table \"{table}\" has no columns here: is the database migrated?");
        }
        return columns;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string List(List<string> columns) => string.Join(", ", columns.Select(Quote));

    private static string List(List<string> columns, string alias, Dictionary<string, string> overrides) =>
        string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var expression) ? expression : $"{alias}.{Quote(c)}"));
}
