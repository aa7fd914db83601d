using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages;

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
        if (code == StatusCodes.Status404NotFound)
        {
            Title = "Not found";
            Message = "There is nothing here, or it is not yours to see.";
            TraceId = null;
        }
        else if (code is >= 400 and < 500)
        {
            Title = "That did not work";
            Message = "The request could not be handled.";
        }
    }
}
