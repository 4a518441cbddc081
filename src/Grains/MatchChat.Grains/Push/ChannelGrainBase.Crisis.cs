using System.Diagnostics;
using MatchChat.Contracts;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Telemetry;
using MatchChat.Grains.Crisis;
using MatchChat.Language.Detection;

namespace MatchChat.Grains.Push;

/// <summary>[crisis] Each stored message's reading for crisis language, and an acknowledgement that waits for a crisis alert.</summary>
public abstract partial class ChannelGrainBase
{
    private static async Task AnswerAfter(Task alerting, PendingSend send, Message message)
    {
        try
        {
            // Bounded: a screen that hangs holds the acknowledgement at most this long.
            await alerting.WaitAsync(AlertWait);
        }
        catch (Exception)
        {
            // The screen failed or timed out: the message is stored and delivered all the same.
            MatchChatMetrics.CrisisScreenFailed();
        }

        send.Stored.TrySetResult(message);
    }

    /// <summary>[crisis] What the screen needs to know about a stored message: the writer's role, the topic, a conversation's peer.</summary>
    protected abstract CrisisText DescribeForScreen(string memberId, string handle, Message message);

    /// <summary>
    /// [crisis] After the message is stored and pushed: the phrase screen here (microseconds, no model, no grain call),
    /// and only a text it cannot settle (a level to act on, or one for the model) goes one-way to the crisis screen grain
    /// (a stateless worker), so the model never runs in a channel's turn and a failing detector cannot reach the message.
    /// A text the phrase screen reads as crisis goes two-way instead: the returned task ends when its alert is stored (and
    /// the writer told), and the sender's acknowledgement waits for it, so a process that dies just after the
    /// acknowledgement cannot lose the alert. Texts that only the model reads as crisis keep a window of milliseconds.
    /// </summary>
    private Task? ScreenForCrisis(string memberId, string handle, Message message, bool onlyCrisis = false)
    {
        if (_screening is not { Enabled: true } screening)
        {
            return null;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            var text = DescribeForScreen(memberId, handle, message);
            var screen = screening.Screen(text.Text, CrisisScreenGrain.RoleOf(text.Role), CrisisTextSource.Message);
            if (onlyCrisis && screen.Level != CrisisLevel.Crisis)
            {
                // A resend: only a crisis the phrase screen reads is read again (its alert may have been lost).
                return null;
            }

            if (!CrisisScreening.NeedsMore(screen))
            {
                MatchChatMetrics.CrisisTextScreened(text.Source, "no", Stopwatch.GetElapsedTime(started));
                return null;
            }

            if (screening.WouldSkipModel(screen))
            {
                MatchChatMetrics.CrisisTextScreened(text.Source, "skipped", Stopwatch.GetElapsedTime(started));
                return null;
            }

            if (screen.Level == CrisisLevel.Crisis)
            {
                return GrainFactory.Ref<ICrisisScreenGrain>(0).ScreenAndWait(text, locale: null, tellWriter: true, resend: onlyCrisis);
            }

            _ = GrainFactory.Ref<ICrisisScreenGrain>(0).Screen(text);
        }
        catch (Exception)
        {
            MatchChatMetrics.CrisisScreenFailed();
        }

        return null;
    }

    /// <summary>
    /// [crisis] A text this channel refused (the writer is muted, the conversation ended) is still read: a person in
    /// crisis whose words cannot be delivered gets the crisis resources, and moderators an alert without a message to
    /// point to (it is not stored). An outside probe: a muted member wrote "I want to kill myself tonight" and got only
    /// "forbidden". One-way, after the phrase screen here, as for a stored message; nothing is awaited.
    /// </summary>
    private void ScreenRefused(string memberId, string handle, string clientMessageId, string text)
    {
        if (_screening is not { Enabled: true } screening)
        {
            return;
        }

        try
        {
            // The alert's id comes from the send (channel, writer, clientMessageId) through RequestId, which only names
            // it: a "Try again" of the same refused text is read as a resend, so moderators get one alert and the writer
            // is not told again (a review: each retry made a new alert).
            var described = DescribeForScreen(memberId, handle, new Message(Channel, 0, handle, text, Now, clientMessageId, false))
                with
            { Channel = null, Seq = null, ConversationId = null, PeerId = null, RequestId = $"refused|{Channel}|{memberId}|{clientMessageId}" };
            var screen = screening.Screen(described.Text, CrisisScreenGrain.RoleOf(described.Role), CrisisTextSource.Message);
            if (CrisisScreening.NeedsMore(screen) && !screening.WouldSkipModel(screen))
            {
                _ = GrainFactory.Ref<ICrisisScreenGrain>(0).ScreenAndWait(described, locale: null, tellWriter: true, resend: true);
            }
        }
        catch (Exception)
        {
            MatchChatMetrics.CrisisScreenFailed();
        }
    }
}
