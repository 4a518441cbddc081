using System.Diagnostics;
using MatchChat.Contracts;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Push;
using MatchChat.Contracts.Telemetry;
using MatchChat.Grains.Crisis;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Messages;
using MatchChat.Language.Detection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Push;

/// <summary>
/// What conversations and rooms share: seq assignment, the message store, typing, and push to subscribed web nodes.
/// Seq is not grain state: it continues from the store's maximum, so it survives any restart the store survives.
/// Sends on one channel are serialised by the grain; the store batches across channels.
/// </summary>
public abstract class ChannelGrainBase(IMessageStore store, IOptions<MatchChatTimings> timings, TimeProvider time) : Grain, IChannelGrain
{
    private const int MaxRefills = 4;
    private static readonly IReadOnlySet<string> NoneHidden = new HashSet<string>();
    private long _nextSeq;
    private CrisisScreening? _screening;

    protected NodeSubscriptions Nodes { get; } = new(timings.Value.ObserverExpiry, time);

    protected DateTime Now => time.GetUtcNow().UtcDateTime;

    protected abstract string Channel { get; }

    /// <summary>Who may read this channel (participants or joined members).</summary>
    protected abstract IEnumerable<string> MemberIds { get; }

    /// <summary>
    /// A fresh activation knows no web node. If the channel already has members (it moved after a silo died), ask
    /// their member grains to have their nodes subscribe again now, instead of at the nodes' next renewal.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _screening = ServiceProvider.GetService<CrisisScreening>();
        AnnounceActivation();
        return base.OnActivateAsync(cancellationToken);
    }

    /// <summary>One-way to each member's grain: this channel has a new activation (a grain that reads its state later calls it then).</summary>
    protected void AnnounceActivation()
    {
        foreach (var memberId in MemberIds)
        {
            _ = GrainFactory.Ref<IMemberGrain>(memberId).OnChannelActivated(Channel);
        }
    }

    /// <summary>The member's handle if they may read this channel; throws not_found/forbidden otherwise.</summary>
    protected abstract string RequireReader(string memberId);

    /// <summary>Throws when the member may not write (for example: the conversation has ended).</summary>
    protected virtual void RequireWriter(string memberId) => RequireReader(memberId);

    public async Task<Message> Send(string memberId, string clientMessageId, string text)
    {
        var handle = RequireReader(memberId);
        RequireWriter(memberId);
        try
        {
            if (_nextSeq == 0)
            {
                _nextSeq = await store.GetMaxSeqAsync(Channel) + 1;
            }

            var result = await store.AppendAsync(new StoredMessage(Channel, _nextSeq, memberId, handle, clientMessageId, text, Now));
            if (!result.Inserted && result.Message.Text != text)
            {
                throw MatchChatException.Conflict("That clientMessageId was already used for a different message. Use a new id.");
            }

            if (result.Inserted)
            {
                _nextSeq++;
                MatchChatMetrics.MessageStored(Channel);
            }

            // A resend is pushed again too: the first attempt may have been stored without being pushed (its reply
            // was lost). Clients drop a (channel, seq) they already have.
            var message = ToMessage(result.Message);
            Nodes.Notify(n => n.MessageReceived(memberId, message));
            if (result.Inserted)
            {
                ScreenForCrisis(memberId, handle, message);
            }

            return message;
        }
        catch (MessageStoreUnavailableException)
        {
            // The write may or may not have landed: read the stored maximum again before the next send.
            _nextSeq = 0;
            throw MatchChatException.Unavailable("Your message could not be saved just now. Please send it again in a moment.");
        }
    }

    public async Task<Message[]> History(string memberId, long? afterSeq, long? beforeSeq, int limit)
    {
        RequireReader(memberId);
        try
        {
            var hidden = await HiddenSenders(memberId);
            return hidden.Count == 0
                ? (await store.ReadAsync(Channel, afterSeq, beforeSeq, limit)).Select(ToMessage).ToArray()
                : await ReadVisible(afterSeq, beforeSeq, limit, hidden);
        }
        catch (MessageStoreUnavailableException)
        {
            throw MatchChatException.Unavailable("History cannot be read just now. Please try again in a moment.");
        }
    }

    /// <summary>Senders whose messages this reader does not see (in rooms: the members they blocked).</summary>
    protected virtual Task<IReadOnlySet<string>> HiddenSenders(string memberId) => Task.FromResult<IReadOnlySet<string>>(NoneHidden);

    /// <summary>
    /// A page without the hidden senders' messages, refilled from further pages (at most <see cref="MaxRefills"/> more
    /// reads) so that a page is short only where the channel ends or after many hidden messages in a row. Its seqs have
    /// gaps where hidden messages were: the reader chose not to see them.
    /// </summary>
    private async Task<Message[]> ReadVisible(long? afterSeq, long? beforeSeq, int limit, IReadOnlySet<string> hidden)
    {
        var backward = afterSeq is null;
        var visible = new List<StoredMessage>();
        for (var read = 0; read <= MaxRefills && visible.Count < limit; read++)
        {
            var rows = await store.ReadAsync(Channel, afterSeq, beforeSeq, limit);
            var shown = rows.Where(r => !hidden.Contains(r.SenderId));
            if (backward)
            {
                // Newest page first, then older ones before it.
                visible.InsertRange(0, shown);
                beforeSeq = rows.Count > 0 ? rows[0].Seq : beforeSeq;
            }
            else
            {
                visible.AddRange(shown);
                afterSeq = rows.Count > 0 ? rows[^1].Seq : afterSeq;
            }

            if (rows.Count < limit)
            {
                break;
            }
        }

        var page = backward ? visible.TakeLast(limit) : visible.Take(limit);
        return page.Select(ToMessage).ToArray();
    }

    public Task Typing(string memberId)
    {
        var handle = RequireReader(memberId);
        RequireWriter(memberId);
        var typing = new PeerTyping(Channel, handle);
        Nodes.Notify(n => n.PeerTyping(memberId, typing));
        return Task.CompletedTask;
    }

    public Task Subscribe(string nodeId, IChatObserver node)
    {
        Nodes.Renew(nodeId, node);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(string nodeId)
    {
        Nodes.Remove(nodeId);
        return Task.CompletedTask;
    }

    /// <summary>[crisis] What the screen needs to know about a stored message: the writer's role, the topic, a conversation's peer.</summary>
    protected abstract CrisisText DescribeForScreen(string memberId, string handle, Message message);

    /// <summary>
    /// [crisis] After the message is stored and pushed: the phrase screen here (microseconds, no model, no grain call),
    /// and only a text it cannot settle (a level to act on, or one for the model) goes one-way to the crisis screen grain
    /// (a stateless worker), so the model never runs in a channel's turn and a failing detector cannot reach the message.
    /// </summary>
    private void ScreenForCrisis(string memberId, string handle, Message message)
    {
        if (_screening is not { Enabled: true } screening)
        {
            return;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            var text = DescribeForScreen(memberId, handle, message);
            var screen = screening.Screen(text.Text, CrisisScreenGrain.RoleOf(text.Role), CrisisTextSource.Message);
            if (!CrisisScreening.NeedsMore(screen))
            {
                MatchChatMetrics.CrisisTextScreened(text.Source, "no", Stopwatch.GetElapsedTime(started));
                return;
            }

            if (screening.WouldSkipModel(screen))
            {
                MatchChatMetrics.CrisisTextScreened(text.Source, "skipped", Stopwatch.GetElapsedTime(started));
                return;
            }

            _ = GrainFactory.Ref<ICrisisScreenGrain>(0).Screen(text);
        }
        catch (Exception)
        {
            MatchChatMetrics.CrisisScreenFailed();
        }
    }

    private static Message ToMessage(StoredMessage m) => new(m.Channel, m.Seq, m.SenderHandle, m.Text, m.SentAt, m.ClientMessageId, m.Redacted);
}
