using MatchChat.Contracts.Members;
using MatchChat.Tests.Support;
using MatchChat.Web.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Tests.Edge;

/// <summary>Connections that go silent, outlive their token, or send a frame of unknown type are closed; talking ones are not.</summary>
public sealed class ConnectionLifetimeTests(EdgeServerFixture server) : IClassFixture<EdgeServerFixture>
{
    [Fact]
    public async Task A_connection_that_completes_the_handshake_and_then_sends_nothing_is_closed_after_the_client_timeout()
    {
        var member = await EdgeClient.CreateMember(server.BaseUrl);
        using var silent = await EdgeClient.RawSocket(server.BaseUrl, member.Token);
        Assert.Equal("{}\u001e", await EdgeClient.Handshake(silent));

        // Client timeout is 3 s here; before the fix it stayed open indefinitely.
        Assert.True(await EdgeClient.ClosedWithin(silent, TimeSpan.FromSeconds(25)), "the silent connection is still open");
    }

    [Fact]
    public async Task A_connection_that_keeps_pinging_stays_open_well_past_the_client_timeout()
    {
        var member = await EdgeClient.CreateMember(server.BaseUrl);
        await using var talking = await EdgeClient.Open(server.BaseUrl, member.Token);
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Equal(HubConnectionState.Connected, talking.Hub.State);
        Assert.Equal(member.Handle, (await talking.Invoke<Member>("GetMe")).Handle);
    }

    [Fact]
    public async Task A_frame_of_unknown_type_closes_the_connection()
    {
        var member = await EdgeClient.CreateMember(server.BaseUrl);
        using var socket = await EdgeClient.RawSocket(server.BaseUrl, member.Token);
        Assert.Equal("{}\u001e", await EdgeClient.Handshake(socket));
        await EdgeClient.Send(socket, "{\"type\":99}");

        // Pings keep it from counting as silent: only the unknown frame can close it.
        Assert.True(
            await EdgeClient.ClosedWithin(socket, TimeSpan.FromSeconds(15), () => EdgeClient.Send(socket, "{\"type\":6}")),
            "the connection stayed open after a frame of unknown type");
    }

    [Fact]
    public async Task A_connection_is_closed_when_its_token_expires_and_cannot_come_back_with_it()
    {
        var member = await EdgeClient.CreateMember(server.BaseUrl);
        var tokens = new TokenService(EdgeServerFixture.SigningKey, TimeSpan.FromSeconds(6), TimeProvider.System);
        var (shortLived, expiresAt) = tokens.Issue(member.MemberId, member.AgeGroup);
        await using var connection = await EdgeClient.Open(server.BaseUrl, shortLived);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        Assert.Equal(member.Handle, (await connection.Invoke<Member>("GetMe")).Handle);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(40));
        Assert.True(DateTime.UtcNow >= expiresAt.AddSeconds(-1), "closed before the token expired");
        await Assert.ThrowsAnyAsync<Exception>(() => EdgeClient.Open(server.BaseUrl, shortLived));
    }
}

public sealed class ConnectionCapTests(ConnectionCapsFixture server) : IClassFixture<ConnectionCapsFixture>
{
    [Fact]
    public async Task Connections_over_the_member_cap_and_the_address_cap_are_refused_with_rate_limited_and_closing_one_makes_room()
    {
        var connections = new List<TestConnection>();
        try
        {
            var first = await EdgeClient.CreateMember(server.BaseUrl);
            for (var i = 0; i < 3; i++)
            {
                connections.Add(await EdgeClient.Open(server.BaseUrl, first.Token));
            }

            var overMember = await Assert.ThrowsAnyAsync<Exception>(() => EdgeClient.Open(server.BaseUrl, first.Token));
            Assert.Contains("rate_limited: You already have 3 connections open", overMember.Message);

            await connections[0].DisposeAsync();
            connections.RemoveAt(0);
            connections.Add(await RetryOpen(first.Token));

            // 3 + 3 + 2 = 8 from this address, the cap; the next member's first connection is refused.
            var second = await EdgeClient.CreateMember(server.BaseUrl);
            var third = await EdgeClient.CreateMember(server.BaseUrl);
            for (var i = 0; i < 3; i++)
            {
                connections.Add(await EdgeClient.Open(server.BaseUrl, second.Token));
            }

            connections.Add(await EdgeClient.Open(server.BaseUrl, third.Token));
            connections.Add(await EdgeClient.Open(server.BaseUrl, third.Token));
            var fourth = await EdgeClient.CreateMember(server.BaseUrl);
            var overAddress = await Assert.ThrowsAnyAsync<Exception>(() => EdgeClient.Open(server.BaseUrl, fourth.Token));
            Assert.Contains("rate_limited: Too many connections are open from your network", overAddress.Message);
            Assert.IsType<HubException>(overAddress);

            // The connections that were let in work.
            Assert.Equal(third.Handle, (await connections[^1].Invoke<Member>("GetMe")).Handle);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The server counts a closed connection out when it has finished closing; allow it a moment.</summary>
    private async Task<TestConnection> RetryOpen(string token)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await EdgeClient.Open(server.BaseUrl, token);
            }
            catch (HubException) when (attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }
}
