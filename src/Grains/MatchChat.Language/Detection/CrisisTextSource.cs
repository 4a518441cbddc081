namespace MatchChat.Language.Detection;

/// <summary>Where a text came from: every request note goes to the model, messages only when the cheap screen asks.</summary>
public enum CrisisTextSource
{
    Message,
    RequestNote,
}
