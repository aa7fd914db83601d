using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Web.Api;

/// <summary>
/// REST API v1 for administration: users, categories, reply templates, keyword rules — the commands the /Admin pages
/// send. Changes are for administrators only (403 for agents and supervisors); reading categories and templates is for
/// all staff, because intake and the reply composer need them.
/// </summary>
public static class AdministrationEndpoints
{
    private static void AdminOnly(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Admin);

    private static void AnyStaff(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Agent, Roles.Supervisor, Roles.Admin);

    public static IEndpointRouteBuilder MapAdministrationEndpoints(this IEndpointRouteBuilder app)
    {
        MapUsers(app);
        MapCategories(app);
        MapReplyTemplates(app);
        MapKeywordRules(app);
        return app;
    }

    private static void MapUsers(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(AdminOnly);

        users.MapGet("/", async (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListUsersQuery { Limit = limit, Cursor = cursor }, ct))).WithName("ListUsers");

        users.MapGet("/{id}", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetUserQuery(id), ct))).WithName("GetUser");

        users.MapPost("/", async (CreateUserCommand command, ISender sender, CancellationToken ct) =>
        {
            var user = await sender.Send(command, ct);
            return TypedResults.Created($"/api/v1/users/{user.Id}", user);
        }).WithName("CreateUser");

        users.MapPatch("/{id}", async (string id, UpdateUserCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { UserId = id }, ct))).WithName("UpdateUser");

        // A new initial password for someone who forgot theirs; it also lifts a lockout and ends their sessions.
        users.MapPost("/{id}/password", async (string id, ResetUserPasswordCommand command, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(command with { UserId = id }, ct);
            return TypedResults.NoContent();
        }).WithName("ResetUserPassword");
    }

    private static void MapCategories(IEndpointRouteBuilder app)
    {
        var categories = app.MapGroup("/api/v1/categories").WithTags("Categories");

        categories.MapGet("/", async (bool? includeRetired, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCategoriesQuery(includeRetired ?? false), ct)))
            .RequireAuthorization(AnyStaff).WithName("ListCategories");

        categories.MapPost("/", async (AddCategoryCommand command, ISender sender, CancellationToken ct) =>
            {
                var category = await sender.Send(command, ct);
                return TypedResults.Created($"/api/v1/categories/{category.Code}", category);
            })
            .RequireAuthorization(AdminOnly).WithName("AddCategory");

        // Rename, retire ({"retired": true}) or reinstate; there is no DELETE: used categories stay.
        categories.MapPatch("/{code}", async (string code, UpdateCategoryCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { Code = code }, ct)))
            .RequireAuthorization(AdminOnly).WithName("UpdateCategory");
    }

    private static void MapReplyTemplates(IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/v1/reply-templates").WithTags("Reply templates");

        templates.MapGet("/", async (string? language, string? category, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListReplyTemplatesQuery { Language = language, Category = category }, ct)))
            .RequireAuthorization(AnyStaff).WithName("ListReplyTemplates");

        templates.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetReplyTemplateQuery(id), ct)))
            .RequireAuthorization(AnyStaff).WithName("GetReplyTemplate");

        templates.MapPost("/", async (CreateReplyTemplateCommand command, ISender sender, CancellationToken ct) =>
            {
                var template = await sender.Send(command, ct);
                return TypedResults.Created($"/api/v1/reply-templates/{template.Id}", template);
            })
            .RequireAuthorization(AdminOnly).WithName("CreateReplyTemplate");

        templates.MapPut("/{id:guid}", async (Guid id, UpdateReplyTemplateCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { Id = id }, ct)))
            .RequireAuthorization(AdminOnly).WithName("UpdateReplyTemplate");

        templates.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteReplyTemplateCommand(id), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(AdminOnly).WithName("DeleteReplyTemplate");

        // The body filled with sample values, as the admin page previews it.
        templates.MapPost("/preview", async (PreviewReplyTemplateQuery query, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query, ct)))
            .RequireAuthorization(AdminOnly).WithName("PreviewReplyTemplate");
    }

    private static void MapKeywordRules(IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/v1/keyword-rules").WithTags("Keyword rules").RequireAuthorization(AdminOnly);

        rules.MapGet("/", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListKeywordRulesQuery(), ct))).WithName("ListKeywordRules");

        rules.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetKeywordRuleQuery(id), ct))).WithName("GetKeywordRule");

        rules.MapPost("/", async (CreateKeywordRuleCommand command, ISender sender, CancellationToken ct) =>
        {
            var rule = await sender.Send(command, ct);
            return TypedResults.Created($"/api/v1/keyword-rules/{rule.Id}", rule);
        }).WithName("CreateKeywordRule");

        rules.MapPut("/{id:guid}", async (Guid id, UpdateKeywordRuleCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { Id = id }, ct))).WithName("UpdateKeywordRule");

        rules.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new DeleteKeywordRuleCommand(id), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteKeywordRule");
    }
}
