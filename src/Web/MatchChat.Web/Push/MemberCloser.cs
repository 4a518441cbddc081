using MatchChat.Web.Auth;
using MatchChat.Web.Edge;
using Microsoft.Extensions.Options;

namespace MatchChat.Web.Push;

/// <summary>
/// Closes every hub connection of a suspended or deleted member on this node (<see cref="ConnectionRegistry.CloseMember"/>),
/// when the member grain says so (<c>IChatObserver.CloseMember</c>) or a renewal finds the member out of standing. The
/// close waits <see cref="Grace"/> first, so the answer to the call that caused it (the member's own <c>DeleteMe</c>)
/// reaches the page before its connection goes; every call the member makes meanwhile is refused by their grain.
/// After the grace it reads the member's standing again and closes only if they are still out of it: a moderator who
/// lifts a suspension at once (a mistaken ban undone) must not have the member's new connection, opened after the
/// lift, thrown out by the close the suspension ordered. If the standing cannot be read, it closes.
/// </summary>
public sealed class MemberCloser(
    ConnectionRegistry registry, MemberStandingGate standing, IOptions<EdgeOptions> options, TimeProvider time, ILogger<MemberCloser> logger)
{
    /// <summary>The default <see cref="EdgeOptions.CloseGraceMilliseconds"/>.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(new EdgeOptions().CloseGraceMilliseconds);

    /// <summary>The longest <see cref="CloseAfter"/> waits for the sends before it: the close stays well within the contract's 5 seconds.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(2);

    public void Close(string memberId, string reason) => _ = CloseAfterGraceAsync(memberId, reason, Task.CompletedTask);

    /// <summary>As <see cref="Close"/>, once <paramref name="sent"/> completes (the member's sends queued before the close
    /// are out: a suspended member's <c>Suspended</c>), or after <see cref="LongestWait"/> if it does not.</summary>
    public void CloseAfter(string memberId, string reason, Task sent) => _ = CloseAfterGraceAsync(memberId, reason, sent);

    /// <summary>
    /// Runs the caller's own deletion with their connection spared from the close it orders; <see cref="AnswerGrace"/>
    /// after the answer is in hand, their connections here close (this one too). The member grain's close reaches this
    /// node on its own path, and on a loaded machine it came more than the close's grace before the answer did, so the
    /// caller's <c>DeleteMe</c> failed with the socket closed for a deletion that had happened.
    /// </summary>
    public async Task AnswerThenClose(string connectionId, string memberId, string reason, Func<Task> call)
    {
        registry.Spare(connectionId);
        try
        {
            // Spared for at most LongestSpare (a review): a slow answer must not keep a deleted member's connection open
            // past the contract's 5 seconds. The caller then hears "busy" (the page asks its standing: deleted or not).
            await call().WaitAsync(LongestSpare, time);
        }
        finally
        {
            _ = CloseAfterAnswerAsync(connectionId, memberId, reason);
        }
    }

    /// <summary>How long the caller's answer has to leave this node before its connection closes.</summary>
    public static readonly TimeSpan AnswerGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest the caller's connection is spared while their deletion runs.</summary>
    public static readonly TimeSpan LongestSpare = TimeSpan.FromSeconds(3);

    /// <summary><see cref="EdgeOptions.CloseGraceMilliseconds"/>, kept within 0–1,000 ms: with <see cref="LongestWait"/> on top
    /// the close stays within the contract's 5 seconds, and a bad value (NaN, huge) cannot stop closes altogether.</summary>
    private TimeSpan CloseGrace => options.Value.CloseGraceMilliseconds is var ms && double.IsNaN(ms)
        ? TimeSpan.Zero
        : TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, 1000));

    private async Task CloseAfterAnswerAsync(string connectionId, string memberId, string reason)
    {
        await Task.Delay(AnswerGrace, time);
        registry.Unspare(connectionId);
        Close(memberId, reason);
    }

    private async Task CloseAfterGraceAsync(string memberId, string reason, Task sent)
    {
        try
        {
            if (!sent.IsCompleted)
            {
                try
                {
                    await sent.WaitAsync(LongestWait, time);
                }
                catch (TimeoutException)
                {
                    logger.LogWarning("Closing a member's connections: their earlier sends took too long; closing anyway");
                }
            }

            await Task.Delay(CloseGrace, time);
            if (await standing.InStandingAsync(memberId) == true)
            {
                return;
            }

            var closed = registry.CloseMember(memberId, reason);
            logger.LogInformation("Closed {Count} connections of a member out of standing ({Reason})", closed, reason);
        }
        catch (Exception e)
        {
            logger.LogWarning("Closing a member's connections failed ({ExceptionType})", e.GetType().Name);
        }
    }
}
