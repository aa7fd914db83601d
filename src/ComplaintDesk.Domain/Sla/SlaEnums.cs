namespace ComplaintDesk.Domain.Sla;

/// <summary>
/// The deadlines a case carries. Acknowledge, Resolve, EscalationDecision and Regulatory are promises staff must keep
/// (they warn and can be breached); FollowUp, FollowUpAnswer and OfferAnswer are timers that make something happen.
/// </summary>
public enum SlaClockKind { Acknowledge, Resolve, EscalationDecision, FollowUp, FollowUpAnswer, OfferAnswer, Regulatory }

public enum SlaClockState { Running, Paused, Met, Breached, Cancelled }

/// <summary>Whether a policy's staff deadlines count only the calendar's open hours or every hour.</summary>
public enum TimeBasis { Business, Calendar }

/// <summary>What the sweeper did to a clock; (clock, effect) is unique, so nothing fires twice.</summary>
public enum SlaEffect { Warning, Breach, Due }

/// <summary>Ready-made regulatory final-response deadlines, in calendar days that never pause.</summary>
public enum RegulatoryProfile { None, TaiwanConsumerProtection, UkFcaDisp, AustraliaAsicRg271, UsCfpb, Custom }

public static class RegulatoryProfiles
{
    /// <summary>
    /// Days to the final response. Taiwan CPA art. 43: 15 days; UK FCA DISP 1.6: 8 weeks; Australia ASIC RG 271: 30
    /// days; US CFPB: 15 days to respond (its 60-day limit to close is a Custom profile of 60).
    /// </summary>
    public static int? Days(RegulatoryProfile profile, int? customDays) => profile switch
    {
        RegulatoryProfile.TaiwanConsumerProtection => 15,
        RegulatoryProfile.UkFcaDisp => 56,
        RegulatoryProfile.AustraliaAsicRg271 => 30,
        RegulatoryProfile.UsCfpb => 15,
        RegulatoryProfile.Custom => customDays,
        _ => null,
    };
}

public static class SlaClockKinds
{
    /// <summary>Promises staff keep: they warn, they breach, and they count in compliance.</summary>
    public static bool IsStaffDeadline(this SlaClockKind kind) =>
        kind is SlaClockKind.Acknowledge or SlaClockKind.Resolve or SlaClockKind.EscalationDecision or SlaClockKind.Regulatory;
}
