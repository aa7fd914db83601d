using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ComplaintDesk.Application.Common;

/// <summary>
/// The position after the last row of a page ordered by (instant, id), opaque to callers: base64url of
/// "{kind}_{ticks}_{id}". Each list has its own kind letter, so a cursor of one list is refused by another.
/// </summary>
public readonly record struct KeysetCursor(DateTimeOffset At, long Id)
{
    public string Format(char kind) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{kind}_{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{Id.ToString(CultureInfo.InvariantCulture)}"));

    public static bool TryParse(string text, char kind, out KeysetCursor cursor)
    {
        cursor = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('_');
            if (parts is [var kindText, var ticksText, var idText]
                && kindText.Length == 1 && kindText[0] == kind
                && long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                cursor = new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
