using MatchChat.Contracts.Members;
using MatchChat.Contracts.Push;

namespace MatchChat.Tests.Support;

public sealed record GrainMember(IMemberGrain Grain, string Id, IChatObserver Node);
