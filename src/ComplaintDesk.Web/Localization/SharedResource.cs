namespace ComplaintDesk.Web;

/// <summary>
/// The one resource set for the workspace's words: <c>IStringLocalizer&lt;SharedResource&gt;</c> / <c>IHtmlLocalizer</c>.
/// Keys are the English text, so English needs no file; Resources/SharedResource.zh-Hant.resx and .zh-Hans.resx hold
/// the translations.
/// </summary>
public sealed class SharedResource;
