namespace MatchChat.Contracts.Reports;

/// <summary>One per web node that holds moderator connections: it forwards moderator events to them.</summary>
[Alias("MatchChat.IModeratorObserver")]
public interface IModeratorObserver : IGrainObserver
{
    [OneWay, Alias("ReportFiled")] Task ReportFiled(Report report);
}
