using System.Net;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.Web.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Account;

public sealed class SignInPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    [Fact]
    public async Task An_anonymous_visit_to_the_queue_is_sent_to_the_sign_in_page()
    {
        using var session = PageSession.Anonymous(app);

        using var response = await session.GetAsync("/Complaints");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQueryOf());
        Assert.Contains("ReturnUrl=%2FComplaints", response.Headers.Location!.PathAndQueryOf());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_message_and_no_session()
    {
        var agent = await app.CreateAgentAsync();
        using var session = PageSession.Anonymous(app);

        using var wrongPassword = await session.SignInAsync(agent.Email, "Not-the-password-1");
        var wrongPasswordPage = await HtmlPage.ReadAsync(wrongPassword);
        using var unknownEmail = await session.SignInAsync("nobody@test.example", ComplaintDeskApp.Password);
        var unknownEmailPage = await HtmlPage.ReadAsync(unknownEmail);

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknownEmail.StatusCode);
        Assert.Contains(LoginModel.FailedMessage, wrongPasswordPage.Text);
        Assert.Equal(wrongPasswordPage.Document.QuerySelector("[role=alert]")!.TextContent.Trim(),
            unknownEmailPage.Document.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal("nobody@test.example", unknownEmailPage.FieldValue("Email")); // what was typed stays
        Assert.Equal("", wrongPasswordPage.FieldValue("Password")); // a password is never echoed back
        using var queue = await session.GetAsync("/Complaints");
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        var failures = await app.QueryDbAsync(db => db.Users.Where(u => u.Id == agent.Id).Select(u => u.AccessFailedCount)
            .SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, failures); // lockoutOnFailure: the wrong password counted
    }

    [Fact]
    public async Task A_correct_sign_in_goes_to_the_queue_and_the_queue_then_opens()
    {
        var agent = await app.CreateAgentAsync("Queue Opener");
        using var session = PageSession.Anonymous(app);

        using var response = await session.SignInAsync(agent.Email, ComplaintDeskApp.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Complaints", response.Headers.Location!.PathAndQueryOf());
        var queue = await session.FollowAsync(response);
        Assert.Equal("Queue", queue.Heading);
        Assert.Contains("Queue Opener", queue.Text); // the header names who is signed in
    }

    [Fact]
    public async Task A_local_return_url_is_honoured_and_a_foreign_one_is_not()
    {
        var agent = await app.CreateAgentAsync();
        using var local = PageSession.Anonymous(app);
        using var foreign = PageSession.Anonymous(app);

        using var toLocal = await local.SignInAsync(agent.Email, ComplaintDeskApp.Password, "/Account/Login?ReturnUrl=%2FComplaints%2FNew");
        using var toForeign = await foreign.SignInAsync(agent.Email, ComplaintDeskApp.Password, "/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/Complaints/New", toLocal.Headers.Location!.PathAndQueryOf());
        Assert.Equal("/Complaints", toForeign.Headers.Location!.PathAndQueryOf());
    }

    [Fact]
    public async Task The_demo_sign_in_hint_is_not_shown_outside_development()
    {
        using var session = PageSession.Anonymous(app);

        var login = await session.GetPageAsync("/Account/Login");

        Assert.DoesNotContain(ComplaintDesk.Web.Hosting.DemoData.Password, login.Text);
        Assert.NotNull(login.Document.QuerySelector("label[for=Email]"));
        Assert.NotNull(login.Document.QuerySelector("label[for=Password]"));
    }

    [Fact]
    public async Task Signing_out_takes_a_post_with_the_token_and_ends_the_session()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var queue = await session.GetPageAsync("/Complaints");

        using var withoutToken = await session.PostAsync("/Account/Logout", []);
        using var stillIn = await session.GetAsync("/Complaints");
        using var signOut = await session.SubmitAsync(queue, "Sign out");
        using var afterwards = await session.GetAsync("/Complaints");

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/Account/Login", signOut.Headers.Location!.PathAndQueryOf());
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
    }

    [Fact]
    public async Task The_access_denied_page_answers_403_with_a_clear_message()
    {
        using var session = PageSession.Anonymous(app);

        using var response = await session.GetAsync("/Account/AccessDenied");
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Access denied", page.Heading);
    }
}
