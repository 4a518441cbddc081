using MatchChat.Contracts;
using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Members;
using MatchChat.Contracts.Network;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace MatchChat.Grains.Network;

/// <summary>
/// One per member: their trusted contacts (PROTOCOL.md [network]). A contact is added only from a conversation the member
/// took part in (the conversation grain says who the peer is), never by typing a handle. Blocks and deletions are applied
/// when the network is next read: such contacts are dropped and written away. Changes are written through.
/// </summary>
public sealed class SupportNetworkGrain(
    [PersistentState("network", StorageNames.Grains)] IPersistentState<SupportNetworkState> state,
    DeepCopier<SupportNetworkState> copier,
    TimeProvider time,
    ILogger<SupportNetworkGrain> logger) : Grain, ISupportNetworkGrain
{
    private WriteThrough<SupportNetworkState>? _writes;

    private string MemberId => this.GetPrimaryKeyString();

    private List<ContactEntry> Contacts => state.State.Contacts;

    private WriteThrough<SupportNetworkState> Writes => _writes ??= new(state, copier, DeactivateOnIdle, logger);

    private IMemberGrain Member(string id) => GrainFactory.Ref<IMemberGrain>(id);

    public async Task Add(string conversationId)
    {
        var peer = await GrainFactory.Ref<IConversationGrain>(conversationId).PeerOf(MemberId);
        var cards = await Task.WhenAll(Member(MemberId).ContactCard(), Member(peer.PeerId).ContactCard());
        if (!NetworkRules.Keeps(MemberId, cards[0], peer.PeerId, cards[1]))
        {
            throw MatchChatException.Forbidden("This member cannot be added to your network.");
        }

        var existing = Contacts.Find(c => c.MemberId == peer.PeerId);
        if (existing is null && Contacts.Count >= ISupportNetworkGrain.MaxContacts)
        {
            throw MatchChatException.Conflict(
                $"Your network has {ISupportNetworkGrain.MaxContacts} people, the most it can hold. Remove someone first.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await Writes.Change(s =>
        {
            s.Contacts.RemoveAll(c => c.MemberId == peer.PeerId);
            var last = existing is null || existing.LastTalkedAt < peer.StartedAt ? peer.StartedAt : existing.LastTalkedAt;
            s.Contacts.Add(new ContactEntry(peer.PeerId, peer.PeerHandle, existing?.AddedAt ?? now, last));
        });
    }

    public async Task Remove(string handle)
    {
        if (!Contacts.Exists(c => c.Handle == handle))
        {
            throw MatchChatException.NotFound("That handle is not in your network.");
        }

        await Writes.Change(s => s.Contacts.RemoveAll(c => c.Handle == handle));
    }

    public async Task<NetworkContact[]> List()
    {
        if (Contacts.Count == 0)
        {
            return [];
        }

        var entries = Contacts.ToArray();
        var mine = Member(MemberId).ContactCard();
        var conversations = Member(MemberId).ListConversations();
        var cards = await Task.WhenAll(entries.Select(e => Member(e.MemberId).ContactCard()));
        var owner = await mine;
        var talks = await conversations;
        var kept = new List<NetworkContact>();
        var dropped = new List<string>();
        for (var i = 0; i < entries.Length; i++)
        {
            if (!NetworkRules.Keeps(MemberId, owner, entries[i].MemberId, cards[i]))
            {
                dropped.Add(entries[i].MemberId);
                continue;
            }

            kept.Add(new NetworkContact(entries[i].Handle, cards[i].Topics, NetworkRules.AvailableTo(owner, cards[i]),
                NetworkRules.LastTalked(entries[i], talks)));
        }

        await Drop(dropped);
        return [.. kept.OrderByDescending(c => c.LastTalkedAt)];
    }

    public async Task<string> ContactId(string handle)
    {
        var entry = Contacts.Find(c => c.Handle == handle)
            ?? throw MatchChatException.NotFound("That handle is not in your network. Add someone from a conversation you had with them.");
        var cards = await Task.WhenAll(Member(MemberId).ContactCard(), Member(entry.MemberId).ContactCard());
        if (!NetworkRules.Keeps(MemberId, cards[0], entry.MemberId, cards[1]))
        {
            await Drop([entry.MemberId]);
            throw MatchChatException.NotFound("That handle is not in your network any more.");
        }

        return entry.MemberId;
    }

    public Task Clear() => Contacts.Count == 0 ? Task.CompletedTask : Writes.Change(s => s.Contacts.Clear());

    /// <summary>Best-effort: a drop that is not written now is made again at the next read.</summary>
    private async Task Drop(List<string> memberIds)
    {
        if (memberIds.Count == 0)
        {
            return;
        }

        try
        {
            await Writes.Change(s => s.Contacts.RemoveAll(c => memberIds.Contains(c.MemberId)));
        }
        catch (MatchChatException)
        {
            // WriteThrough has put memory back and logged it.
        }
    }
}
