using System.Text;
using System.Text.Json;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.Net.Http.Headers;

namespace ComplaintDesk.Web.Api;

/// <summary>
/// SLA policies and business calendars (administrators): the matrix replaced in one PUT, calendars created and changed
/// (both with If-Match and the ETag from GET, as complaints), holidays added as JSON or imported from an iCalendar file, removed
/// by date. The /Admin/Sla and /Admin/Calendars pages send the same commands.
/// </summary>
public static class SlaAdminEndpoints
{
    /// <summary>The media type of an iCalendar file (RFC 5545).</summary>
    public const string ICalendarMediaType = "text/calendar";

    /// <summary>A JSON list of holidays is small; a body past this is refused before it is read.</summary>
    public const int MaxJsonBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapSlaAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var sla = app.MapGroup("/api/v1/sla")
            .WithTags("SLA administration")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Admin));

        sla.MapGet("/policies", async (ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var matrix = await sender.Send(new GetSlaPoliciesQuery(), ct);
            http.Response.Headers.ETag = IfMatch.ETagFor(matrix.Version);
            return TypedResults.Ok(matrix);
        }).WithName("GetSlaPolicies");

        // The whole matrix: rows with an id change that cell, rows without one are added, cells not sent are deleted.
        // If-Match with the ETag from GET refuses a save from a stale copy (412); without it, as the calendars, no check.
        sla.MapPut("/policies", async Task<Results<Ok<SlaPoliciesView>, ProblemHttpResult>> (
            SaveSlaPoliciesCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            if (!IfMatch.TryRead(http.Request, out var version))
            {
                return IfMatch.Malformed();
            }
            var matrix = await sender.Send(command with { ExpectedVersion = version }, ct);
            http.Response.Headers.ETag = IfMatch.ETagFor(matrix.Version);
            return TypedResults.Ok(matrix);
        }).WithName("SaveSlaPolicies");

        MapCalendars(sla);
        return app;
    }

    private static void MapCalendars(RouteGroupBuilder sla)
    {
        sla.MapGet("/calendars", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListCalendarsQuery(), ct))).WithName("ListCalendars");

        sla.MapPost("/calendars", async (SaveCalendarCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var calendar = await sender.Send(command with { Id = null, ExpectedVersion = null }, ct);
            SetETag(http, calendar);
            return TypedResults.Created($"/api/v1/sla/calendars/{calendar.Id}", calendar);
        }).WithName("CreateCalendar");

        sla.MapGet("/calendars/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var calendar = await sender.Send(new GetCalendarQuery(id), ct);
            SetETag(http, calendar);
            return TypedResults.Ok(calendar);
        }).WithName("GetCalendar");

        sla.MapPut("/calendars/{id:guid}", async Task<Results<Ok<CalendarView>, ProblemHttpResult>> (
            Guid id, SaveCalendarCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            if (!IfMatch.TryRead(http.Request, out var version))
            {
                return IfMatch.Malformed();
            }
            var calendar = await sender.Send(command with { Id = id, ExpectedVersion = version }, ct);
            SetETag(http, calendar);
            return TypedResults.Ok(calendar);
        }).WithName("UpdateCalendar");

        // {"holidays": [{"date": "2027-01-01", "name": "New Year's Day"}]}, or an iCalendar file as the body
        // (Content-Type: text/calendar): its events from a year back to five years ahead become holidays.
        sla.MapPost("/calendars/{id:guid}/holidays", async Task<Results<Ok<HolidaysAdded>, ProblemHttpResult>> (
            Guid id, HttpRequest request, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var (command, refused) = await ReadHolidaysAsync(request, ct);
            if (refused is not null)
            {
                return refused;
            }
            var added = await sender.Send(command! with { CalendarId = id }, ct);
            SetETag(http, added.Calendar);
            return TypedResults.Ok(added);
        })
            // Routing answers 415 to any other body; OpenAPI lists both.
            .WithMetadata(new AcceptsMetadata(["application/json", ICalendarMediaType], typeof(AddHolidaysCommand)))
            .WithName("AddHolidays");

        sla.MapDelete("/calendars/{id:guid}/holidays/{date}", async (Guid id, DateOnly date, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new RemoveHolidayCommand(id, date), ct);
            return TypedResults.NoContent();
        }).WithName("RemoveHoliday");
    }

    private static void SetETag(HttpContext http, CalendarView calendar) =>
        http.Response.Headers.ETag = IfMatch.ETagFor(calendar.Version);

    /// <summary>
    /// The command from a JSON body, or from an iCalendar body read as UTF-8 text. Sizes are checked before a byte is
    /// read when the length is declared, and while reading when it is not: past the limit is a 413 problem.
    /// </summary>
    private static async Task<(AddHolidaysCommand? Command, ProblemHttpResult? Refused)> ReadHolidaysAsync(HttpRequest request, CancellationToken ct)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (string.Equals(mediaType, ICalendarMediaType, StringComparison.OrdinalIgnoreCase))
        {
            var bytes = await ReadBoundedAsync(request, HolidayImport.MaxBytes, ct);
            if (bytes is null)
            {
                return (null, TooLarge(Texts.Format("An iCalendar file may have at most {0} MB.", HolidayImport.MaxBytes / 1_000_000)));
            }
            string text;
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new ValidationException([new ValidationFailure(nameof(AddHolidaysCommand.ICalendar), Texts.Get("The iCalendar file must be UTF-8 text."))]);
            }
            return (new AddHolidaysCommand { ICalendar = text }, null);
        }
        var json = await ReadBoundedAsync(request, MaxJsonBytes, ct);
        if (json is null)
        {
            return (null, TooLarge(Texts.Format("A list of holidays may have at most {0} KB; send several.", MaxJsonBytes / 1024)));
        }
        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()
                .Value.SerializerOptions;
            var command = json.Length == 0 ? null : JsonSerializer.Deserialize<AddHolidaysCommand>(json, options);
            return (command ?? new AddHolidaysCommand(), null);
        }
        catch (JsonException malformed)
        {
            // The same answer as a body the framework binds: a field error naming where the JSON went wrong.
            throw new BadHttpRequestException("The request body is not valid JSON.", StatusCodes.Status400BadRequest, malformed);
        }
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: Texts.Get("The request is too large"), detail: detail);
}
