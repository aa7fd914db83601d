using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Web;

namespace ComplaintDesk.IntegrationTests.Localization.Messages;

/// <summary>
/// The two resource sets of this pass — the Application's <see cref="Texts"/> and the administration pages'
/// <see cref="AdminResource"/> — are complete in both Chinese variants: the same keys in zh-Hant and zh-Hans (built
/// into their satellite assemblies), every value non-empty, no hole of the English key lost or invented.
/// </summary>
public sealed partial class ResourceSetsTests
{
    public static TheoryData<string> Sets { get; } = new() { "Texts", "AdminResource" };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Both_chinese_variants_translate_the_same_keys_and_keep_every_hole(string set)
    {
        var traditional = Entries(set, "zh-Hant");
        var simplified = Entries(set, "zh-Hans");

        Assert.NotEmpty(traditional);
        Assert.Equal(traditional.Keys.Order(StringComparer.Ordinal), simplified.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in traditional.Concat(simplified))
        {
            Assert.False(string.IsNullOrWhiteSpace(value), $"{set}: \"{key}\" has an empty translation.");
            Assert.True(Holes(value).IsSubsetOf(Holes(key)), $"{set}: \"{value}\" has a hole \"{key}\" does not fill.");
        }
        // A translation may leave out a detail (a category's code), never everything the sentence is about.
        foreach (var (key, value) in traditional.Concat(simplified).Where(e => Holes(e.Key).Count > 0))
        {
            Assert.True(Holes(value).Count > 0, $"{set}: \"{value}\" drops every value of \"{key}\".");
        }
    }

    [Fact]
    public void Texts_fall_back_to_the_english_key_and_never_throw()
    {
        Assert.Equal("No such text.", Texts.Get("No such text.", CultureInfo.GetCultureInfo("zh-Hant")));
        Assert.Equal("Not found", Texts.Get("Not found", CultureInfo.GetCultureInfo("en")));
        Assert.Equal("找不到", Texts.Get("Not found", CultureInfo.GetCultureInfo("zh-TW")));
        Assert.Equal("未找到", Texts.Get("Not found", CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Not found", Texts.Get("Not found", CultureInfo.GetCultureInfo("fr")));
    }

    private static Dictionary<string, string> Entries(string set, string culture)
    {
        var manager = set == "Texts"
            ? new ResourceManager("ComplaintDesk.Application.Resources.Texts", typeof(Texts).Assembly)
            : new ResourceManager("ComplaintDesk.Web.Resources.AdminResource", typeof(AdminResource).Assembly);
        var resources = manager.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No {culture} satellite assembly holds {set}.");
        return resources.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");
    }

    private static HashSet<string> Holes(string text) => [.. Hole().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Hole();
}
