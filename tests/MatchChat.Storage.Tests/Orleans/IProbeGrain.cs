namespace MatchChat.Storage.Tests.Orleans;

[Alias("MatchChat.Storage.Tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task ClearAsync();

    Task RegisterReminderAsync(string name);

    Task UnregisterReminderAsync(string name);
}
