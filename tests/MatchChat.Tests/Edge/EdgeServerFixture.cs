using MatchChat.Tests.Support;

namespace MatchChat.Tests.Edge;

/// <summary>
/// Short edge timings: client timeout and handshake timeout 3 s, one extra allowed origin, a known signing key (so a
/// test can issue a token that expires in seconds). Clients here ping every 0.5 s.
/// </summary>
public class EdgeServerFixture : ServerFixture
{
    public static readonly byte[] SigningKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>
    {
        ["MatchChat:Auth:SigningKey"] = Convert.ToBase64String(SigningKey),
        ["MatchChat:Web:AllowedOrigins"] = "https://app.example, https://other.example:8443",
        ["MatchChat:Web:ClientTimeoutSeconds"] = "3",
        ["MatchChat:Web:HandshakeTimeoutSeconds"] = "3",
    };
}

/// <summary>At most 3 connections per member and 8 per client address.</summary>
public sealed class ConnectionCapsFixture : EdgeServerFixture
{
    protected override IDictionary<string, string?> Timings => new Dictionary<string, string?>(base.Timings)
    {
        ["MatchChat:Web:MaxConnectionsPerMember"] = "3",
        ["MatchChat:Web:MaxConnectionsPerAddress"] = "8",
    };
}
