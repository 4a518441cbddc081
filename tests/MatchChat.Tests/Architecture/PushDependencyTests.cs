using MatchChat.Tests.Support;
using MatchChat.Web;

namespace MatchChat.Tests.Architecture;

/// <summary>The hub (<c>MatchChat.Web.Hubs</c>) uses the push code (<c>MatchChat.Web.Push</c>), never the other way round.</summary>
public sealed class PushDependencyTests
{
    [Fact]
    public void The_push_code_does_not_depend_on_the_hub()
    {
        var offenders = typeof(MatchChatServer).Assembly.GetTypes()
            .Where(t => t.DeclaringType is null && InNamespace(t, "MatchChat.Web.Push"))
            .SelectMany(t => TypeDependencies.Of(t).Where(d => InNamespace(d, "MatchChat.Web.Hubs")).Select(d => $"{t.FullName} uses {d.FullName}"))
            .Distinct()
            .ToArray();

        Assert.True(offenders.Length == 0,
            "MatchChat.Web.Push must not use MatchChat.Web.Hubs (the hub uses the push code): " + string.Join("; ", offenders));
    }

    [Fact]
    public void The_dependency_reader_finds_the_hub_using_the_push_code()
    {
        // The allowed direction, so the reader above is known to see constructor arguments and calls inside async methods.
        var used = TypeDependencies.Of(typeof(MatchChat.Web.Hubs.ChatHub));

        Assert.Contains(typeof(MatchChat.Web.Push.PushBridge), used);
        Assert.Contains(typeof(MatchChat.Contracts.Messaging.Channels), used);
    }

    private static bool InNamespace(Type type, string ns) =>
        type.Namespace is { } name && (name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal));
}
