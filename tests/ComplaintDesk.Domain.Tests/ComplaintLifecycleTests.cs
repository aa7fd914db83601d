using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;

namespace ComplaintDesk.Domain.Tests;

/// <summary>Every state × trigger × party against the table: the aggregate does exactly what the table says.</summary>
public sealed class ComplaintLifecycleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Agent = new("agent-1", "Alex", Party.Agent);
    private static readonly Actor Supervisor = new("sup-1", "Sam", Party.Agent | Party.Supervisor);
    private static readonly Actor Admin = new("admin-1", "Ada", Party.Admin);
    private static readonly Actor Customer = Actor.Customer("Ann");

    public static TheoryData<ComplaintState, ComplaintTrigger, string> EveryPair()
    {
        var data = new TheoryData<ComplaintState, ComplaintTrigger, string>();
        foreach (var state in Enum.GetValues<ComplaintState>())
        foreach (var trigger in Enum.GetValues<ComplaintTrigger>())
        foreach (var party in new[] { "agent", "supervisor", "admin", "customer", "system" })
        {
            data.Add(state, trigger, party);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Each_state_and_trigger_does_what_the_table_says(ComplaintState state, ComplaintTrigger trigger, string party)
    {
        var actor = ActorNamed(party);
        var complaint = ComplaintIn(state);
        var eventsBefore = complaint.Timeline.Count;
        var transition = ComplaintLifecycle.Find(state, trigger);

        var error = Record.Exception(() => Fire(complaint, trigger, actor, Start.AddDays(5)));

        if (transition is null)
        {
            var refusal = Assert.IsType<ComplaintRuleException>(error);
            Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
            Assert.Equal(state, complaint.State);
            Assert.Equal(eventsBefore, complaint.Timeline.Count);
        }
        else if ((transition.Who & actor.Parties) == 0)
        {
            Assert.IsType<ActionForbiddenException>(error);
            Assert.Equal(state, complaint.State);
            Assert.Equal(eventsBefore, complaint.Timeline.Count);
        }
        else
        {
            Assert.Null(error);
            Assert.Equal(transition.To, complaint.State);
            var recorded = complaint.Timeline.Last(e => e.From is not null);
            Assert.Equal((state, transition.To), (recorded.From!.Value, recorded.To!.Value));
            Assert.Equal(actor.Name, recorded.ActorName);
        }
    }

    [Fact]
    public void The_table_has_every_move_of_the_design_and_no_other()
    {
        var moves = ComplaintLifecycle.Transitions.Select(t => $"{t.From} -{t.Trigger}-> {t.To}").Order().ToList();
        string[] expected =
        [
            "Acknowledged -Escalate-> Escalated",
            "Acknowledged -StartResolving-> Resolving",
            "Closed -Reopen-> Resolving",
            "Closed -StartFollowUp-> FollowUp",
            "Escalated -DecideEscalation-> Resolving",
            "Escalated -Resolve-> Closed",
            "FollowUp -ConfirmSatisfied-> Closed",
            "FollowUp -Reopen-> Resolving",
            "Received -Acknowledge-> Acknowledged",
            "Received -Escalate-> Escalated",
            "Resolving -Escalate-> Escalated",
            "Resolving -Resolve-> Closed",
        ];
        Assert.Equal(expected.Order(), moves);
    }

    [Fact]
    public void Only_a_supervisor_decides_an_escalation_or_resolves_an_escalated_case()
    {
        Assert.Equal(Party.Supervisor, ComplaintLifecycle.Find(ComplaintState.Escalated, ComplaintTrigger.DecideEscalation)!.Who);
        Assert.Equal(Party.Supervisor, ComplaintLifecycle.Find(ComplaintState.Escalated, ComplaintTrigger.Resolve)!.Who);
        Assert.DoesNotContain(ComplaintTrigger.DecideEscalation, ComplaintIn(ComplaintState.Escalated).AllowedTriggers(Agent, Start, LifecycleSettings.Default));
        Assert.Contains(ComplaintTrigger.DecideEscalation, ComplaintIn(ComplaintState.Escalated).AllowedTriggers(Supervisor, Start, LifecycleSettings.Default));
    }

    [Fact]
    public void Allowed_triggers_are_the_tables_moves_for_the_party()
    {
        foreach (var state in Enum.GetValues<ComplaintState>())
        foreach (var actor in new[] { Agent, Supervisor, Admin, Customer, Actor.System })
        {
            var complaint = ComplaintIn(state);
            var expected = ComplaintLifecycle.Transitions.Where(t => t.From == state && (t.Who & actor.Parties) != 0).Select(t => t.Trigger);
            Assert.Equal(expected, complaint.AllowedTriggers(actor, Start.AddDays(5), LifecycleSettings.Default));
        }
    }

    [Fact]
    public void A_closed_complaint_reopens_within_the_window_and_not_after()
    {
        var settings = new LifecycleSettings(TimeSpan.FromDays(30));
        var within = ComplaintIn(ComplaintState.Closed);
        var closedAt = within.ClosedAt!.Value;
        within.Reopen("Still broken", Agent, closedAt.AddDays(30), settings);
        Assert.Equal(ComplaintState.Resolving, within.State);
        Assert.Null(within.ClosedAt);
        Assert.Null(within.Outcome);

        var late = ComplaintIn(ComplaintState.Closed);
        Assert.DoesNotContain(ComplaintTrigger.Reopen, late.AllowedTriggers(Agent, closedAt.AddDays(31), settings));
        var refusal = Assert.Throws<ComplaintRuleException>(() => late.Reopen("Too late", Agent, closedAt.AddDays(31), settings));
        Assert.Equal(Rules.ReopenWindowPassed, refusal.Rule);
        Assert.Equal(ComplaintState.Closed, late.State);
    }

    [Fact]
    public void After_the_customer_confirmed_satisfaction_there_is_no_second_follow_up_until_reopened()
    {
        var complaint = ComplaintIn(ComplaintState.FollowUp);
        complaint.ConfirmSatisfied("Thanks", 5, Customer, Start.AddDays(4));
        Assert.Equal(ComplaintState.Closed, complaint.State);
        Assert.Equal(5, complaint.SatisfactionScore);

        var refusal = Assert.Throws<ComplaintRuleException>(() => complaint.StartFollowUp(Agent, Start.AddDays(5)));
        Assert.Equal(Rules.FollowUpAlreadyDone, refusal.Rule);

        complaint.Reopen("Broke again", Agent, Start.AddDays(6), LifecycleSettings.Default);
        complaint.Resolve("Replaced", ResolutionOutcome.Upheld, Agent, Start.AddDays(7));
        complaint.StartFollowUp(Agent, Start.AddDays(8));
        Assert.Equal(ComplaintState.FollowUp, complaint.State);
    }

    [Fact]
    public void A_decision_on_a_case_escalated_before_acknowledgement_acknowledges_it_and_can_hand_it_over()
    {
        var complaint = NewComplaint();
        complaint.Escalate("Customer mentions a lawyer", Agent, Start.AddMinutes(5));
        Assert.Null(complaint.AcknowledgedAt);
        Assert.Equal(1, complaint.EscalationLevel);

        complaint.DecideEscalation(true, "Taking it over", ("sup-2", "Kim"), Supervisor, Start.AddHours(1));

        Assert.Equal(Start.AddHours(1), complaint.AcknowledgedAt);
        Assert.Equal(("sup-2", "Kim"), (complaint.OwnerId, complaint.OwnerName));
        Assert.Equal(ComplaintState.Resolving, complaint.State);
        Assert.Contains(complaint.Timeline, e => e.Kind == TimelineEventKind.EscalationApproved && e.Visibility == Visibility.Internal);
    }

    [Fact]
    public void Starting_to_resolve_an_unowned_case_makes_it_the_actors()
    {
        var complaint = ComplaintIn(ComplaintState.Acknowledged);
        complaint.StartResolving(Agent, Start.AddHours(2));
        Assert.Equal(Agent.UserId, complaint.OwnerId);
        Assert.Contains(complaint.Timeline, e => e.Kind == TimelineEventKind.Assigned && e.Text == Agent.Name);
    }

    [Fact]
    public void Notes_and_assignment_are_for_case_handlers_only_and_a_closed_case_is_not_assigned()
    {
        var complaint = NewComplaint();
        Assert.Throws<ActionForbiddenException>(() => complaint.AddNote("hi", Visibility.Internal, Admin, Start));
        Assert.Throws<ActionForbiddenException>(() => complaint.Assign("x", "X", Customer, Start));
        complaint.AddNote("Called the customer back", Visibility.Internal, Agent, Start.AddMinutes(1));
        Assert.Equal(TimelineEventKind.Note, complaint.Timeline[^1].Kind);

        var closed = ComplaintIn(ComplaintState.Closed);
        var refusal = Assert.Throws<ComplaintRuleException>(() => closed.Assign("x", "X", Agent, Start.AddDays(3)));
        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public void The_committed_diagram_is_the_table()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "lifecycle.md");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Contains("```mermaid\n" + ComplaintLifecycle.ToMermaid() + "```", committed);
    }

    [Theory]
    [InlineData(" Ann@Example.TEST ", "ann@example.test")]
    [InlineData("ＡＮＮ@example.test", "ann@example.test")]
    public void E_mail_addresses_match_whatever_their_case_width_or_spacing(string raw, string normalised) =>
        Assert.Equal(normalised, Customers.Customer.NormaliseEmail(raw));

    [Theory]
    [InlineData("+886 2-1234 5678", "+886212345678")]
    [InlineData("(02) 1234.5678", "0212345678")]
    [InlineData("   ", null)]
    public void Phone_numbers_match_on_their_digits(string raw, string? normalised) =>
        Assert.Equal(normalised, Customers.Customer.NormalisePhone(raw));

    private static string RepositoryRoot() =>
        typeof(ComplaintLifecycleTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static Actor ActorNamed(string party) => party switch
    {
        "agent" => Agent,
        "supervisor" => Supervisor,
        "admin" => Admin,
        "customer" => Customer,
        _ => Actor.System,
    };

    private static void Fire(Complaint complaint, ComplaintTrigger trigger, Actor actor, DateTimeOffset at)
    {
        switch (trigger)
        {
            case ComplaintTrigger.Acknowledge: complaint.Acknowledge("We will reply within 24 hours.", actor, at); break;
            case ComplaintTrigger.StartResolving: complaint.StartResolving(actor, at); break;
            case ComplaintTrigger.Escalate: complaint.Escalate("Needs a supervisor", actor, at); break;
            case ComplaintTrigger.DecideEscalation: complaint.DecideEscalation(false, "Carry on", null, actor, at); break;
            case ComplaintTrigger.Resolve: complaint.Resolve("Refunded", ResolutionOutcome.Upheld, actor, at); break;
            case ComplaintTrigger.StartFollowUp: complaint.StartFollowUp(actor, at); break;
            case ComplaintTrigger.ConfirmSatisfied: complaint.ConfirmSatisfied(null, 4, actor, at); break;
            case ComplaintTrigger.Reopen: complaint.Reopen("Not fixed", actor, at, LifecycleSettings.Default); break;
            default: throw new ArgumentOutOfRangeException(nameof(trigger));
        }
    }

    private static Complaint NewComplaint()
    {
        var customer = new Customer("Ann", "ann@example.test", null, null, Languages.English, ContactMethod.Email, Start);
        var intake = new ComplaintIntake(Channel.Email, "billing", Severity.Medium, "Charged twice", "Two charges",
            null, null, null, null, null, null, null);
        return Complaint.Log("CD-2026-000001", customer, intake, Agent, Start);
    }

    /// <summary>A complaint walked to <paramref name="state"/> by the supervisor through the real methods.</summary>
    private static Complaint ComplaintIn(ComplaintState state)
    {
        var complaint = NewComplaint();
        var at = Start;
        switch (state)
        {
            case ComplaintState.Received:
                break;
            case ComplaintState.Acknowledged:
                complaint.Acknowledge(null, Supervisor, at = at.AddHours(1));
                break;
            case ComplaintState.Resolving:
                complaint.Acknowledge(null, Supervisor, at = at.AddHours(1));
                complaint.StartResolving(Supervisor, at.AddHours(1));
                break;
            case ComplaintState.Escalated:
                complaint.Escalate("Needs a supervisor", Supervisor, at.AddHours(1));
                break;
            case ComplaintState.Closed:
                complaint.Acknowledge(null, Supervisor, at = at.AddHours(1));
                complaint.StartResolving(Supervisor, at = at.AddHours(1));
                complaint.Resolve("Refunded", ResolutionOutcome.Upheld, Supervisor, at.AddHours(1));
                break;
            case ComplaintState.FollowUp:
                complaint.Acknowledge(null, Supervisor, at = at.AddHours(1));
                complaint.StartResolving(Supervisor, at = at.AddHours(1));
                complaint.Resolve("Refunded", ResolutionOutcome.Upheld, Supervisor, at = at.AddHours(1));
                complaint.StartFollowUp(Supervisor, at.AddHours(1));
                break;
        }
        Assert.Equal(state, complaint.State);
        return complaint;
    }
}
