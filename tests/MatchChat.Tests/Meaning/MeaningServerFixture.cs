using MatchChat.Tests.Support;

namespace MatchChat.Tests.Meaning;

/// <summary>[network] The real server with matching by meaning on: the process's MiniLM model, a generous timeout for a loaded machine.</summary>
public sealed class MeaningServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Matching:Meaning"] = "true",
        ["MatchChat:Matching:MeaningTimeoutSeconds"] = "60",
    };
}
