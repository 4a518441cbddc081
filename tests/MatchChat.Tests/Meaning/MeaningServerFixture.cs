using MatchChat.Tests.Support;

namespace MatchChat.Tests.Meaning;

/// <summary>
/// [network] The real server with matching by meaning on: the process's MiniLM model, a generous timeout for a loaded
/// machine. The grain call timeout is as generous: the hub answers <c>unavailable</c> at three quarters of it, and a
/// <c>Volunteer</c> that embeds while the model is still loading on a busy machine took longer than the default 10 s
/// (stop 26's CI: three tests of this fixture, 47–59 s into the run, each answered "busy" after 11 s).
/// </summary>
public sealed class MeaningServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Matching:Meaning"] = "true",
        ["MatchChat:Matching:MeaningTimeoutSeconds"] = "60",
        ["MatchChat:Cluster:ResponseTimeoutSeconds"] = "80",
    };
}
