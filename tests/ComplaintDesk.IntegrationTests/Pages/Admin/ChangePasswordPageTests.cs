using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.IntegrationTests.Api;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.Web.Pages.Account;

namespace ComplaintDesk.IntegrationTests.Pages.Admin;

/// <summary>/Account/ChangePassword: for every signed-in person, whatever their role.</summary>
public sealed class ChangePasswordPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string NewPassword = "Brand-new-password-456";

    [Fact]
    public async Task A_new_password_keeps_this_session_ends_the_others_and_replaces_the_old_one()
    {
        var agent = await app.CreateAgentAsync();
        using var here = await PageSession.SignInAsync(app, agent);
        using var elsewhere = await PageSession.SignInAsync(app, agent);
        var api = await app.ClientForAsync(agent);
        var form = await here.GetPageAsync("/Account/ChangePassword");

        using var changed = await here.SubmitAsync(form, "Change password", new()
        {
            ["Current password"] = ComplaintDeskApp.Password, ["New password"] = NewPassword, ["New password again"] = NewPassword,
        });
        var done = await here.FollowAsync(changed);

        Assert.Equal(ChangePasswordModel.ChangedMessage, done.Document.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        using (var stillHere = await here.GetAsync("/Complaints"))
        {
            Assert.Equal(HttpStatusCode.OK, stillHere.StatusCode);
        }
        using (var signedOutElsewhere = await elsewhere.GetAsync("/Complaints"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOutElsewhere.StatusCode);
        }
        using (var oldToken = await api.GetAsync("/api/v1/complaints", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        }
        using var withOld = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { email = agent.Email, password = ComplaintDeskApp.Password }, Ct);
        using var withNew = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { email = agent.Email, password = NewPassword }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Theory]
    [InlineData("Not-my-password-1", NewPassword, NewPassword, "CurrentPassword", ChangePasswordModel.WrongCurrentMessage)]
    [InlineData(ComplaintDeskApp.Password, NewPassword, "Something-else-789", "ConfirmPassword", "The two new passwords are not the same.")]
    [InlineData(ComplaintDeskApp.Password, "short", "short", "NewPassword", null)]
    [InlineData("", NewPassword, NewPassword, "CurrentPassword", "Enter your current password.")]
    public async Task A_refused_change_names_the_field_echoes_no_password_and_keeps_the_old_one(
        string current, string next, string confirm, string field, string? message)
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var form = await session.GetPageAsync("/Account/ChangePassword");

        using var response = await session.SubmitAsync(form, "Change password", new()
        {
            ["Current password"] = current, ["New password"] = next, ["New password again"] = confirm,
        });
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(page.FieldError(field));
        if (message is not null)
        {
            Assert.Equal(message, page.FieldError(field));
        }
        Assert.All(new[] { "CurrentPassword", "NewPassword", "ConfirmPassword" }, name => Assert.Equal("", page.FieldValue(name)));
        using var token = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { email = agent.Email, password = ComplaintDeskApp.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task The_page_needs_a_session_and_a_token()
    {
        var agent = await app.CreateAgentAsync();
        using var anonymous = PageSession.Anonymous(app);
        using var session = await PageSession.SignInAsync(app, agent);

        using var notSignedIn = await anonymous.GetAsync("/Account/ChangePassword");
        using var noToken = await session.PostAsync("/Account/ChangePassword",
            [new("CurrentPassword", ComplaintDeskApp.Password), new("NewPassword", NewPassword), new("ConfirmPassword", NewPassword)]);

        Assert.Equal(HttpStatusCode.Redirect, notSignedIn.StatusCode);
        Assert.StartsWith("/Account/Login", notSignedIn.Headers.Location!.PathAndQueryOf());
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }
}
