namespace ComplaintDesk.Domain.Categories;

/// <summary>
/// Categories are data (administrators add more), identified by a stable code such as <c>productQuality</c>.
/// A used category is retired, never deleted.
/// </summary>
public sealed class Category
{
    private Category() { }

    public Category(string code, string name)
    {
        Code = code;
        Name = name;
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool Retired { get; private set; }

    public void Rename(string name) => Name = name.Trim();

    /// <summary>No new complaint may use it; complaints that do keep it.</summary>
    public void Retire() => Retired = true;

    public void Reinstate() => Retired = false;

    public static class Codes
    {
        public const string ProductQuality = "productQuality";
        public const string ServiceAttitude = "serviceAttitude";
        public const string Logistics = "logistics";
        public const string Billing = "billing";
        public const string Other = "other";
    }
}
