using MatchChat.Soak.Checks;
using MatchChat.Soak.Clients;

namespace MatchChat.Soak.Behaviours;

/// <summary>Someone who sits in a topic room and talks there every few seconds.</summary>
public sealed class RoomRegular(SoakClient client, SoakLedger ledger, SoakSettings settings, Pace pace, string slug)
{
    private int _sent;

    public string Channel { get; private set; } = $"room:{slug}";

    public async Task SetupAsync()
    {
        var room = await client.RetryAsync<Room>(TimeSpan.FromSeconds(60), "JoinRoom", slug);
        Channel = room.Channel;
        client.Follow(Channel);
        ledger.Count("room members joined");
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            client.Send(Channel, $"soak: {client.Handle} in the room #{Interlocked.Increment(ref _sent)}");
            await pace.Wait(settings.SendEveryMin * 2, settings.SendEveryMax * 2, stop);
        }
    }
}
