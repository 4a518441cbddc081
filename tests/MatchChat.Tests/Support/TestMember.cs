using System.Net.Http.Json;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;

namespace MatchChat.Tests.Support;

/// <summary>A member created through POST /api/members, with one or more live connections.</summary>
public sealed class TestMember : IAsyncDisposable
{
    private readonly List<TestConnection> _connections = [];

    private TestMember(Uri baseUrl, CreatedMember created)
    {
        BaseUrl = baseUrl;
        Created = created;
    }

    public Uri BaseUrl { get; }
    public CreatedMember Created { get; }
    public string Handle => Created.Handle;
    public string Token => Created.Token;

    /// <summary>The first connection.</summary>
    public TestConnection Conn => _connections[0];

    public static async Task<TestMember> CreateAsync(Uri baseUrl, string ageGroup = "adult", string? language = null)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        HttpResponseMessage response;
        for (var attempt = 1; ; attempt++)
        {
            response = language is null
                ? await http.PostAsJsonAsync("/api/members", new { ageGroup })
                : await http.PostAsJsonAsync("/api/members", new { ageGroup, language });
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                break;
            }

            // 503 with Retry-After is the documented answer of a node that cannot serve just now (an overloaded machine
            // in CI, a pool at its budget): a client waits as told and tries again (the page asks the person to).
            var wait = response.Headers.RetryAfter?.Delta is { } told && told < TimeSpan.FromSeconds(10) ? told : TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
        }

        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<CreatedMember>())!;
        var member = new TestMember(baseUrl, created);
        await member.ConnectAnother();
        return member;
    }

    /// <summary>
    /// A connection the server has attached: the client's start completes at the handshake, before the server's
    /// <c>OnConnectedAsync</c> has put it in the member's channels, and a message sent in between reaches the tab only
    /// through history. The server dispatches a connection's first call after <c>OnConnectedAsync</c>, so a
    /// <c>GetMe</c> round trip (what a client does on connect) means it is attached.
    /// </summary>
    public async Task<TestConnection> ConnectAnother()
    {
        var connection = await TestConnection.OpenAsync(BaseUrl, Token);
        _connections.Add(connection);
        await connection.Invoke<Member>("GetMe");
        return connection;
    }

    public Task<ListenerProfile> Volunteer(string topic, string[]? experiences = null, int max = 2, bool acceptsTeens = false) =>
        Conn.Invoke<ListenerProfile>("Volunteer", new { topics = new[] { topic }, experiences = experiences ?? [], maxConcurrentChats = max, acceptsTeens, agreedToGuide = true });

    public async Task BecomeAvailableListener(string topic, string[]? experiences = null, int max = 2, bool acceptsTeens = false)
    {
        await Volunteer(topic, experiences, max, acceptsTeens);
        await Conn.Invoke<ListenerProfile>("SetAvailable", true);
    }

    public Task<QueueTicket> Request(string topic, string[]? experiences = null, string? note = null) =>
        Conn.Invoke<QueueTicket>("RequestListener", new { topic, experiences = experiences ?? [], note });

    public Task<Message> Send(string channel, string text, string? clientMessageId = null) =>
        Conn.Invoke<Message>("SendMessage", channel, clientMessageId ?? Guid.NewGuid().ToString("N"), text);

    public Task<Message[]> History(string channel, long? afterSeq = null, long? beforeSeq = null, int? limit = null) =>
        Conn.Invoke<Message[]>("GetHistory", channel, afterSeq, beforeSeq, limit);

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connections)
        {
            await c.DisposeAsync();
        }
    }

    public sealed record CreatedMember(string MemberId, string Handle, string AgeGroup, string Token, DateTime ExpiresAt);
}
