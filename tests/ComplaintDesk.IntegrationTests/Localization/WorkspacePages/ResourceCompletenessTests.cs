using System.Text.RegularExpressions;
using System.Xml.Linq;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.Web.Localization;
using ComplaintDesk.Web.Pages;

namespace ComplaintDesk.IntegrationTests.Localization.WorkspacePages;

/// <summary>
/// The workspace's resource files against its sources: every text a staff page or its code looks up has a Traditional
/// and a Simplified Chinese translation, the two files hold the same keys, a translation keeps its placeholders and is
/// safe as HTML (the view localizer writes it as it is), and every enum value, seeded category, language and offered
/// time zone has its name in all three languages.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly string Web = Path.Combine(RepositoryRoot(), "src", "ComplaintDesk.Web");

    private static IReadOnlyDictionary<string, string> Load(string culture) =>
        XDocument.Load(Path.Combine(Web, "Resources", culture.Length == 0 ? "SharedResource.resx" : $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static readonly IReadOnlyDictionary<string, string> English = Load("");
    private static readonly IReadOnlyDictionary<string, string> Traditional = Load("zh-Hant");
    private static readonly IReadOnlyDictionary<string, string> Simplified = Load("zh-Hans");

    public static TheoryData<string> Cultures => ["zh-Hant", "zh-Hans"];

    private static IReadOnlyDictionary<string, string> Chinese(string culture) => culture == "zh-Hant" ? Traditional : Simplified;

    [Fact]
    public void Both_Chinese_files_hold_the_same_keys()
    {
        Assert.Empty(Traditional.Keys.Except(Simplified.Keys));
        Assert.Empty(Simplified.Keys.Except(Traditional.Keys));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_text_the_staff_pages_look_up_is_translated(string culture)
    {
        var used = UsedKeys().ToList();
        Assert.True(used.Count > 200, $"Only {used.Count} keys found: is the scan still reading the pages?");

        var missing = used.Where(k => !Chinese(culture).ContainsKey(k)).Distinct().ToList();

        Assert.True(missing.Count == 0, $"Not in SharedResource.{culture}.resx:\n{string.Join("\n", missing)}");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void A_translation_keeps_its_placeholders_and_is_safe_as_html(string culture)
    {
        foreach (var (key, value) in Chinese(culture))
        {
            Assert.False(string.IsNullOrWhiteSpace(value), $"{key}: empty");
            Assert.DoesNotMatch("[<>&]", value);
            Assert.DoesNotMatch("[A-Za-z]{2,}", Regex.Replace(value, @"\{\d+\}|UTC|API|JPEG|PNG|WebP|PDF|MB", ""));
            if (key.Contains('{', StringComparison.Ordinal))
            {
                var placeholders = Placeholder().Matches(value).Select(m => m.Value).ToHashSet();
                // Each placeholder of the translation comes from the English; "{0} complaint in {1} days" passes a third, the plain number.
                Assert.True(placeholders.All(p => Placeholder().Matches(key).Any(m => m.Value == p) || p == "{2}"), $"{key} → {value}");
            }
        }
    }

    [Theory]
    [InlineData(typeof(ComplaintState))]
    [InlineData(typeof(Severity))]
    [InlineData(typeof(Channel))]
    [InlineData(typeof(ResolutionOutcome))]
    [InlineData(typeof(DesiredResolution))]
    [InlineData(typeof(ContactMethod))]
    [InlineData(typeof(Visibility))]
    [InlineData(typeof(TimelineEventKind))]
    [InlineData(typeof(NotificationKind))]
    public void Every_value_of_an_enum_the_pages_show_has_its_name_in_the_three_languages(Type type)
    {
        foreach (var name in Enum.GetNames(type))
        {
            var key = $"{type.Name}.{name}";
            Assert.True(English.ContainsKey(key), $"{key}: no English name");
            Assert.True(Traditional.ContainsKey(key), $"{key}: no Traditional Chinese name");
            Assert.True(Simplified.ContainsKey(key), $"{key}: no Simplified Chinese name");
        }
    }

    [Fact]
    public void The_seeded_categories_the_languages_and_the_offered_time_zones_have_their_names()
    {
        var keys = Show.SeededCategoryNames.Keys.Select(code => $"Category.{code}")
            .Concat(Languages.All.Select(code => $"Language.{code}"))
            .Concat(TimeZoneChoices.Ids.Select(id => $"TimeZone.{id}"));
        foreach (var key in keys)
        {
            Assert.True(English.ContainsKey(key) && Traditional.ContainsKey(key) && Simplified.ContainsKey(key), $"{key}: not in all three files");
        }
        Assert.All(Show.SeededCategoryNames, c => Assert.Equal(c.Value, English[$"Category.{c.Key}"]));
        Assert.All(TimeZoneChoices.Ids, id => Assert.NotNull(StaffTime.Find(id)));
    }

    /// <summary>
    /// The literal keys of <c>L["…"]</c> and <c>localizer["…"]</c> (and MVC's <c>l["…"]</c>) in the staff pages and
    /// their code; the administration pages have their own resources. Keys held in constants (page titles of the error
    /// page, status messages) are listed here too.
    /// </summary>
    private static IEnumerable<string> UsedKeys()
    {
        var files = Directory.EnumerateFiles(Web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Admin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var source = File.ReadAllText(file);
            foreach (Match lookup in Lookup().Matches(source))
            {
                foreach (var key in LiteralsOfIndex(source, lookup.Index + lookup.Length))
                {
                    if (!Regex.IsMatch(key, @"\{[a-zA-Z]")) // an interpolated key: "Category.{code}" (checked below)
                    {
                        yield return key;
                    }
                }
            }
        }
        string[] constants =
        [
            "Something went wrong", "The error was logged. Try again, or quote the trace id when you report it.", "Not found",
            "There is nothing here, or it is not yours to see.", "Access denied", "Your role does not allow this. Ask a supervisor if you think it should.",
            "That did not work", "The request could not be accepted. If you were sending a form, reload the page and try again.",
            "The request could not be handled.", "Your settings were saved.", "The e-mail or password is not right.",
            "The current password is not right.", "Your password was changed. Other sessions and API tokens of yours were signed out.",
            "Notifications, {0} unread", "Choose English, Traditional Chinese or Simplified Chinese.", "Choose a time zone from the list.",
        ];
        foreach (var constant in constants)
        {
            yield return constant;
        }
    }

    /// <summary>The start of a lookup: <c>L[</c>, <c>localizer[</c>, <c>l[</c>.</summary>
    [GeneratedRegex(@"\b(?:L|localizer|l)\[")]
    private static partial Regex Lookup();

    /// <summary>
    /// The string literals of a lookup's key (a literal, or a choice of literals), read from just after the bracket up to
    /// the first argument or the closing bracket.
    /// </summary>
    private static IEnumerable<string> LiteralsOfIndex(string source, int start)
    {
        var depth = 0;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '"')
            {
                var text = new System.Text.StringBuilder();
                for (i++; i < source.Length && source[i] != '"'; i++)
                {
                    if (source[i] == '\\' && i + 1 < source.Length)
                    {
                        i++;
                        text.Append(source[i] switch { 'n' => '\n', 't' => '\t', var escaped => escaped });
                    }
                    else
                    {
                        text.Append(source[i]);
                    }
                }
                yield return text.ToString();
            }
            else if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                if (depth-- == 0)
                {
                    yield break;
                }
            }
            else if (c == ',' && depth == 0)
            {
                yield break;
            }
        }
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ComplaintDesk.sln")))
            {
                return dir.FullName;
            }
        }
        // The artifacts may live outside the repository (--artifacts-path): the source tree is where this file was compiled.
        return Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "..", ".."));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
