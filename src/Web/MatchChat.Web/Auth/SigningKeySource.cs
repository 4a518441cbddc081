namespace MatchChat.Web.Auth;

/// <summary>Whether the signing key was generated at start (logged once at start-up).</summary>
public sealed record SigningKeySource(bool Generated);
