using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Bench.Scenarios;

/// <summary>What the matching scenarios (S4, S8) share: listeners who volunteer for one topic and go available.</summary>
public static class MatchingPeers
{
    /// <summary>Every listener volunteers for <paramref name="topic"/> with <paramref name="capacity"/> chats (adults only), then goes available.</summary>
    public static Task VolunteerAsync(Peer[] listeners, string topic, int capacity, Func<int, string?>? bio = null) =>
        Clients.ForAsync(listeners.Length, 32, async i =>
        {
            await listeners[i].Conn.InvokeAsync<System.Text.Json.JsonElement>("Volunteer",
                new { topics = new[] { topic }, experiences = Array.Empty<string>(), maxConcurrentChats = capacity, acceptsTeens = false, agreedToGuide = true, bio = bio?.Invoke(i) });
            await listeners[i].Conn.InvokeAsync<System.Text.Json.JsonElement>("SetAvailable", true);
        }, TimeSpan.FromMinutes(5));
}
