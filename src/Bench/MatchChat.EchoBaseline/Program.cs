using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

// A bare ASP.NET Core SignalR server with the same host settings as MatchChat's web node
// (Kestrel, JSON hub protocol with camelCase, WebSockets) and no Orleans, no auth, no storage.
// It is the S0 baseline of the benchmark driver in src/Bench/MatchChat.Bench.
var builder = WebApplication.CreateBuilder(args);
// Same log levels as src/Web/MatchChat.Web/appsettings.json.
builder.Logging.SetMinimumLevel(LogLevel.Information);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.AddSignalR().AddJsonProtocol();
builder.Services.AddSingleton<ChannelSequences>();

var app = builder.Build();
app.UseWebSockets();
app.MapGet("/healthz", () => Results.Ok("ok"));
app.MapHub<EchoHub>("/hubs/echo");
app.Run();

/// <summary>Per-channel sequence numbers so the relay path does the same bookkeeping shape as MatchChat.</summary>
public sealed class ChannelSequences
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _seqs = new(StringComparer.Ordinal);

    public long Next(string channel) => Interlocked.Increment(ref _seqs.GetOrAdd(channel, _ => new StrongBox<long>()).Value);
}

/// <summary>Mutable box used by <see cref="ChannelSequences"/>.</summary>
public sealed class StrongBox<T>
{
    public T? Value;
}

/// <summary>The message shape MatchChat returns and broadcasts (PROTOCOL.md, Message).</summary>
public sealed record EchoMessage(string Channel, long Seq, string SenderHandle, string Text, DateTimeOffset SentAt, string ClientMessageId);

public sealed class EchoHub(ChannelSequences seqs) : Hub
{
    /// <summary>S0 echo: returns the text to the caller.</summary>
    public string Echo(string text) => text;

    /// <summary>Relay baseline: joins a channel group (what MatchChat does when a conversation starts).</summary>
    public Task Join(string channel) => Groups.AddToGroupAsync(Context.ConnectionId, channel);

    /// <summary>Relay baseline: same signature and events as MatchChat's SendMessage, without storage or grains.</summary>
    public async Task<EchoMessage> SendMessage(string channel, string clientMessageId, string text)
    {
        var msg = new EchoMessage(channel, seqs.Next(channel), Context.ConnectionId, text, DateTimeOffset.UtcNow, clientMessageId);
        await Clients.Group(channel).SendAsync("MessageReceived", msg);
        return msg;
    }
}
