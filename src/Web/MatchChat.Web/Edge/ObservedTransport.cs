using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace MatchChat.Web.Edge;

/// <summary>The connection's transport with a clock on its input: when the client last sent anything.</summary>
public sealed class ObservedTransport : IDuplexPipe
{
    private readonly IDuplexPipe _inner;
    private readonly TimeProvider _time;
    private long _lastReceivedTicks;

    public ObservedTransport(IDuplexPipe inner, TimeProvider time)
    {
        _inner = inner;
        _time = time;
        _lastReceivedTicks = time.GetUtcNow().UtcTicks;
        Input = new ObservedReader(inner.Input, this);
    }

    public PipeReader Input { get; }

    public PipeWriter Output => _inner.Output;

    public DateTimeOffset LastReceived => new(Interlocked.Read(ref _lastReceivedTicks), TimeSpan.Zero);

    private void Touch() => Interlocked.Exchange(ref _lastReceivedTicks, _time.GetUtcNow().UtcTicks);

    private sealed class ObservedReader(PipeReader inner, ObservedTransport owner) : PipeReader
    {
        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        /// <summary>The connection's one reader awaits each read once, so a read that waits reuses a pooled state machine.</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            var result = await inner.ReadAsync(cancellationToken);
            Seen(result);
            return result;
        }

        public override bool TryRead(out ReadResult result)
        {
            if (!inner.TryRead(out result))
            {
                return false;
            }

            Seen(result);
            return true;
        }

        private void Seen(ReadResult result)
        {
            // SignalR marks all it read as examined, so a read completes with data only when new bytes arrived.
            if (!result.IsCanceled && !result.Buffer.IsEmpty)
            {
                owner.Touch();
            }
        }
    }
}
