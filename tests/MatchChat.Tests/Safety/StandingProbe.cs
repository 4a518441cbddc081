using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Tests.Safety;

/// <summary>What the standing tests observe from outside: whether a token is accepted, when a connection closes, MemberUpdated.</summary>
public static class StandingProbe
{
    /// <summary>The status of a hub negotiate with this token (what every client does before it connects).</summary>
    public static async Task<HttpStatusCode> Negotiate(Uri baseUrl, string token)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The status of <c>DELETE /api/members/me</c> with this token.</summary>
    public static async Task<HttpStatusCode> DeleteMe(Uri baseUrl, string token)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/members/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary><c>POST /api/members/me/standing</c> with this token: the status and, on 200, the answer's fields.</summary>
    public static async Task<(HttpStatusCode Status, string? Standing, string? Until, string? Reason)> Standing(Uri baseUrl, string? token)
    {
        using var response = await PostStanding(baseUrl, token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null, null, null);
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        return (response.StatusCode, root.GetProperty("status").GetString(), root.GetProperty("until").GetString(), root.GetProperty("reason").GetString());
    }

    /// <summary><c>POST /api/members/me/standing</c> with this token (or none): the status and the problem's <c>detail</c>.</summary>
    public static async Task<(HttpStatusCode Status, string? Detail)> StandingProblem(Uri baseUrl, string? token)
    {
        using var response = await PostStanding(baseUrl, token);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
    }

    private static async Task<HttpResponseMessage> PostStanding(Uri baseUrl, string? token)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/members/me/standing");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Completes when the server closes the connection (subscribe before the action that closes it).</summary>
    public static Task WhenClosed(TestConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return connection.Hub.State == HubConnectionState.Disconnected ? Task.CompletedTask : closed.Task;
    }

    /// <summary>Waits (at most <paramref name="within"/>) until every task completes; how long it took from <paramref name="since"/>.</summary>
    public static async Task<TimeSpan> AllWithin(Stopwatch since, TimeSpan within, params Task[] tasks)
    {
        var all = Task.WhenAll(tasks);
        var finished = await Task.WhenAny(all, Task.Delay(within));
        Assert.True(finished == all, $"not everything happened within {within.TotalSeconds}s");
        return since.Elapsed;
    }

    /// <summary>Records <c>MemberUpdated</c> events on the connection (an addition to the contract).</summary>
    public static MemberUpdates RecordMemberUpdated(TestConnection connection) => new(connection);

    public sealed class MemberUpdates
    {
        private readonly List<Member> _seen = [];
        private readonly SemaphoreSlim _signal = new(0);

        public MemberUpdates(TestConnection connection) =>
            connection.Hub.On<Member>("MemberUpdated", m =>
            {
                lock (_seen)
                {
                    _seen.Add(m);
                }

                _signal.Release();
            });

        public async Task<Member> Next(Func<Member, bool> match, double seconds = 10)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            while (true)
            {
                lock (_seen)
                {
                    if (_seen.FirstOrDefault(match) is { } found)
                    {
                        return found;
                    }
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
                {
                    throw new TimeoutException($"No matching MemberUpdated within {seconds}s.");
                }
            }
        }
    }
}
