using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages;

/// <summary>Title and message are resource keys (English text): the view shows them in the reader's language.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The error was logged. Try again, or quote the trace id when you report it.";
    public string? TraceId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        switch (code)
        {
            case StatusCodes.Status404NotFound:
                Title = "Not found";
                Message = "There is nothing here, or it is not yours to see.";
                TraceId = null;
                break;
            case StatusCodes.Status403Forbidden:
                Title = "Access denied";
                Message = "Your role does not allow this. Ask a supervisor if you think it should.";
                TraceId = null;
                break;
            case StatusCodes.Status400BadRequest:
                Title = "That did not work";
                Message = "The request could not be accepted. If you were sending a form, reload the page and try again.";
                break;
            case >= 400 and < 500:
                Title = "That did not work";
                Message = "The request could not be handled.";
                break;
        }
    }
}
