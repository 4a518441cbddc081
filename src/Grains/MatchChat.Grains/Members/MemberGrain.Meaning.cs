using MatchChat.Grains.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace MatchChat.Grains.Members;

/// <summary>[network] The process's embedding service, for the seeker and listener roles (README, "Matching by meaning").</summary>
public sealed partial class MemberGrain
{
    private MeaningService? _meaning;

    MeaningService IMemberContext.Meaning => _meaning ??= ServiceProvider.GetRequiredService<MeaningService>();
}
