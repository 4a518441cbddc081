using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Edge;

/// <summary>What a probe from outside does: raw HTTP and raw WebSockets next to the real SignalR client.</summary>
public static class EdgeClient
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(0.5);

    public static async Task<TestMember.CreatedMember> CreateMember(Uri baseUrl)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var response = await http.PostAsJsonAsync("/api/members", new { ageGroup = "adult" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TestMember.CreatedMember>())!;
    }

    public static Task<TestConnection> Open(Uri baseUrl, string token) => TestConnection.OpenAsync(baseUrl, token, KeepAlive);

    public static async Task<ClientWebSocket> RawSocket(Uri baseUrl, string token, string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        var uri = new UriBuilder(new Uri(baseUrl, "/hubs/chat")) { Scheme = "ws", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(uri, timeout.Token);
        return socket;
    }

    public static Task Send(ClientWebSocket socket, string frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame + "\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Sends the SignalR handshake and reads its answer.</summary>
    public static async Task<string> Handshake(ClientWebSocket socket)
    {
        await Send(socket, "{\"protocol\":\"json\",\"version\":1}");
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    /// <summary>True when the server closes the socket within the time; server pings are read and ignored.</summary>
    public static async Task<bool> ClosedWithin(ClientWebSocket socket, TimeSpan within, Func<Task>? meanwhile = null)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[4096];
        var receive = socket.ReceiveAsync(buffer, timeout.Token);
        try
        {
            while (true)
            {
                if (meanwhile is not null && await Task.WhenAny(receive, Task.Delay(500)) != receive)
                {
                    if (timeout.IsCancellationRequested)
                    {
                        return false;
                    }

                    await meanwhile();
                    continue;
                }

                var result = await receive;
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }

                receive = socket.ReceiveAsync(buffer, timeout.Token);
            }
        }
        catch (WebSocketException)
        {
            // Also what cancelling a receive does to the socket: only a close before the deadline counts.
            return !timeout.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
