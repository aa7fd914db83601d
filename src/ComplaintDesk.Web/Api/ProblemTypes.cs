namespace ComplaintDesk.Web.Api;

/// <summary>Stable problem <c>type</c> values: clients switch on these, never on the wording.</summary>
public static class ProblemTypes
{
    public static string ForRule(string rule) => $"/problems/{rule}";

    public static readonly string Validation = ForRule("validation");
    public static readonly string NotFound = ForRule("not-found");
    public static readonly string Forbidden = ForRule("forbidden");
    public static readonly string ConcurrentChange = ForRule("concurrent-change");
    public static readonly string PreconditionFailed = ForRule("precondition-failed");
    public static readonly string Unexpected = ForRule("unexpected");
}
