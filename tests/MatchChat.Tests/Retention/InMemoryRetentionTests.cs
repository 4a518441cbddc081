using MatchChat.Grains.Messages;
using MatchChat.Grains.Reports;
using MatchChat.Grains.Retention;

namespace MatchChat.Tests.Retention;

/// <summary>The retention scenario on the in-memory stores (the embedded default).</summary>
public sealed class InMemoryRetentionTests
{
    private static RetentionScenario Scenario()
    {
        var messages = new InMemoryMessageStore();
        return new RetentionScenario(messages, new InMemoryRetentionStore(messages), new InMemoryReportStore());
    }

    [Fact]
    public Task Erases_each_kind_after_its_days_and_keeps_the_rest() => Scenario().Erases_each_kind_after_its_days_and_keeps_the_rest();

    [Fact]
    public Task Zero_days_keep_that_kind() => Scenario().Zero_days_keep_that_kind();
}
