using MatchChat.Bench.Infra;

namespace MatchChat.Bench.Scenarios;

/// <summary>A MatchChat server on the in-memory store with <see cref="Profile.Pairs"/> conversations, shared by S1 and S2.</summary>
public sealed class RelaySession : IAsyncDisposable
{
    private RelaySession(ServerProcess server, HttpClient http, List<RelayPair> pairs)
    {
        Server = server;
        Http = http;
        Pairs = pairs;
    }

    public ServerProcess Server { get; }
    public HttpClient Http { get; }
    public List<RelayPair> Pairs { get; }

    /// <summary>The table's case text, e.g. "100 conns as 50 conversations".</summary>
    public string Case => $"{Pairs.Count * 2} conns as {Pairs.Count} conversations";

    public static async Task<RelaySession> StartAsync(ScenarioContext context)
    {
        Log.Info("S1/S2: MatchChat relay (in-memory store)");
        var server = await context.StartMatchChatAsync("matchchat", "matchchat-relay.log");
        var http = Clients.NewHttp(server.BaseUri);
        try
        {
            var pairs = await Relay.MatchChatPairsAsync(server, http, context.Profile.Pairs, context.Options.SkipNegotiation, context.Results);
            return new RelaySession(server, http, pairs);
        }
        catch
        {
            http.Dispose();
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Clients.DisposeAllAsync(Pairs.SelectMany(p => new[] { p.A, p.B }));
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
