using System.Globalization;

namespace ComplaintDesk.Domain;

/// <summary>
/// A business rule refused the change. <see cref="Rule"/> is stable (it becomes the problem <c>type</c>
/// in the API), the message is for people: English here, translated at the edges from <see cref="Template"/>
/// and <see cref="Arguments"/> (the domain has no resources).
/// </summary>
public class ComplaintRuleException(string rule, string template, params object[] arguments)
    : Exception(RefusalText.Format(template, arguments))
{
    public string Rule { get; } = rule;

    /// <summary>The English message with <c>{0}</c>-style holes: the key its translations are found by.</summary>
    public string Template { get; } = template;

    /// <summary>What fills the holes: numbers, enum values (translated by name at the edges) or fixed English phrases.</summary>
    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>The move exists in the table, but not for this party (e.g. an agent deciding an escalation).</summary>
public sealed class ActionForbiddenException(string template, params object[] arguments)
    : Exception(RefusalText.Format(template, arguments))
{
    /// <summary>The English message with <c>{0}</c>-style holes: the key its translations are found by.</summary>
    public string Template { get; } = template;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>The English wording of a refusal: the template filled in, invariant culture, enum values by name.</summary>
public static class RefusalText
{
    public static string Format(string template, IReadOnlyList<object> arguments) =>
        arguments.Count == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, [.. arguments]);
}

public static class Rules
{
    public const string TransitionNotAllowed = "transition-not-allowed";
    public const string ReopenWindowPassed = "reopen-window-passed";
    public const string FollowUpAlreadyDone = "follow-up-already-done";
    public const string OwnerRequired = "owner-required";
    public const string DeclineChangesNothing = "decline-changes-nothing";
    public const string ResolveByInPast = "resolve-by-in-past";
    public const string OfferStateNotAllowed = "offer-state-not-allowed";
    public const string OfferVersionStale = "offer-version-stale";
    public const string BeyondAuthority = "beyond-authority";
    public const string OfferAwaitingApproval = "offer-awaiting-approval";
    public const string OfferAlreadyOpen = "offer-already-open";
    public const string OutboxNotDead = "outbox-not-dead";
}
