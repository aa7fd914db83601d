namespace ComplaintDesk.Domain;

/// <summary>
/// A business rule refused the change. <see cref="Rule"/> is stable (it becomes the problem <c>type</c>
/// in the API), the message is for people.
/// </summary>
public class ComplaintRuleException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}

/// <summary>The move exists in the table, but not for this party (e.g. an agent deciding an escalation).</summary>
public sealed class ActionForbiddenException(string message) : Exception(message);

public static class Rules
{
    public const string TransitionNotAllowed = "transition-not-allowed";
    public const string ReopenWindowPassed = "reopen-window-passed";
    public const string FollowUpAlreadyDone = "follow-up-already-done";
    public const string OwnerRequired = "owner-required";
}
