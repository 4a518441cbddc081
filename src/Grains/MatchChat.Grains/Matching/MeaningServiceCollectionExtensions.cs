using MatchChat.Grains.Crisis;
using MatchChat.Language.Meaning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Matching;

public static class MeaningServiceCollectionExtensions
{
    /// <summary>
    /// [network] Matching by meaning on a silo: <c>MatchChat:Matching:Meaning</c> and <c>MeaningTimeoutSeconds</c>, and the
    /// embedding service over the process's one model (or an <see cref="ITextEmbedder"/> registered before, as tests do).
    /// </summary>
    public static IServiceCollection AddMatchChatMeaning(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MeaningOptions>(configuration.GetSection("MatchChat:Matching"));
        services.TryAddSingleton(sp =>
        {
            var own = sp.GetService<ITextEmbedder>();
            return new MeaningService(sp.GetRequiredService<IOptions<MeaningOptions>>(), () => own ?? ProcessEmbedder.Instance,
                sp.GetRequiredService<ILogger<MeaningService>>());
        });
        services.AddHostedService<MeaningWarmUp>();
        return services;
    }
}
