using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Support;

public static class HubErrors
{
    /// <summary>The server's <c>code: sentence</c> out of the client's wrapper text ("... HubException: code: sentence").</summary>
    public static string CodeAndSentence(HubException e)
    {
        var i = e.Message.IndexOf("HubException: ", StringComparison.Ordinal);
        return i < 0 ? e.Message : e.Message[(i + "HubException: ".Length)..];
    }
}
