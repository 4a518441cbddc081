using MatchChat.Language.Detection;

namespace MatchChat.Grains.Crisis;

/// <summary>One text's reading, and whether the model was wanted but too busy (the phrase screen's reading stands then).</summary>
public sealed record ScreenReading(CrisisAssessment Assessment, bool ModelSkipped);
