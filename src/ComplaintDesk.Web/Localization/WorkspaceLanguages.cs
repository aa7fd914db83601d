using ComplaintDesk.Web.Identity;
using ComplaintDesk.Web.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ComplaintDesk.Web.Localization;

public static class WorkspaceLanguages
{
    /// <summary>
    /// What the pages need to speak the reader's language in the reader's time zone, on top of
    /// <c>AddLocalization</c> / <c>AddViewLocalization</c> and <c>UseRequestLocalization(WorkspaceCultures.Options())</c>:
    /// <see cref="Show"/> and <see cref="StaffTime"/> for the views, MVC's model-binding messages and Identity's error
    /// texts from the shared resources.
    /// </summary>
    public static IServiceCollection AddWorkspaceLanguages(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddScoped<StaffTime>();
        services.TryAddScoped<Show>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<MvcOptions>, ModelBindingMessages>());
        // Replace, not TryAdd: AddIdentityCore registers the English describer whether it runs before or after this.
        services.Replace(ServiceDescriptor.Scoped<IdentityErrorDescriber, WorkspaceIdentityErrors>());
        return services;
    }
}
