namespace ComplaintDesk.Web;

/// <summary>
/// The words of the administration pages (Pages/Admin): <c>IHtmlLocalizer&lt;AdminResource&gt;</c> in the views (as
/// <c>AT</c>, Pages/Admin/_ViewImports.cshtml), <c>IStringLocalizer&lt;AdminResource&gt;</c> in the page models. Keys are
/// the English text, as for <see cref="SharedResource"/>; Resources/AdminResource.zh-Hant.resx and .zh-Hans.resx hold
/// the translations. In this namespace on purpose: the resource name is Resources.AdminResource.
/// </summary>
public sealed class AdminResource;
