namespace MatchChat.Web.Hubs;

/// <summary>The answer to <c>ApproveTeenListener</c> and <c>RevokeTeenListener</c>: the listener and their <c>teenApproval</c> now.</summary>
public sealed record TeenApprovalResult(string Handle, string TeenApproval);
