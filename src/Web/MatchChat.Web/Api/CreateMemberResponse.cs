namespace MatchChat.Web.Api;

public sealed record CreateMemberResponse(string MemberId, string Handle, string AgeGroup, string Token, DateTime ExpiresAt);
