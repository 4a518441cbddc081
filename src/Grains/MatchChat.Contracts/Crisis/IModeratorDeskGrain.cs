using MatchChat.Contracts.Push;

namespace MatchChat.Contracts.Crisis;

/// <summary>
/// Key <see cref="Key"/>: the web nodes that hold connections of moderators, with expiry and renewal like channel
/// subscriptions. Any moderator event fans out from here, one-way, to those nodes (which forward it to their
/// moderators' connections only). Crisis alerts today; other moderator events can use the same nodes.
/// </summary>
[Alias("MatchChat.IModeratorDeskGrain")]
public interface IModeratorDeskGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("Subscribe")] Task Subscribe(string nodeId, IChatObserver node);
    [Alias("Unsubscribe")] Task Unsubscribe(string nodeId);
    [OneWay, Alias("PublishAlert")] Task PublishAlert(Alert alert);

    /// <summary>An alert acknowledged: every moderator's console takes it off the open list.</summary>
    [OneWay, Alias("PublishAlertUpdate")] Task PublishAlertUpdate(Alert alert);
}
