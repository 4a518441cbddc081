using MatchChat.Soak.Checks;

namespace MatchChat.Soak.Clients;

/// <summary>Counts the HTTP status of every request a client makes (negotiate), for the no-5xx check.</summary>
public sealed class StatusRecorder(HttpMessageHandler inner, SoakLedger ledger) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        ledger.Http((int)response.StatusCode);
        return response;
    }
}
