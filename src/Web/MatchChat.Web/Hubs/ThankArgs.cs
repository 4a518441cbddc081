namespace MatchChat.Web.Hubs;

/// <summary><c>Thank({conversationId, rating: 1..5, note?})</c> ([network]).</summary>
public sealed record ThankArgs(string? ConversationId, int? Rating, string? Note);
