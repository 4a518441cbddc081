namespace MatchChat.Contracts.Reports;

/// <summary>
/// Key: <see cref="SingletonKeys.Moderators"/>. How a grain reaches every connected moderator on every web node: nodes with moderator
/// connections subscribe (and renew, like channel subscriptions); events fan out one-way. Off the hot path: only
/// reports (and later crisis alerts) pass here.
/// </summary>
[Alias("MatchChat.IModeratorsGrain")]
public interface IModeratorsGrain : IGrainWithStringKey
{
    [Alias("Subscribe")] Task Subscribe(string nodeId, IModeratorObserver node);
    [Alias("Unsubscribe")] Task Unsubscribe(string nodeId);
    [OneWay, Alias("ReportFiled")] Task ReportFiled(Report report);
}
