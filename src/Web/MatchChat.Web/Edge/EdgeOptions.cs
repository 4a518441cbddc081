namespace MatchChat.Web.Edge;

/// <summary><c>MatchChat:Web</c>: what the node accepts from the outside (README, configuration table).</summary>
public sealed class EdgeOptions
{
    /// <summary>Origins besides the node's own that may use the hub and the API (<c>https://app.example</c>; <c>*</c>: any).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Reverse proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed: addresses, and networks in CIDR form.</summary>
    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];

    /// <summary>A connection that sends nothing this long is closed (SignalR's client timeout, applied from the handshake on).</summary>
    public double ClientTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a new connection may take to send the SignalR handshake.</summary>
    public double HandshakeTimeoutSeconds { get; set; } = 15;

    /// <summary>Open hub connections one member may have on this node; 0: no cap.</summary>
    public int MaxConnectionsPerMember { get; set; } = 10;

    /// <summary>
    /// How long after a member's suspension or deletion their connections on this node close: the page reads why (or
    /// the answer to its own <c>DeleteMe</c>) first. Their calls are refused by their grain meanwhile. At most 1,000.
    /// </summary>
    public double CloseGraceMilliseconds { get; set; } = 250;

    /// <summary>Open hub connections from one client address (IPv6: one /64) on this node; 0: no cap.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 100;
}
