using MatchChat.Language.Meaning;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MatchChat.Tests.Meaning;

/// <summary>[network] Meaning on, but the model never answers: every embedding runs into the (short) timeout.</summary>
public sealed class HangingEmbedderServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Matching:Meaning"] = "true",
        ["MatchChat:Matching:MeaningTimeoutSeconds"] = "0.5",
    };

    protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton<ITextEmbedder>(new HangingEmbedder());

    private sealed class HangingEmbedder : ITextEmbedder
    {
        public int Dimensions => 384;

        public async ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }
    }
}
