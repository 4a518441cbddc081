namespace MatchChat.Storage.Tests.Orleans;

/// <summary>Client connection retry: every 200 ms for up to 30 s.</summary>
internal sealed class RetryForAWhile : IClientConnectionRetryFilter
{
    private readonly DateTime _giveUpAt = DateTime.UtcNow.AddSeconds(30);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow > _giveUpAt)
        {
            return false;
        }

        await Task.Delay(200, cancellationToken);
        return true;
    }
}
