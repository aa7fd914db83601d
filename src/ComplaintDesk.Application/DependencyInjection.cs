using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.Application;

public static class DependencyInjection
{
    /// <summary>The command layer and the one DbContext. The host supplies the connection string and <see cref="ICurrentActor"/>.</summary>
    public static IServiceCollection AddComplaintDeskApplication(this IServiceCollection services,
        Func<IServiceProvider, string> connectionString, LifecycleSettings lifecycle)
    {
        services.AddDbContext<ComplaintDeskDbContext>((provider, options) => options
            .UseNpgsql(connectionString(provider), npgsql => npgsql.MigrationsAssembly(typeof(ComplaintDeskDbContext).Assembly.FullName))
            // Work that must commit with the change that caused it (e.g. notifications) hooks in here.
            .AddInterceptors(provider.GetServices<ISaveChangesInterceptor>()));
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<ComplaintEditor>(includeInternalTypes: true);
        ValidatorOptions.Global.LanguageManager = new ValidationLanguages();
        ValidatorOptions.Global.DisplayNameResolver = ValidationLanguages.DisplayName;
        services.AddScoped<ComplaintEditor>();
        services.AddScoped<Features.Compensation.OfferEditor>();
        services.AddScoped<Identity.AccountStates>();
        services.AddScoped<Features.Alerts.KeywordScreening>();
        // Deadlines move in the same SaveChanges as their cause, whichever edge sent the command.
        services.AddScoped<ISaveChangesInterceptor, SlaClockInterceptor>();
        services.AddScoped<Features.Sla.SlaSweeper>();
        services.AddScoped<Features.StatusLinks.StatusLinkIssuer>();
        services.AddSingleton(lifecycle);
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
