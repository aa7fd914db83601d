using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ComplaintDesk.Web.Pages;

/// <summary>
/// Money as the offer pages write it: two decimals in the reader's culture ("1,200.00") followed by the currency code,
/// which is marked <c>translate="no"</c> (an ISO code is the same in every language, and no translator should touch it).
/// </summary>
public static class MoneyText
{
    public static string Amount(decimal amount) => amount.ToString("N2", CultureInfo.CurrentCulture);

    public static IHtmlContent Html(decimal amount, string currency) =>
        new HtmlString($"<span class=\"money\">{HtmlEncoder.Default.Encode(Amount(amount))} <span translate=\"no\">{HtmlEncoder.Default.Encode(currency.Trim())}</span></span>");

    /// <summary>The same as plain text, for an attribute or a message.</summary>
    public static string Plain(decimal amount, string currency) => $"{Amount(amount)} {currency.Trim()}";
}
