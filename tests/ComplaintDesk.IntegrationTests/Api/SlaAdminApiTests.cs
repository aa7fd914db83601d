using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Features.Sla;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.Web.Api;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>
/// /api/v1/sla/policies and /api/v1/sla/calendars over real HTTP: every route's answers (200, 201, 204, 400, 401, 403,
/// 404, 409, 412, 413, 415), the matrix as JSON with durations as "hh:mm:ss" / "d.hh:mm:ss", calendars with ETags, and
/// holidays as JSON or as a text/calendar body. The tests of this class share a database: the matrix is put back as
/// seeded before each test, and calendars are each test's own.
/// </summary>
public sealed class SlaAdminApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SlaAdminSteps _steps = new(app);

    /// <summary>As the API writes and reads JSON: camelCase names, enums as camelCase names.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async ValueTask InitializeAsync() => await _steps.ResetMatrixAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<HttpClient> AdminAsync() => await app.ClientForAsync(await app.CreateUserAsync("Api Admin", Roles.Admin));

    private static object NewCalendarBody(string? name = null) => new
    {
        name = name ?? $"Api desk {Guid.NewGuid():N}"[..24],
        timeZoneId = "Europe/London",
        hours = new { monday = "09:00-17:00", tuesday = "09:00-17:00", wednesday = "09:00-17:00", thursday = "09:00-17:00", friday = "09:00-16:00" },
    };

    private static async Task<(Guid Id, string ETag)> CreateCalendarAsync(HttpClient client, string? name = null)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/sla/calendars", NewCalendarBody(name), Ct);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.GetRawText());
        return (body.GetProperty("id").GetGuid(), response.ETag()!);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, HttpContent? content = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request, Ct);
    }

    private static StringContent Calendar(string text) => new(text, Encoding.UTF8, SlaAdminEndpoints.ICalendarMediaType);

    [Fact]
    public async Task The_matrix_reads_as_json_with_durations_enum_names_and_the_calendars()
    {
        var admin = await AdminAsync();

        using var response = await admin.GetAsync("/api/v1/sla/policies", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var matrix = await response.JsonAsync();
        var rows = matrix.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["critical", "high", "medium", "low"], rows.Select(r => r.Str("severity")));
        var critical = rows[0];
        Assert.Equal(("01:00:00", "1.00:00:00", "02:00:00", "7.00:00:00"),
            (critical.Str("acknowledgeWithin"), critical.Str("resolveWithin"), critical.Str("decisionWithin"), critical.Str("offerAnswerWithin")));
        Assert.Equal(("calendar", "taiwanConsumerProtection", 15, "Around the clock"),
            (critical.Str("basis"), critical.Str("regulatory"), critical.GetProperty("regulatoryDeadlineDays").GetInt32(), critical.Str("calendarName")));
        Assert.Equal(JsonValueKind.Null, critical.GetProperty("category").ValueKind);
        Assert.Equal(JsonValueKind.Null, critical.GetProperty("channel").ValueKind);
        Assert.Equal("1.16:00:00", rows[2].Str("resolveWithin")); // 40 business hours
        var calendars = matrix.GetProperty("calendars").EnumerateArray().ToDictionary(c => c.Str("name"), c => c.GetProperty("id").GetGuid());
        Assert.Equal((SlaAdminSteps.AroundTheClock, SlaAdminSteps.OfficeHours), (calendars["Around the clock"], calendars["Office hours"]));
    }

    [Fact]
    public async Task Put_replaces_the_matrix_from_what_get_gave_and_answers_with_the_matrix_as_stored()
    {
        var admin = await AdminAsync();
        using var read = await admin.GetAsync("/api/v1/sla/policies", Ct);
        var body = JsonNode.Parse(await read.Content.ReadAsStringAsync(Ct))!.AsObject();
        var rows = body["rows"]!.AsArray();
        rows[2]!["acknowledgeWithin"] = "02:30:00";
        rows.Add(new JsonObject
        {
            ["severity"] = "high", ["category"] = "billing", ["channel"] = "email", ["vipOnly"] = true,
            ["calendarId"] = SlaAdminSteps.AroundTheClock, ["basis"] = "calendar",
            ["acknowledgeWithin"] = "00:30:00", ["resolveWithin"] = "12:00:00", ["decisionWithin"] = "01:00:00",
            ["regulatory"] = "custom", ["regulatoryDays"] = 60,
        });

        using var saved = await admin.PutAsJsonAsync("/api/v1/sla/policies", body, Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var answer = (await saved.JsonAsync()).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(5, answer.Count);
        Assert.Equal("02:30:00", answer.Single(r => r.GetProperty("id").GetGuid() == SlaAdminSteps.MediumRow).Str("acknowledgeWithin"));
        var added = answer.Single(r => r.GetProperty("category").ValueKind == JsonValueKind.String);
        Assert.Equal(("billing", "email", true, "1.00:00:00", 75, 60), (added.Str("category"), added.Str("channel"), added.GetProperty("vipOnly").GetBoolean(),
            added.Str("followUpAfter"), added.GetProperty("warningPercent").GetInt32(), added.GetProperty("regulatoryDeadlineDays").GetInt32()));
        Assert.Equal(5, await app.QueryDbAsync(db => db.SlaPolicies.CountAsync(Ct)));

        // The same body without the new row deletes it.
        rows.RemoveAt(4);
        using var again = await admin.PutAsJsonAsync("/api/v1/sla/policies", body, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(4, await app.QueryDbAsync(db => db.SlaPolicies.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_matrix_that_breaks_a_rule_or_does_not_read_is_a_400_naming_the_row_and_field()
    {
        var admin = await AdminAsync();
        async Task<HttpResponseMessage> PutAsync(Action<JsonArray> change)
        {
            var rows = new JsonArray([.. SlaAdminSteps.SeededRows.Select(r => JsonSerializer.SerializeToNode(r, Json))]);
            change(rows);
            return await admin.PutAsJsonAsync("/api/v1/sla/policies", new JsonObject { ["rows"] = rows }, Ct);
        }

        using var valid = await PutAsync(_ => { });
        using var zero = await PutAsync(rows => rows[2]!["acknowledgeWithin"] = "00:00:00");
        using var noCatchAll = await PutAsync(rows => rows[3]!["channel"] = "phone");
        using var unknownCalendar = await PutAsync(rows => rows[1]!["calendarId"] = Guid.NewGuid());
        using var warning = await PutAsync(rows => rows[0]!["warningPercent"] = 100);
        using var notADuration = await PutAsync(rows => rows[0]!["resolveWithin"] = "two days");
        using var notASeverity = await PutAsync(rows => rows[1]!["severity"] = "apocalyptic");
        using var noRows = await admin.PutAsJsonAsync("/api/v1/sla/policies", new { }, Ct);

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        await zero.AssertFieldErrorAsync("rows[2].acknowledgeWithin");
        var problem = await noCatchAll.AssertFieldErrorAsync("rows");
        Assert.Contains("Low", problem.GetProperty("errors").GetProperty("rows")[0].GetString());
        await unknownCalendar.AssertFieldErrorAsync("rows[1].calendarId");
        await warning.AssertFieldErrorAsync("rows[0].warningPercent");
        await notADuration.AssertFieldErrorAsync("rows[0].resolveWithin");
        await notASeverity.AssertFieldErrorAsync("rows[1].severity");
        await noRows.AssertFieldErrorAsync("rows");
        Assert.Equal(4, await app.QueryDbAsync(db => db.SlaPolicies.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_matrix_carries_an_etag_and_a_put_with_a_stale_or_malformed_one_is_412_and_deletes_nothing()
    {
        var (admin, other) = (await AdminAsync(), await AdminAsync());
        const string url = "/api/v1/sla/policies";
        using var read = await admin.GetAsync(url, Ct);
        var etag = read.ETag()!;
        var body = JsonNode.Parse(await read.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.Equal($"\"{body["version"]!.GetValue<uint>()}\"", etag);

        // The other administrator adds a cell to the same copy, with its ETag.
        var added = body.DeepClone().AsObject();
        added["rows"]!.AsArray().Add(new JsonObject
        {
            ["severity"] = "high", ["category"] = "billing", ["calendarId"] = SlaAdminSteps.OfficeHours,
            ["acknowledgeWithin"] = "02:00:00", ["resolveWithin"] = "16:00:00", ["decisionWithin"] = "02:00:00",
        });
        using var first = await SendAsync(other, HttpMethod.Put, url, JsonContent.Create(added), etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.ETag());
        Assert.Equal($"\"{(await first.JsonAsync()).GetProperty("version").GetUInt32()}\"", first.ETag());
        using var reread = await admin.GetAsync(url, Ct);
        Assert.Equal(first.ETag(), reread.ETag());

        // The first administrator's copy has no such cell: saved, it would delete it.
        body["rows"]![2]!["acknowledgeWithin"] = "02:30:00";
        using var stale = await SendAsync(admin, HttpMethod.Put, url, JsonContent.Create(body), etag);
        using var malformed = await SendAsync(admin, HttpMethod.Put, url, JsonContent.Create(body), "W/\"1\"");

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        await malformed.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        var stored = await _steps.StoredPoliciesAsync();
        Assert.Equal(5, stored.Count);
        Assert.Equal(TimeSpan.FromHours(2), stored.Single(p => p.CategoryCode == "billing").AcknowledgeWithin);
        Assert.Equal(TimeSpan.FromHours(8), stored.Single(p => p.Id == SlaAdminSteps.MediumRow).AcknowledgeWithin);

        // From the matrix as it is now, with its ETag, the same change saves.
        var current = JsonNode.Parse(await reread.Content.ReadAsStringAsync(Ct))!.AsObject();
        current["rows"]!.AsArray().Single(r => r!["id"]!.GetValue<Guid>() == SlaAdminSteps.MediumRow)!["acknowledgeWithin"] = "02:30:00";
        using var saved = await SendAsync(admin, HttpMethod.Put, url, JsonContent.Create(current), reread.ETag());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await _steps.StoredPoliciesAsync();
        Assert.Equal((5, TimeSpan.FromMinutes(150)), (after.Count, after.Single(p => p.Id == SlaAdminSteps.MediumRow).AcknowledgeWithin));
    }

    [Fact]
    public async Task A_calendar_is_created_with_201_read_with_its_etag_and_listed()
    {
        var admin = await AdminAsync();

        using var created = await admin.PostAsJsonAsync("/api/v1/sla/calendars", NewCalendarBody("Api London"), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var calendar = await created.JsonAsync();
        var id = calendar.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/sla/calendars/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("Api London", "Europe/London", "09:00–16:00", ""),
            (calendar.Str("name"), calendar.Str("timeZoneId"), calendar.GetProperty("hours").Str("friday"), calendar.GetProperty("hours").Str("sunday")));
        Assert.Equal(0, calendar.GetProperty("holidays").GetArrayLength());
        Assert.Equal($"\"{calendar.GetProperty("version").GetUInt32()}\"", created.ETag());

        using var read = await admin.GetAsync($"/api/v1/sla/calendars/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(created.ETag(), read.ETag());

        using var list = await admin.GetAsync("/api/v1/sla/calendars", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listed = (await list.JsonAsync()).EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal((39.0, 0, 0), (listed.GetProperty("hoursPerWeek").GetDouble(), listed.GetProperty("holidays").GetInt32(), listed.GetProperty("policies").GetInt32()));
    }

    [Fact]
    public async Task A_calendar_body_that_breaks_a_rule_is_a_400_per_field()
    {
        var admin = await AdminAsync();

        using var badDay = await admin.PostAsJsonAsync("/api/v1/sla/calendars",
            new { name = "Bad day desk", timeZoneId = "Asia/Taipei", hours = new { monday = "09:00-12:00, 11:00-13:00", tuesday = "nine to five" } }, Ct);
        using var badZone = await admin.PostAsJsonAsync("/api/v1/sla/calendars", new { name = "Bad zone desk", timeZoneId = "Taipei Standard Time", hours = new { monday = "09:00-17:00" } }, Ct);
        using var taken = await admin.PostAsJsonAsync("/api/v1/sla/calendars", new { name = "office HOURS", timeZoneId = "Asia/Taipei", hours = new { monday = "09:00-17:00" } }, Ct);
        using var closed = await admin.PostAsJsonAsync("/api/v1/sla/calendars", new { name = "Closed desk", timeZoneId = "Asia/Taipei", hours = new { } }, Ct);
        using var empty = await admin.PostAsJsonAsync("/api/v1/sla/calendars", new { }, Ct);

        var problem = await badDay.AssertFieldErrorAsync("hours.monday");
        Assert.True(problem.GetProperty("errors").TryGetProperty("hours.tuesday", out _));
        await badZone.AssertFieldErrorAsync("timeZoneId");
        await taken.AssertFieldErrorAsync("name");
        await closed.AssertFieldErrorAsync("hours");
        var all = await empty.AssertFieldErrorAsync("name");
        Assert.True(all.GetProperty("errors").TryGetProperty("timeZoneId", out _));
        Assert.True(all.GetProperty("errors").TryGetProperty("hours", out _));
    }

    [Fact]
    public async Task Put_with_the_current_etag_changes_the_calendar_and_a_stale_or_malformed_one_is_412()
    {
        var admin = await AdminAsync();
        var (id, etag) = await CreateCalendarAsync(admin);
        var url = $"/api/v1/sla/calendars/{id}";

        using var changed = await SendAsync(admin, HttpMethod.Put, url, JsonContent.Create(NewCalendarBody("Api renamed")), etag);
        using var stale = await SendAsync(admin, HttpMethod.Put, url, JsonContent.Create(NewCalendarBody("Api stale")), etag);
        using var malformed = await SendAsync(admin, HttpMethod.Put, url, JsonContent.Create(NewCalendarBody("Api malformed")), "W/\"1\"");
        using var unconditional = await SendAsync(admin, HttpMethod.Put, url, JsonContent.Create(NewCalendarBody("Api unconditional")));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.ETag());
        Assert.Equal("Api renamed", (await changed.JsonAsync()).Str("name"));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        await malformed.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        Assert.Equal(HttpStatusCode.OK, unconditional.StatusCode);
        Assert.Equal("Api unconditional", (await _steps.StoredCalendarAsync(id)).Name);
    }

    [Fact]
    public async Task A_put_that_loses_a_race_without_if_match_is_409_and_changes_nothing()
    {
        var admin = await AdminAsync();
        var (id, _) = await CreateCalendarAsync(admin);
        await using var other = new NpgsqlConnection(app.ConnectionString);
        await other.OpenAsync(Ct);
        await using var transaction = await other.BeginTransactionAsync(Ct);
        await using (var hold = new NpgsqlCommand("SELECT 1 FROM \"BusinessCalendars\" WHERE \"Id\" = @id FOR UPDATE", other, transaction))
        {
            hold.Parameters.AddWithValue("id", id);
            await hold.ExecuteScalarAsync(Ct);
        }

        // The API reads the calendar, then waits for the row; meanwhile the other session changes it and commits.
        var racing = SendAsync(admin, HttpMethod.Put, $"/api/v1/sla/calendars/{id}", JsonContent.Create(NewCalendarBody("Api racer")));
        await app.UntilASessionWaitsOnALockAsync(TimeSpan.FromSeconds(30));
        await using (var change = new NpgsqlCommand("UPDATE \"BusinessCalendars\" SET \"Name\" = 'Api winner' WHERE \"Id\" = @id", other, transaction))
        {
            change.Parameters.AddWithValue("id", id);
            await change.ExecuteNonQueryAsync(Ct);
        }
        await transaction.CommitAsync(Ct);
        using var lost = await racing;

        await lost.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/concurrent-change");
        Assert.Equal("Api winner", (await _steps.StoredCalendarAsync(id)).Name);
    }

    [Fact]
    public async Task Holidays_are_added_as_json_and_removed_by_date()
    {
        var admin = await AdminAsync();
        var (id, etag) = await CreateCalendarAsync(admin);
        var url = $"/api/v1/sla/calendars/{id}/holidays";

        using var added = await admin.PostAsJsonAsync(url, new
        {
            holidays = new[] { new { date = "2026-12-25", name = "Christmas Day" }, new { date = "2026-12-26", name = "Boxing Day" } },
        }, Ct);
        using var again = await admin.PostAsJsonAsync(url, new { holidays = new[] { new { date = "2026-12-25", name = "Christmas" } } }, Ct);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var answer = await added.JsonAsync();
        Assert.Equal((2, 2), (answer.GetProperty("found").GetInt32(), answer.GetProperty("added").GetInt32()));
        Assert.Equal(["2026-12-25", "2026-12-26"], answer.GetProperty("calendar").GetProperty("holidays").EnumerateArray().Select(h => h.Str("date")));
        Assert.NotEqual(etag, added.ETag());
        Assert.Equal(0, (await again.JsonAsync()).GetProperty("added").GetInt32());

        using var removed = await admin.DeleteAsync($"{url}/2026-12-26", Ct);
        using var removedAgain = await admin.DeleteAsync($"{url}/2026-12-26", Ct);
        using var notADate = await admin.DeleteAsync($"{url}/26.12.2026x", Ct);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await removedAgain.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await notADate.AssertFieldErrorAsync("date");
        Assert.Equal([new DateOnly(2026, 12, 25)], (await _steps.StoredCalendarAsync(id)).Holidays.Select(h => h.Date));
    }

    [Fact]
    public async Task Holidays_in_json_that_break_a_rule_are_a_400_per_field()
    {
        var admin = await AdminAsync();
        var (id, _) = await CreateCalendarAsync(admin);
        var url = $"/api/v1/sla/calendars/{id}/holidays";

        using var badDate = await admin.PostAsync(url, new StringContent("""{"holidays":[{"date":"2026-13-01","name":"Nowhere"}]}""", Encoding.UTF8, "application/json"), Ct);
        using var noName = await admin.PostAsJsonAsync(url, new { holidays = new[] { new { date = "2026-12-25", name = "" } } }, Ct);
        using var none = await admin.PostAsJsonAsync(url, new { holidays = Array.Empty<object>() }, Ct);
        using var notJson = await admin.PostAsync(url, new StringContent("{holidays:", Encoding.UTF8, "application/json"), Ct);

        await badDate.AssertFieldErrorAsync("holidays[0].date");
        await noName.AssertFieldErrorAsync("holidays[0].name");
        await none.AssertFieldErrorAsync("holidays");
        await notJson.AssertProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.Empty((await _steps.StoredCalendarAsync(id)).Holidays);
    }

    [Fact]
    public async Task A_text_calendar_body_imports_its_days_within_the_window()
    {
        var admin = await AdminAsync();
        var (id, _) = await CreateCalendarAsync(admin);
        var ics = SlaAdminSteps.Ics(("2026-12-25", "Christmas Day"), ("2027-01-01", "New Year's Day"), ("2020-01-01", "Long ago"), ("2035-01-01", "Far ahead"));

        using var imported = await admin.PostAsync($"/api/v1/sla/calendars/{id}/holidays", Calendar(ics), Ct);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var answer = await imported.JsonAsync();
        Assert.Equal((2, 2), (answer.GetProperty("found").GetInt32(), answer.GetProperty("added").GetInt32()));
        Assert.Equal(
            [(new DateOnly(2026, 12, 25), "Christmas Day"), (new DateOnly(2027, 1, 1), "New Year's Day")],
            (await _steps.StoredCalendarAsync(id)).Holidays.Select(h => (h.Date, h.Name)));
        using var read = await admin.GetAsync($"/api/v1/sla/calendars/{id}", Ct);
        Assert.Equal(read.ETag(), imported.ETag());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_text_calendar_body_over_the_limit_is_413_and_adds_nothing(bool withContentLength)
    {
        var admin = await AdminAsync();
        var (id, _) = await CreateCalendarAsync(admin);
        var bytes = Encoding.UTF8.GetBytes(SlaAdminSteps.Ics(("2027-01-01", new string('x', HolidayImport.MaxBytes))));
        HttpContent content = withContentLength ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue(SlaAdminEndpoints.ICalendarMediaType);

        using var response = await admin.PostAsync($"/api/v1/sla/calendars/{id}/holidays", content, Ct);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "/problems/too-large");
        Assert.Empty((await _steps.StoredCalendarAsync(id)).Holidays);
    }

    [Fact]
    public async Task A_text_calendar_body_that_is_not_a_calendar_or_not_utf8_is_400_and_another_media_type_is_415()
    {
        var admin = await AdminAsync();
        var (id, _) = await CreateCalendarAsync(admin);
        var url = $"/api/v1/sla/calendars/{id}/holidays";
        var latin1 = new ByteArrayContent([.. Encoding.ASCII.GetBytes("BEGIN:VCALENDAR\r\nSUMMARY:F"), 0xE9, 0xFF, .. Encoding.ASCII.GetBytes("te\r\nEND:VCALENDAR\r\n")]);
        latin1.Headers.ContentType = new MediaTypeHeaderValue(SlaAdminEndpoints.ICalendarMediaType);

        using var notCalendar = await admin.PostAsync(url, Calendar("Date,Name\n2027-01-01,New Year's Day\n"), Ct);
        using var nothingInRange = await admin.PostAsync(url, Calendar(SlaAdminSteps.Ics(("2001-01-01", "Long ago"))), Ct);
        using var notUtf8 = await admin.PostAsync(url, latin1, Ct);
        using var plainText = await admin.PostAsync(url, new StringContent(SlaAdminSteps.Ics(("2027-01-01", "New Year's Day")), Encoding.UTF8, "text/plain"), Ct);

        await notCalendar.AssertFieldErrorAsync("iCalendar");
        await nothingInRange.AssertFieldErrorAsync("iCalendar");
        await notUtf8.AssertFieldErrorAsync("iCalendar");
        await plainText.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Empty((await _steps.StoredCalendarAsync(id)).Holidays);
    }

    [Fact]
    public async Task A_calendar_that_does_not_exist_is_404_on_every_calendar_route()
    {
        var admin = await AdminAsync();
        var url = $"/api/v1/sla/calendars/{Guid.NewGuid()}";

        using var read = await admin.GetAsync(url, Ct);
        using var put = await admin.PutAsJsonAsync(url, NewCalendarBody(), Ct);
        using var json = await admin.PostAsJsonAsync($"{url}/holidays", new { holidays = new[] { new { date = "2026-12-25", name = "Christmas Day" } } }, Ct);
        using var ics = await admin.PostAsync($"{url}/holidays", Calendar(SlaAdminSteps.Ics(("2026-12-25", "Christmas Day"))), Ct);
        using var delete = await admin.DeleteAsync($"{url}/holidays/2026-12-25", Ct);

        foreach (var response in new[] { read, put, json, ics, delete })
        {
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        }
    }

    /// <summary>Every SLA administration route, with a body that would be valid.</summary>
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/v1/sla/policies" },
        { "PUT", "/api/v1/sla/policies" },
        { "GET", "/api/v1/sla/calendars" },
        { "POST", "/api/v1/sla/calendars" },
        { "GET", $"/api/v1/sla/calendars/{SlaAdminSteps.OfficeHours}" },
        { "PUT", $"/api/v1/sla/calendars/{SlaAdminSteps.OfficeHours}" },
        { "POST", $"/api/v1/sla/calendars/{SlaAdminSteps.OfficeHours}/holidays" },
        { "DELETE", $"/api/v1/sla/calendars/{SlaAdminSteps.OfficeHours}/holidays/2026-12-25" },
    };

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = (method, url) switch
        {
            ("PUT", "/api/v1/sla/policies") => JsonContent.Create(new SaveSlaPoliciesCommand { Rows = SlaAdminSteps.SeededRows }, options: Json),
            ("POST", _) when url.EndsWith("/holidays", StringComparison.Ordinal) => JsonContent.Create(new { holidays = new[] { new { date = "2026-12-25", name = "Sneaky" } } }),
            ("POST" or "PUT", _) => JsonContent.Create(new { name = "Sneaky", timeZoneId = "UTC", hours = new { monday = "00:00-24:00" } }),
            _ => null,
        },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Agents_and_supervisors_get_403_and_nothing_changes(string method, string url)
    {
        foreach (var user in new[] { await app.CreateAgentAsync(), await app.CreateSupervisorAsync() })
        {
            var client = await app.ClientForAsync(user);
            using var response = await client.SendAsync(Request(method, url), Ct);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        }
        Assert.False(await app.QueryDbAsync(db => db.BusinessCalendars.AnyAsync(c => c.Name == "Sneaky", Ct)));
        var office = await _steps.StoredCalendarAsync(SlaAdminSteps.OfficeHours);
        Assert.Equal(("Office hours", 0), (office.Name, office.Holidays.Count));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Without_a_token_the_answer_is_401(string method, string url)
    {
        using var response = await app.AnonymousClient().SendAsync(Request(method, url), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
    }

    [Fact]
    public async Task The_openapi_document_lists_every_route_and_both_holiday_media_types()
    {
        using var response = await app.AnonymousClient().GetAsync("/openapi/v1.json", Ct);

        var paths = (await response.JsonAsync()).GetProperty("paths");
        foreach (var (path, method) in new[]
        {
            ("/api/v1/sla/policies", "get"), ("/api/v1/sla/policies", "put"), ("/api/v1/sla/calendars", "get"), ("/api/v1/sla/calendars", "post"),
            ("/api/v1/sla/calendars/{id}", "get"), ("/api/v1/sla/calendars/{id}", "put"), ("/api/v1/sla/calendars/{id}/holidays", "post"),
            ("/api/v1/sla/calendars/{id}/holidays/{date}", "delete"),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method} {path} is not in the OpenAPI document.");
        }
        var content = paths.GetProperty("/api/v1/sla/calendars/{id}/holidays").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
        Assert.True(content.TryGetProperty("text/calendar", out _));
    }

    /// <summary>A body sent without Content-Length (chunked), as a client streaming a file would.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
