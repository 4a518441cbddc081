namespace MatchChat.Grains.Messages;

/// <summary>The message store could not be reached or did not confirm the write; nothing was acknowledged.</summary>
public sealed class MessageStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
