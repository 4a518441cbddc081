namespace MatchChat.Soak.Checks;

/// <summary>A message the server acknowledged: its Message came back from SendMessage. Times are since the soak began.</summary>
public sealed record Ack(string Channel, long Seq, string ClientMessageId, string Text, string SenderHandle, TimeSpan AckedAt, TimeSpan? FirstFailureAt, int Failures);
