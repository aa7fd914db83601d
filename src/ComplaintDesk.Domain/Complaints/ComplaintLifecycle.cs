using System.Text;
using ComplaintDesk.Domain.Actors;
using static ComplaintDesk.Domain.Complaints.ComplaintState;
using static ComplaintDesk.Domain.Complaints.ComplaintTrigger;

namespace ComplaintDesk.Domain.Complaints;

public sealed record LifecycleTransition(ComplaintState From, ComplaintTrigger Trigger, ComplaintState To, Party Who);

/// <summary>
/// The one transition table. Buttons, API actions, the 409 for anything else and the diagram in docs/ all come
/// from here. Extra conditions that depend on the case (follow-up done, reopen window) live in
/// <see cref="Complaint"/>; the table only says which moves exist and who may make them.
/// </summary>
public static class ComplaintLifecycle
{
    private const Party Staff = Party.Agent | Party.Supervisor;

    public static IReadOnlyList<LifecycleTransition> Transitions { get; } =
    [
        new(Received, Acknowledge, Acknowledged, Staff),
        new(Acknowledged, StartResolving, Resolving, Staff),
        new(Received, Escalate, Escalated, Staff | Party.System),
        new(Acknowledged, Escalate, Escalated, Staff | Party.System),
        new(Resolving, Escalate, Escalated, Staff | Party.System),
        new(Escalated, DecideEscalation, Resolving, Party.Supervisor),
        new(Escalated, Resolve, Closed, Party.Supervisor),
        new(Resolving, Resolve, Closed, Staff),
        new(Closed, StartFollowUp, FollowUp, Staff | Party.System),
        new(FollowUp, ConfirmSatisfied, Closed, Staff | Party.Customer | Party.System),
        new(FollowUp, Reopen, Resolving, Staff | Party.Customer),
        new(Closed, Reopen, Resolving, Staff),
    ];

    public static LifecycleTransition? Find(ComplaintState from, ComplaintTrigger trigger) =>
        Transitions.FirstOrDefault(t => t.From == from && t.Trigger == trigger);

    /// <summary>The triggers this party may fire from this state, in table order.</summary>
    public static IEnumerable<ComplaintTrigger> TriggersFrom(ComplaintState from, Party parties) =>
        Transitions.Where(t => t.From == from && (t.Who & parties) != 0).Select(t => t.Trigger);

    /// <summary>The table as a Mermaid state diagram; docs/lifecycle.md holds its output and a test keeps them equal.</summary>
    public static string ToMermaid()
    {
        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append("    [*] --> Received\n");
        foreach (var t in Transitions)
        {
            text.Append($"    {t.From} --> {t.To} : {t.Trigger} ({DescribeParties(t.Who)})\n");
        }
        return text.ToString();
    }

    private static string DescribeParties(Party who) =>
        string.Join(", ", Enum.GetValues<Party>()
            .Where(p => p != Party.None && who.HasFlag(p))
            .Select(p => p.ToString().ToLowerInvariant()));
}
