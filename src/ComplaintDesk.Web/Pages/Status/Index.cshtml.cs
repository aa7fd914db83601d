using System.Globalization;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Web.Identity;
using ComplaintDesk.Web.Localization;
using ComplaintDesk.Web.Pages.Complaints;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Status;

/// <summary>
/// The customer's status page: <c>GET /s/{token}</c>, and its three forms posting to <c>/s/{token}/message</c>,
/// <c>/offer</c> and <c>/followup</c>. The token is the capability: every request resolves it first (404 for unknown,
/// malformed or revoked, all alike; 410 when expired), then sends the same commands staff use, for the complaint — and
/// the open offer — the token opens; no id is taken from the form. The page speaks the customer's language unless
/// <c>?lang=</c> (a hidden field on the forms) says otherwise. After a POST: 303 back to the GET.
/// </summary>
[StatusPageCulture]
[RequestSizeLimit(EvidenceModel.MaxRequestBytes)] // as the staff evidence page: a photo a little too big still gets its field error
[RequestFormLimits(MultipartBodyLengthLimit = EvidenceModel.MaxRequestBytes)]
public sealed class IndexModel(ISender sender, IValidator<RecordCustomerMessageCommand> messageRules, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    public const string CultureKey = "ComplaintDesk.StatusCulture";

    [FromRoute(Name = "token")] public string Token { get; set; } = "";

    /// <summary>The language chosen with the switch (query on GET, hidden field on the forms); else the customer's.</summary>
    [BindProperty(Name = "lang", SupportsGet = true)] public string? Lang { get; set; }

    /// <summary>What the last POST did (shown once after the redirect): message, photo, offer, followup.</summary>
    [BindProperty(Name = "sent", SupportsGet = true)] public string? Sent { get; set; }

    public StatusOutcome Outcome { get; private set; } = StatusOutcome.Found;

    public StatusPageView Status { get; private set; } = null!;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The language the page speaks, one of <see cref="Languages.All"/>.</summary>
    public string Language { get; private set; } = Languages.English;

    public string? Message { get; private set; }
    public bool? Satisfied { get; private set; }
    public int? Score { get; private set; }
    public string? Comment { get; private set; }
    public string? DeclineReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        UseLanguage(Lang);
        try
        {
            Status = await sender.Send(new GetStatusPageQuery(Token), cancellationToken);
        }
        catch (NotFoundException)
        {
            return Failed(StatusOutcome.NotFound);
        }
        catch (StatusLinkExpiredException)
        {
            return Failed(StatusOutcome.Gone);
        }
        Shown(Status);
        return Page();
    }

    public async Task<IActionResult> OnPostMessageAsync([FromForm] string? message, IFormFile? photo, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(cancellationToken) is not { } access)
        {
            return Failed(Outcome);
        }
        Message = message;
        var record = new RecordCustomerMessageCommand { ComplaintId = access.ComplaintId, Message = message };
        var hasMessage = !string.IsNullOrWhiteSpace(message);
        if (!hasMessage && photo is null)
        {
            ModelState.AddModelError("message", localizer["Write a message or choose a photo."]);
            return await RedisplayAsync(cancellationToken);
        }
        // Both checked before either is saved: a message too long must not leave the photo stored without it.
        if (hasMessage && await messageRules.ValidateAsync(record, cancellationToken) is { IsValid: false } invalid)
        {
            this.AddErrors(invalid.Errors, _ => "message");
            return await RedisplayAsync(cancellationToken);
        }
        if (photo is not null)
        {
            await using var content = photo.OpenReadStream();
            var upload = new AddEvidenceCommand { ComplaintId = access.ComplaintId, FileName = photo.FileName, Length = photo.Length, Content = content };
            if (await this.TrySendAsync(sender, upload, Answers(_ => "photo"), cancellationToken) is null)
            {
                return await RedisplayAsync(cancellationToken);
            }
        }
        if (hasMessage && await this.TrySendAsync(sender, record, Answers(_ => "message"), cancellationToken) is null)
        {
            return await RedisplayAsync(cancellationToken);
        }
        return SeeOther(hasMessage ? "message" : "photo");
    }

    public async Task<IActionResult> OnPostOfferAsync([FromForm] int? offerVersion, [FromForm] Guid? optionId, [FromForm] bool? declined,
        [FromForm] string? reason, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(cancellationToken) is not { } access)
        {
            return Failed(Outcome);
        }
        DeclineReason = reason;
        if (access.OpenOfferId is not { } offerId)
        {
            // Answered, withdrawn or expired meanwhile: the page shows what stands now.
            ModelState.AddModelError("", localizer["This offer is no longer open."]);
            return await RedisplayAsync(cancellationToken);
        }
        var answer = new AnswerOfferCommand
        {
            OfferId = offerId, OfferVersion = offerVersion, OptionId = declined == true ? null : optionId, Declined = declined, Reason = reason,
        };
        if (await this.TrySendAsync(sender, answer, Answers(FieldOf), cancellationToken) is null)
        {
            return await RedisplayAsync(cancellationToken);
        }
        return SeeOther("offer");
    }

    public async Task<IActionResult> OnPostFollowUpAsync([FromForm] bool? satisfied, [FromForm] int? score, [FromForm] string? comment,
        CancellationToken cancellationToken)
    {
        if (await ResolveAsync(cancellationToken) is not { } access)
        {
            return Failed(Outcome);
        }
        (Satisfied, Score, Comment) = (satisfied, score, comment);
        var answer = new AnswerFollowUpCommand { ComplaintId = access.ComplaintId, Satisfied = satisfied, Score = score, Comment = comment };
        if (await this.TrySendAsync(sender, answer, Answers(FieldOf), cancellationToken) is null)
        {
            return await RedisplayAsync(cancellationToken);
        }
        return SeeOther("followup");
    }

    /// <summary>Resolves the token for a POST and makes the customer the actor of this request; null when it opens nothing.</summary>
    private async Task<StatusLinkAccess?> ResolveAsync(CancellationToken cancellationToken)
    {
        UseLanguage(Lang);
        try
        {
            var access = await sender.Send(new ResolveStatusLinkQuery(Token), cancellationToken);
            UseLanguage(Valid(Lang) ?? access.PreferredLanguage);
            HttpCurrentActor.UseCustomer(HttpContext, Actor.Customer(access.CustomerFirstName));
            return access;
        }
        catch (NotFoundException)
        {
            Outcome = StatusOutcome.NotFound;
        }
        catch (StatusLinkExpiredException)
        {
            Outcome = StatusOutcome.Gone;
        }
        return null;
    }

    /// <summary>
    /// The page again with the errors, nothing saved by the refused command: 400 when a field is wrong (the request
    /// itself was incomplete), 409 when only the top of the form speaks (refused by the case as it stands, or a lost race).
    /// </summary>
    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken)
    {
        var fieldWrong = ModelState.Any(entry => entry.Key.Length > 0 && entry.Value is { Errors.Count: > 0 });
        try
        {
            Status = await sender.Send(new GetStatusPageQuery(Token), cancellationToken);
        }
        catch (NotFoundException)
        {
            return Failed(StatusOutcome.NotFound);
        }
        catch (StatusLinkExpiredException)
        {
            return Failed(StatusOutcome.Gone);
        }
        Shown(Status);
        Response.StatusCode = fieldWrong ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>
    /// How the commands' answers reach the customer's forms: field errors under the form's own names (<paramref name="keyOf"/>);
    /// refusals, a lack of rights and lost races at the top, in the customer's words.
    /// </summary>
    private PageCommandOptions Answers(Func<string, string> keyOf) => new()
    {
        KeyOf = keyOf,
        ShowForbidden = true,
        ConflictMessage = localizer["Something changed in the meantime; here is the current state. Please try again."],
    };

    /// <summary>The form's own field names (lower case), as the view writes them.</summary>
    private static string FieldOf(string property) => property.Length == 0 ? "" : char.ToLowerInvariant(property[0]) + property[1..];

    private IActionResult Failed(StatusOutcome outcome)
    {
        Outcome = outcome;
        Response.StatusCode = outcome == StatusOutcome.Gone ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
        return Page();
    }

    private void Shown(StatusPageView status)
    {
        UseLanguage(Valid(Lang) ?? status.PreferredLanguage);
        Zone = StaffTime.Find(status.TimeZoneId) ?? TimeZoneInfo.Utc;
    }

    /// <summary>PRG: 303 See Other to the page itself, in the language the customer chose, saying what was done.</summary>
    private IActionResult SeeOther(string sent)
    {
        var url = $"/s/{Uri.EscapeDataString(Token)}?lang={Uri.EscapeDataString(Language)}&sent={sent}";
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private static string? Valid(string? language) =>
        Languages.All.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Sets the page's language: a valid <paramref name="language"/>, else the one already chosen for this request (the
    /// workspace's request culture for a link that opens nothing). Kept for the view, which renders after this handler.
    /// </summary>
    private void UseLanguage(string? language)
    {
        var chosen = Valid(language);
        if (chosen is null)
        {
            if (HttpContext.Items.ContainsKey(CultureKey))
            {
                return;
            }
            chosen = Languages.All.FirstOrDefault(l => CultureInfo.CurrentUICulture.Name.StartsWith(l, StringComparison.OrdinalIgnoreCase))
                ?? Languages.English;
        }
        Language = chosen;
        var culture = CultureInfo.GetCultureInfo(chosen);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        HttpContext.Items[CultureKey] = culture;
    }

    public string Time(DateTimeOffset at) => StaffTime.Format(at, Zone);
}

public enum StatusOutcome { Found, NotFound, Gone }

/// <summary>
/// Renders the status page in the language its handler chose. The view runs after the handler returned, outside its
/// async flow, so the culture the handler set would be lost; a result filter sets it around the rendering.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StatusPageCultureAttribute : Attribute, IAsyncResultFilter
{
    public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.HttpContext.Items[IndexModel.CultureKey] is CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }
        return next();
    }
}
