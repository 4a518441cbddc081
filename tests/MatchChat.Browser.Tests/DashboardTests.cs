using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace MatchChat.Browser.Tests;

/// <summary>The operator's view: the Orleans Dashboard at /dashboard, opened only by the admin key.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardFixture server)
{
    [Fact]
    public async Task An_operator_who_signs_in_with_the_admin_key_sees_the_member_grain_activations()
    {
        using (var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) })
        {
            for (var i = 0; i < 3; i++)
            {
                using var created = await http.PostAsJsonAsync("/api/members", new { ageGroup = "adult" });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }
        }

        await using var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/dashboard/signin");
        await page.GetByTestId("signin-key").FillAsync(server.AdminKey);
        await page.GetByTestId("signin-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/dashboard/(#.*)?$"));
        await Expect(page.GetByText("Total Activations")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Grains", Exact = true }).ClickAsync();
        var memberGrain = page.GetByRole(AriaRole.Link, new() { Name = "MemberGrain", Exact = true }).First;
        await Expect(memberGrain).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = memberGrain });
        var activations = Regex.Match(await row.InnerTextAsync(), @"MemberGrain\s+(\d+)");
        Assert.True(activations.Success && int.Parse(activations.Groups[1].Value) >= 3, "MemberGrain row: " + await row.InnerTextAsync());
        await Screenshots.SaveAsync(page, "30-dashboard");

        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "matchchat-dashboard");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/dashboard", cookie.Path);
        Assert.DoesNotContain(server.AdminKey, cookie.Value);
        Assert.DoesNotContain(server.AdminKey.TrimEnd('='), cookie.Value);
    }

    [Fact]
    public async Task A_wrong_key_leaves_the_dashboard_shut_and_shows_nothing_of_the_cluster()
    {
        await using var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/dashboard/");
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/dashboard/signin");
        await page.GetByTestId("signin-key").FillAsync(Convert.ToBase64String(new byte[32]));
        await page.GetByTestId("signin-submit").ClickAsync();

        await Expect(page.GetByTestId("signin-error")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/dashboard/signin");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "matchchat-dashboard");

        // Straight to the page or its API with no session: a redirect to the sign-in, 401s with nothing in them.
        await page.GotoAsync("/dashboard/index.html");
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/dashboard/signin");
        foreach (var path in new[] { "/dashboard/DashboardCounters", "/dashboard/GrainTypes", "/dashboard/ClusterStats", "/dashboard/index.min.js" })
        {
            var response = await page.APIRequest.GetAsync(path);
            Assert.Equal(401, response.Status);
            var body = await response.TextAsync();
            Assert.DoesNotContain("Grain", body);
            Assert.DoesNotContain("silo", body, StringComparison.OrdinalIgnoreCase);
        }

        // A forged cookie is no better.
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "matchchat-dashboard", Value = "v1.9999999999.AAAA", Url = server.BaseUrl + "/dashboard" }]);
        Assert.Equal(401, (await page.APIRequest.GetAsync("/dashboard/DashboardCounters")).Status);
    }
}
