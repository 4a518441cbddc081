using MatchChat.Contracts.Topics;
using MatchChat.Grains.Blocks;
using MatchChat.Grains.CheckIns;
using MatchChat.Grains.Crisis;
using MatchChat.Grains.Matching;
using MatchChat.Grains.Members;
using MatchChat.Grains.Messages;
using MatchChat.Grains.Network;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MatchChat.Grains.Hosting;

public static class GrainServiceCollectionExtensions
{
    /// <summary>What the grains need on a silo: timings, the topic catalog, a clock, and (unless one is registered) the in-memory message store.</summary>
    public static IServiceCollection AddMatchChatGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MatchChatTimings>(configuration.GetSection("MatchChat:Matching"));
        services.TryAddSingleton(TopicCatalog.FromConfiguration(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMessageStore, InMemoryMessageStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMemberErasure, BlockErasure>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMemberErasure, NetworkErasure>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMemberErasure, CheckInErasure>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMemberErasure, TeenApprovalErasure>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMemberErasure, AppealErasure>());
        services.AddMatchChatTrust(configuration);
        services.AddMatchChatCrisis(configuration);
        services.AddMatchChatMeaning(configuration);
        return services;
    }
}
