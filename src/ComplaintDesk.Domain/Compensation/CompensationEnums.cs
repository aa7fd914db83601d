namespace ComplaintDesk.Domain.Compensation;

public enum CompensationKind { FullRefund, PartialRefund, Replacement, Voucher, FreeRepair, WarrantyExtension, ShippingFeeWaiver, Gift, Other }

/// <summary>
/// awaiting approval → offered (approved) | rejected; offered → accepted | declined | expired; accepted → fulfilled.
/// A revised offer is a new version, back to offered or awaiting approval by the same authority check.
/// </summary>
public enum OfferState { AwaitingApproval, Rejected, Offered, Accepted, Declined, Expired, Fulfilled }

public static class OfferStates
{
    /// <summary>Counted against authority: what has been or may still be granted.</summary>
    public static bool CountsAgainstAuthority(this OfferState state) =>
        state is OfferState.AwaitingApproval or OfferState.Offered or OfferState.Accepted or OfferState.Fulfilled;

    /// <summary>Still open: waiting for a supervisor or for the customer.</summary>
    public static bool IsOpen(this OfferState state) => state is OfferState.AwaitingApproval or OfferState.Offered;
}

public static class Money
{
    /// <summary>Amounts are exact to the cent and bounded: nothing a refund desk pays comes near it.</summary>
    public const decimal MaxAmount = 10_000_000m;

    public static bool IsValidAmount(decimal amount) => amount > 0 && amount <= MaxAmount && decimal.Round(amount, 2) == amount;
}
