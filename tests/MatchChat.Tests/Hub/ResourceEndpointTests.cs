using System.Net;
using System.Text.Json;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hub;

/// <summary><c>GET /api/resources</c> on a real server: no token, crisis lines first, region and language chosen, bad input refused.</summary>
public sealed class ResourceEndpointTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Http() => new() { BaseAddress = server.BaseUrl };

    [Fact]
    public async Task Resources_for_a_region_come_without_a_token_crisis_lines_first_and_with_the_international_directory()
    {
        using var http = Http();
        using var body = JsonDocument.Parse(await http.GetStringAsync("/api/resources?region=GB&language=en&topic=grief"));
        var items = body.RootElement.EnumerateArray().ToList();
        Assert.Contains(items, r => r.GetProperty("name").GetString() == "Samaritans" && r.GetProperty("contact").GetString()!.Contains("116 123"));
        Assert.Contains(items, r => r.GetProperty("region").GetString() == "*");
        Assert.DoesNotContain(items, r => r.GetProperty("region").GetString() is not ("GB" or "*"));
        var kinds = items.Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.Equal("crisis", kinds[0]);
        Assert.Equal(kinds.OrderBy(k => Array.IndexOf(["crisis", "helpline", "professional", "community"], k)), kinds);
        foreach (var field in new[] { "name", "contact", "url", "region", "languages", "hours", "kind" })
        {
            Assert.True(items[0].TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task A_region_with_no_service_of_its_own_gets_the_international_directory()
    {
        using var http = Http();
        using var body = JsonDocument.Parse(await http.GetStringAsync("/api/resources?region=JP"));
        var items = body.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, r => Assert.Equal("*", r.GetProperty("region").GetString()));
    }

    [Fact]
    public async Task Without_a_region_the_accept_language_region_is_used()
    {
        using var http = Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        request.Headers.TryAddWithoutValidation("Accept-Language", "de-DE,de;q=0.9");
        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(body.RootElement.EnumerateArray(), r => r.GetProperty("contact").GetString()!.Contains("0800 111 0 111"));
    }

    [Theory]
    [InlineData("ES", "es", "024")]
    [InlineData("MX", "es", "800 911 2000")]
    [InlineData("BR", "pt", "188")]
    [InlineData("AT", "de", "142")]
    public async Task Spanish_Portuguese_and_Austrian_readers_get_their_national_line_first_not_only_an_english_directory(string region, string language, string number)
    {
        // An outside browser probe: es-ES, es-MX, pt-BR and de-AT got only "Find A Helpline", in English.
        using var http = Http();
        using var body = JsonDocument.Parse(await http.GetStringAsync($"/api/resources?region={region}&language={language}"));
        var items = body.RootElement.EnumerateArray().ToList();
        Assert.Equal(region, items[0].GetProperty("region").GetString());
        Assert.Contains(number, items[0].GetProperty("contact").GetString());
        Assert.Contains(language, items[0].GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Contains(items, r => r.GetProperty("url").GetString() == "https://findahelpline.com");
    }

    [Theory]
    [InlineData("region=GBR")]
    [InlineData("region=1A")]
    [InlineData("language=EN")]
    [InlineData("language=english")]
    [InlineData("topic=Grief!")]
    public async Task Bad_query_values_answer_400_problem_json_with_a_sentence(string query)
    {
        using var http = Http();
        using var response = await http.GetAsync($"/api/resources?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("invalid: ", body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_topic_answers_404_with_a_sentence_not_an_unfiltered_list()
    {
        using var http = Http();
        using var response = await http.GetAsync("/api/resources?region=GB&topic=nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("not_found: ", body.RootElement.GetProperty("detail").GetString());
    }
}
