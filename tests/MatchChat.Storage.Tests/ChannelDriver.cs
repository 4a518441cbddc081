using MatchChat.Grains.Messages;

namespace MatchChat.Storage.Tests;

/// <summary>Appends to one channel the way a channel grain does: seq = stored max + 1, one append at a time,
/// re-reading the max seq after every unavailable and retrying the same client message id.</summary>
internal sealed class ChannelDriver(IMessageStore store, string channel)
{
    public string Channel { get; } = channel;

    public List<StoredMessage> Acknowledged { get; } = [];

    public int Unavailable { get; private set; }

    public async Task RunAsync(Func<bool> keepGoing)
    {
        var next = await ReadMaxSeqAsync() + 1;
        for (var i = 0; keepGoing(); i++)
        {
            var clientMessageId = $"{Channel}-msg-{i}";
            while (true)
            {
                try
                {
                    var result = await store.AppendAsync(TestMessages.Message(Channel, next, clientMessageId: clientMessageId));
                    Acknowledged.Add(result.Message);
                    if (result.Inserted)
                    {
                        next = result.Message.Seq + 1;
                    }

                    break;
                }
                catch (MessageStoreUnavailableException)
                {
                    Unavailable++;
                    next = await ReadMaxSeqAsync() + 1;
                }
            }
        }
    }

    private async Task<long> ReadMaxSeqAsync()
    {
        while (true)
        {
            try
            {
                return await store.GetMaxSeqAsync(Channel);
            }
            catch (MessageStoreUnavailableException)
            {
                Unavailable++;
                await Task.Delay(50);
            }
        }
    }
}
