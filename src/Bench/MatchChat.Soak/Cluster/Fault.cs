namespace MatchChat.Soak.Cluster;

/// <summary>One fault the chaos loop caused: what, when (since the soak began), and when the victim served again.</summary>
public sealed record Fault(string Kind, string Target, TimeSpan At, TimeSpan? ReadyAt);
