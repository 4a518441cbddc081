namespace MatchChat.Grains.Messages;

/// <summary>
/// <see cref="Inserted"/> true: <see cref="Message"/> is the new row, durably stored.
/// False: a row with the same (channel, sender, clientMessageId) already existed and <see cref="Message"/> is that row;
/// the offered seq was not used.
/// </summary>
public sealed record AppendResult(bool Inserted, StoredMessage Message);
