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
using Orleans.Serialization.Invocation;

namespace MatchChat.Grains.Push;

/// <summary>
/// What conversations and rooms share: seq assignment, the message store, typing, and push to subscribed web nodes.
/// Seq is not grain state: it continues from the store's maximum, so it survives any restart the store survives.
/// A channel has one append in flight: sends that arrive meanwhile (they interleave, <see cref="Interleaves"/>) wait and
/// go together as the next one, in arrival order, so a busy conversation's messages do not each wait for a commit of
/// their own. The store batches across channels. A subclass marks itself <c>[MayInterleave(nameof(Interleaves))]</c>.
/// </summary>
public abstract partial class ChannelGrainBase(IMessageStore store, IOptions<MatchChatTimings> timings, TimeProvider time)
    : Grain, IChannelGrain, IIncomingGrainCallFilter
{
    private const int MaxRefills = 4;
    private static readonly TimeSpan AlertWait = TimeSpan.FromSeconds(5);
    private const int MaxBatch = 64;
    private static readonly IReadOnlySet<string> NoneHidden = new HashSet<string>();
    private readonly ChannelGate _gate = new();
    private long _nextSeq;
    private List<PendingSend>? _queued;
    private bool _writing;
    private CrisisScreening? _screening;

    protected NodeSubscriptions Nodes { get; } = new(timings.Value.ObserverExpiry, time);

    protected DateTime Now => time.GetUtcNow().UtcDateTime;

    protected TimeProvider Clock => time;

    protected IMessageStore Store => store;

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

    /// <summary>Orleans may start these while another call of this grain waits; <see cref="ChannelGate"/> orders them against the rest.</summary>
    public static bool Interleaves(IInvokable request) => IsShared(request.GetMethodName());

    /// <summary>Sends, and the calls that only read or change nothing but memory in one step (no await), run together.
    /// Every other call runs alone. (A future timer must go through the gate too: Orleans itself no longer serialises.)</summary>
    private static bool IsShared(string method) =>
        method is nameof(Send) or nameof(History) or nameof(Typing) or nameof(Subscribe) or nameof(Unsubscribe) or "Describe" or "PeerOf" or "Absent" or "Confirm"
            or nameof(SenderRedacted) or "PresenceChanged";

    /// <summary>Every call passes the gate: sends and reads together, anything else alone.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var shared = IsShared(context.MethodName);
        await (shared ? _gate.EnterShared() : _gate.EnterExclusive());
        try
        {
            await BeforeInvoke(context);
            await context.Invoke();
        }
        finally
        {
            _gate.Exit(shared);
        }
    }

    /// <summary>What a subclass does before each call, inside the gate.</summary>
    protected virtual Task BeforeInvoke(IIncomingGrainCallContext context) => Task.CompletedTask;

    /// <summary>What a subclass does for each send it accepts, in the sender's turn (nothing awaited: sends interleave).</summary>
    protected virtual void Sending()
    {
    }

    public async Task<Message> Send(string memberId, string clientMessageId, string text)
    {
        var handle = RequireReader(memberId);
        try
        {
            RequireWriter(memberId);
        }
        catch (MatchChatException)
        {
            // No new send is allowed (the conversation ended, the member was muted), but a send repeated because its
            // acknowledgement was lost still gets the original, and the same id with other words is still a conflict:
            // the contract's idempotency holds after the change. If the log cannot answer, the refusal stands.
            StoredMessage? original = null;
            try
            {
                original = await store.FindAsync(Channel, memberId, clientMessageId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
            }

            if (original is { Redacted: true } || original?.Text == text)
            {
                return original!.ToMessage();
            }

            if (original is not null)
            {
                throw MatchChatException.Conflict("That clientMessageId was already used for a different message. Use a new id.");
            }

            ScreenRefused(memberId, handle, clientMessageId, text);
            throw;
        }

        Sending();
        var send = new PendingSend(memberId, handle, clientMessageId, text, Now);
        (_queued ??= []).Add(send);
        if (!_writing)
        {
            _writing = true;
            _ = WriteQueued();
        }

        return await send.Stored.Task;
    }

    /// <summary>Writes what is queued, one append at a time, until nothing is; each send hears its own outcome.</summary>
    private async Task WriteQueued()
    {
        try
        {
            while (_queued is { Count: > 0 } queued)
            {
                List<PendingSend> batch;
                if (queued.Count <= MaxBatch)
                {
                    batch = queued;
                    _queued = null;
                }
                else
                {
                    batch = queued.GetRange(0, MaxBatch);
                    queued.RemoveRange(0, MaxBatch);
                }

                await WriteBatch(batch);
            }
        }
        finally
        {
            _writing = false;
        }
    }

    /// <summary>One append of the batch at consecutive seqs; then, in seq order, each message is pushed, screened and answered.</summary>
    private async Task WriteBatch(List<PendingSend> batch)
    {
        var answered = 0;
        try
        {
            if (_nextSeq == 0)
            {
                _nextSeq = await store.GetMaxSeqAsync(Channel) + 1;
            }

            var rows = new StoredMessage[batch.Count];
            for (var i = 0; i < rows.Length; i++)
            {
                var send = batch[i];
                rows[i] = new StoredMessage(Channel, _nextSeq + i, send.MemberId, send.Handle, send.ClientMessageId, send.Text, send.SentAt);
            }

            var results = await store.AppendBatchAsync(rows);
            for (; answered < batch.Count; answered++)
            {
                if (results[answered] is not { } result)
                {
                    break;
                }

                Answer(batch[answered], result);
            }
        }
        catch (MessageStoreUnavailableException)
        {
        }
        catch (Exception exception)
        {
            _nextSeq = 0;
            for (; answered < batch.Count; answered++)
            {
                batch[answered].Stored.TrySetException(exception);
            }
        }

        if (answered < batch.Count)
        {
            // The write may or may not have landed: read the stored maximum again before the next send.
            _nextSeq = 0;
            var unavailable = MatchChatException.Unavailable("Your message could not be saved just now. Please send it again in a moment.");
            for (; answered < batch.Count; answered++)
            {
                batch[answered].Stored.TrySetException(unavailable);
            }
        }
    }

    private void Answer(PendingSend send, AppendResult result)
    {
        if (!result.Inserted && result.Message.Redacted)
        {
            // Its text was erased since (a moderator removed it): a retry gets the original as it is now, not a conflict
            // (the words cannot be compared any more), and nothing is pushed or screened again.
            send.Stored.TrySetResult(result.Message.ToMessage());
            return;
        }

        if (!result.Inserted && result.Message.Text != send.Text)
        {
            send.Stored.TrySetException(MatchChatException.Conflict("That clientMessageId was already used for a different message. Use a new id."));
            return;
        }

        if (result.Inserted)
        {
            _nextSeq = result.Message.Seq + 1;
            MatchChatMetrics.MessageStored(Channel);
        }

        // A resend is pushed again too: the first attempt may have been stored without being pushed (its reply
        // was lost). Clients drop a (channel, seq) they already have.
        var message = result.Message.ToMessage();
        Nodes.Notify(n => n.MessageReceived(send.MemberId, message));
        // A resend is screened again too: its first attempt may have been stored by a process that died before the alert
        // was (the alert's id comes from channel and seq, so one that was stored is not stored twice).
        if (ScreenForCrisis(send.MemberId, send.Handle, message, onlyCrisis: !result.Inserted) is { } alerting)
        {
            // Read as crisis already: acknowledged once the alert is stored (the message itself went out above).
            _ = AnswerAfter(alerting, send, message);
            return;
        }

        send.Stored.TrySetResult(message);
    }

    public async Task<Message[]> History(string memberId, long? afterSeq, long? beforeSeq, int limit)
    {
        RequireReader(memberId);
        try
        {
            var hidden = await HiddenSenders(memberId);
            return hidden.Count == 0
                ? (await store.ReadAsync(Channel, afterSeq, beforeSeq, limit)).Select(m => m.ToMessage()).ToArray()
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
        return page.Select(m => m.ToMessage()).ToArray();
    }

    public Task Typing(string memberId)
    {
        var handle = RequireReader(memberId);
        RequireWriter(memberId);
        var typing = new PeerTyping(Channel, handle);
        Nodes.Notify(n => n.PeerTyping(memberId, typing));
        return Task.CompletedTask;
    }

    /// <summary>Rooms: the channel's group on every subscribed node (a conversation tells its other participant instead).</summary>
    public virtual Task SenderRedacted(string memberId, string handle)
    {
        var redacted = new MessagesRedacted(Channel, handle);
        Nodes.Notify(n => n.MessagesRedacted(memberId, redacted));
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

    /// <summary>A send waiting for its append.</summary>
    private sealed class PendingSend(string memberId, string handle, string clientMessageId, string text, DateTime sentAt)
    {
        public string MemberId { get; } = memberId;
        public string Handle { get; } = handle;
        public string ClientMessageId { get; } = clientMessageId;
        public string Text { get; } = text;
        public DateTime SentAt { get; } = sentAt;
        public TaskCompletionSource<Message> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

}
