namespace MatchChat.Soak.Clients;

// Client-side shapes from docs/PROTOCOL.md: only the fields the soak reads.
public sealed record MemberCreated(string MemberId, string Handle, string AgeGroup, string Token);

public sealed record Message(string Channel, long Seq, string SenderHandle, string Text, DateTime SentAt, string ClientMessageId);

public sealed record QueueTicket(string RequestId, string Topic, string Status, int? Position);

public sealed record Offer(string OfferId, string RequestId, string Topic, DateTime ExpiresAt);

public sealed record Conversation(string ConversationId, string Channel, string Topic, string PeerHandle, string Role, DateTime StartedAt, DateTime? EndedAt);

public sealed record ConversationEnded(string ConversationId, string? EndedBy, string? Reason);

public sealed record ListenerProfile(int MaxConcurrentChats, bool Available, int ActiveChats);

public sealed record Member(string MemberId, string Handle, ListenerProfile? Listener);

public sealed record Room(string Slug, string Channel);
