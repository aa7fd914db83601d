using System.Text.Json;
using System.Text.Json.Serialization;
using ComplaintDesk.Application;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Web.Api;
using ComplaintDesk.Web.Hosting;
using ComplaintDesk.Web.Identity;
using ComplaintDesk.Web.Localization;
using ComplaintDesk.Web.Pages;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Formatting.Compact;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.Services.AddSerilog((services, logging) =>
    {
        logging.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
        if (builder.Environment.IsDevelopment())
        {
            logging.WriteTo.Console();
        }
        else
        {
            logging.WriteTo.Console(new CompactJsonFormatter());
        }
    }, preserveStaticLogger: true); // the static bootstrap logger is never frozen, so several hosts (tests) can start at once

    var lifecycle = new LifecycleSettings(TimeSpan.FromDays(builder.Configuration.GetValue("Lifecycle:ReopenWindowDays", 30)));
    // Read lazily: the embedded cluster and the test host set the connection string after the builder is made.
    builder.Services.AddComplaintDeskApplication(
        services => services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseStartup.ConnectionName)
            ?? throw new InvalidOperationException("No connection string."),
        lifecycle);
    builder.Services.AddHttpContextAccessor();
    builder.Services.AddScoped<ICurrentActor, HttpCurrentActor>();

    builder.Services.AddIdentityCore<StaffUser>(options =>
        {
            options.User.RequireUniqueEmail = true;
            options.Password.RequiredLength = 12;
            options.Lockout.MaxFailedAccessAttempts = 5;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        })
        .AddRoles<IdentityRole>()
        .AddEntityFrameworkStores<ComplaintDeskDbContext>()
        .AddSignInManager()
        .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
        .AddDefaultTokenProviders();
    builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme)
        .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(8))
        .AddIdentityCookies();
    builder.Services.ConfigureApplicationCookie(options =>
    {
        options.LoginPath = "/Account/Login";
        options.LogoutPath = "/Account/Logout";
        options.AccessDeniedPath = "/Account/AccessDenied";
        options.Cookie.Name = "ComplaintDesk.Auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = TimeSpan.FromHours(10);
    });
    builder.Services.AddSignInThrottle(builder.Configuration);
    builder.Services.AddAuthorizationBuilder()
        .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Agent, Roles.Supervisor, Roles.Admin))
        .AddPolicy(Policies.CaseHandler, p => p.RequireRole(Roles.Agent, Roles.Supervisor))
        .AddPolicy(Policies.Supervisor, p => p.RequireRole(Roles.Supervisor))
        .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

    // Keys in the shared database: a cookie or token made by one instance is read by every other.
    builder.Services.AddDataProtection().SetApplicationName("ComplaintDesk").PersistKeysToDbContext<ComplaintDeskDbContext>();

    builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
    builder.Services.AddWorkspaceLanguages();
    builder.Services.AddRazorPages(options =>
    {
        options.Conventions.AuthorizeFolder("/", Policies.Staff);
        options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        options.Conventions.AddPageApplicationModelConvention("/Account/Login", model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignInThrottle.Policy)));
        options.Conventions.AllowAnonymousToPage("/Account/Login");
        options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
        options.Conventions.AllowAnonymousToPage("/Error");
    }).AddMvcOptions(options => options.Filters.Add<PageErrorFilter>())
        .AddViewLocalization()
        .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(ComplaintDesk.Web.SharedResource)));

    builder.Services.ConfigureHttpJsonOptions(options =>
    {
        options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    });
    builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true); // so bad input reaches the one error mapping
    builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTypes.Complete);
    builder.Services.AddExceptionHandler<ApiExceptionHandler>();
    builder.Services.AddOpenApi("v1");
    builder.Services.AddEvidenceArea(builder.Configuration);
    builder.Services.AddAdministrationArea(builder.Configuration);
    builder.Services.AddNotificationsArea(builder.Configuration);
    builder.Services.AddCustomerLinkArea(builder.Configuration);
    builder.Services.AddOutboxArea(builder.Configuration); // after notifications: its outbox interceptor e-mails them
    builder.Services.AddCustomersArea(builder.Configuration);
    builder.Services.AddSlaArea(builder.Configuration);
    builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

    var app = builder.Build();

    await DatabaseStartup.EnsureDatabaseAsync(app);
    if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
    {
        await DatabaseStartup.MigrateAndSeedAsync(app.Services, seedDemoData: app.Environment.IsDevelopment()
            && app.Configuration.GetValue("Database:SeedDemoData", true));
    }

    app.UseSerilogRequestLogging(); // outside the exception handler, so it logs the status the client really got
    app.UseExceptionHandler("/Error");
    if (!app.Environment.IsDevelopment())
    {
        app.UseHsts();
    }
    app.UseSecurityHeaders();
    app.UseStatusLinkHeaders(); // the capability URL's headers on every /s/ answer, error pages included
    // Empty 4xx/5xx answers: problem+json for the API, the error page for people.
    app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
    app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
    app.UseStaticFiles();
    app.UseRouting();
    app.UseRateLimiter();
    app.UseAuthentication();
    app.UseAdministrationArea(); // after authentication: a disabled user's cookie or token stops here
    app.UseRequestLocalization(WorkspaceCultures.Options()); // after authentication: the user's own language wins
    app.UseAuthorization();
    app.UseAntiforgery();

    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
    app.MapScalarApiReference("/api/docs", options => options.WithTitle("ComplaintDesk API")).AllowAnonymous();
    app.MapAuthEndpoints();
    app.MapComplaintEndpoints();
    app.UseEvidenceArea();
    app.UseNotificationsArea();
    app.UseCustomersArea();
    app.UseSlaArea();
    app.UseCompensationArea();
    app.UseCustomerLinkArea();
    app.UseOutboxArea();
    app.MapRazorPages();

    if (app.Environment.IsDevelopment())
    {
        app.Lifetime.ApplicationStarted.Register(() => Log.Information(
            "ComplaintDesk is running at {Urls} — sign in as {Agent}, {Supervisor} or {Admin} with the password {Password}",
            string.Join(", ", app.Urls), DemoData.AgentEmail, DemoData.SupervisorEmail, DemoData.AdminEmail, DemoData.Password));
    }

    await app.RunAsync();
    return 0;
}
catch (PostgresNotFoundException ex)
{
    Log.Fatal("{Message}", ex.Message);
    return 1;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "ComplaintDesk stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}
