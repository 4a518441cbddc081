using System.Collections.Concurrent;
using System.Text.Json;

namespace MatchChat.Browser.Tests;

/// <summary>
/// Sits between the page and the hub on every WebSocket the page opens (Playwright's routeWebSocket),
/// forwarding SignalR JSON frames. It can cut every socket at once, or swallow one SendMessage
/// completion (and its echo) and then cut the connection, as a dropped mobile connection would.
/// </summary>
internal sealed class SocketControl
{
    private const char RecordSeparator = '\u001e';
    private readonly ConcurrentBag<(IWebSocketRoute Page, IWebSocketRoute Server)> open = [];
    private int opened;
    private int lost;

    public bool LoseNextSendAcknowledgement { get; set; }

    /// <summary>Frames are lost both ways and nothing is closed: a network gone dead, which the page can only time out.</summary>
    public bool Silent { get; set; }

    /// <summary>The next call of this hub method never reaches the server: the connection drops as it is sent.</summary>
    public string? DropOnCall { get; set; }

    public int Opened => opened;

    public int LostAcknowledgements => lost;

    public ConcurrentQueue<(string Id, string Text)> SentClientMessageIds { get; } = new();

    public Task AttachAsync(IBrowserContext context) => context.RouteWebSocketAsync("**/hubs/chat**", Route);

    public async Task DropAllAsync()
    {
        foreach (var (page, serverSide) in open)
        {
            await CloseAsync(page, serverSide);
        }
    }

    /// <summary>An event as the hub would send it (SignalR JSON invocation), to every page socket that is open.</summary>
    public void SendEventToPages(string target, object argument)
    {
        var frame = JsonSerializer.Serialize(new { type = 1, target, arguments = new[] { argument } }) + RecordSeparator;
        foreach (var (page, _) in open)
        {
            try
            {
                page.Send(frame);
            }
            catch (PlaywrightException)
            {
            }
        }
    }

    private static async Task CloseAsync(IWebSocketRoute page, IWebSocketRoute serverSide)
    {
        try
        {
            await page.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "network lost (test)" });
        }
        catch (PlaywrightException)
        {
        }

        try
        {
            await serverSide.CloseAsync();
        }
        catch (PlaywrightException)
        {
        }
    }

    private void Route(IWebSocketRoute page)
    {
        Interlocked.Increment(ref opened);
        var serverSide = page.ConnectToServer();
        open.Add((page, serverSide));
        string? swallowInvocation = null;
        string? swallowEcho = null;
        var cut = 0;

        page.OnMessage(frame =>
        {
            if (Silent)
            {
                return;
            }

            if (frame.Text is not { } text)
            {
                serverSide.Send(frame.Binary!);
                return;
            }

            foreach (var record in Records(text))
            {
                using var json = JsonDocument.Parse(record);
                var root = json.RootElement;
                if (DropOnCall is { } dropped && root.TryGetProperty("type", out var kind) && kind.GetInt32() == 1
                    && root.TryGetProperty("target", out var called) && called.GetString() == dropped)
                {
                    DropOnCall = null;
                    _ = CloseAsync(page, serverSide);
                    return;
                }

                if (root.TryGetProperty("type", out var type) && type.GetInt32() == 1
                    && root.TryGetProperty("target", out var target) && target.GetString() == "SendMessage")
                {
                    var args = root.GetProperty("arguments");
                    var id = args[1].GetString()!;
                    SentClientMessageIds.Enqueue((id, args[2].GetString()!));
                    if (LoseNextSendAcknowledgement && root.TryGetProperty("invocationId", out var invocation))
                    {
                        LoseNextSendAcknowledgement = false;
                        swallowInvocation = invocation.GetString();
                        swallowEcho = id;
                    }
                }
            }

            serverSide.Send(text);
        });

        serverSide.OnMessage(frame =>
        {
            if (Silent)
            {
                return;
            }

            if (frame.Text is not { } text)
            {
                page.Send(frame.Binary!);
                return;
            }

            if (swallowInvocation is null)
            {
                page.Send(text);
                return;
            }

            var keep = new List<string>();
            var completionLost = false;
            foreach (var record in Records(text))
            {
                using var json = JsonDocument.Parse(record);
                var root = json.RootElement;
                var type = root.TryGetProperty("type", out var t) ? t.GetInt32() : 0;
                if (type == 3 && root.TryGetProperty("invocationId", out var inv) && inv.GetString() == swallowInvocation)
                {
                    completionLost = true;
                    continue;
                }

                if (type == 1 && root.TryGetProperty("target", out var target) && target.GetString() == "MessageReceived"
                    && root.GetProperty("arguments")[0].TryGetProperty("clientMessageId", out var cmid) && cmid.GetString() == swallowEcho)
                {
                    continue;
                }

                keep.Add(record + RecordSeparator);
            }

            if (keep.Count > 0)
            {
                page.Send(string.Concat(keep));
            }

            if (completionLost && Interlocked.Exchange(ref cut, 1) == 0)
            {
                Interlocked.Increment(ref lost);
                _ = CloseAsync(page, serverSide);
            }
        });
    }

    private static IEnumerable<string> Records(string text) =>
        text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
}
