using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using MatchChat.Contracts.Errors;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace MatchChat.Web.Hubs;

/// <summary>
/// The JSON hub protocol, plus PROTOCOL.md's optional trailing arguments: SignalR binds by position and wants
/// every argument, so <c>GetHistory(channel)</c> would fail to bind. When an invocation of a method listed here
/// brings fewer arguments, it is parsed again with that many and the rest are filled with null. Arguments that
/// still do not bind are answered <c>invalid: sentence</c>. A complete frame of a message type the protocol does not
/// know (<c>{"type":99}</c>) closes the connection: the JSON protocol skips it without saying so, and SignalR then
/// waits for that frame to parse forever, so the connection would answer nothing and stay open. An invocation that
/// carries streams, or asks for one, is answered <c>invalid: sentence</c> too (no hub method streams).
/// </summary>
public sealed class OptionalArgumentsHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    /// <summary>Method name → how many leading arguments are required.</summary>
    private static readonly Dictionary<string, int> RequiredArguments = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(ChatHub.GetHistory)] = 1,
        [nameof(ChatHub.ListReports)] = 0,
        [nameof(ChatHub.ListAlerts)] = 0,
    };

    private const byte RecordSeparator = 0x1e;

    private readonly JsonHubProtocol _inner = new(options);

    public string Name => _inner.Name;

    public int Version => _inner.Version;

    public TransferFormat TransferFormat => _inner.TransferFormat;

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var start = input;
        if (!_inner.TryParseMessage(ref input, binder, out message))
        {
            if (start.PositionOf(RecordSeparator) is not null)
            {
                throw new InvalidDataException("A frame of an unknown message type was received.");
            }

            return false;
        }

        if (message is InvocationBindingFailureMessage failure && RequiredArguments.TryGetValue(failure.Target, out var required))
        {
            var types = binder.GetParameterTypes(failure.Target);
            for (var count = types.Count - 1; count >= required; count--)
            {
                var retry = start;
                var shorter = new ShorterBinder(binder, failure.Target, types.Take(count).ToArray());
                if (_inner.TryParseMessage(ref retry, shorter, out var parsed) && parsed is InvocationMessage invocation)
                {
                    var padded = invocation.Arguments.Concat(Enumerable.Repeat<object?>(null, types.Count - count)).ToArray();
                    message = new InvocationMessage(invocation.InvocationId, invocation.Target, padded, invocation.StreamIds)
                    {
                        Headers = invocation.Headers,
                    };
                    input = retry;
                    break;
                }
            }
        }

        if (message is HubMethodInvocationMessage { InvocationId: var id, Target: var target } called
            && (called is StreamInvocationMessage || called.StreamIds is { Length: > 0 }))
        {
            // No hub method takes a stream or streams its answer; SignalR's own refusal (raised before any hub filter)
            // has no code, so say it in the contract's form.
            message = new InvocationBindingFailureMessage(id, target, ExceptionDispatchInfo.Capture(new HubException(!IsMethod(binder, target)
                ? $"{ErrorCodes.Invalid}: There is no hub method by that name. PROTOCOL.md lists them."
                : $"{ErrorCodes.Invalid}: {target} neither takes nor sends a stream. Invoke it with its arguments as PROTOCOL.md gives them.")));
            return true;
        }

        if (message is InvocationBindingFailureMessage unbound)
        {
            // Wrong argument types or count: answer in the contract's form, like every other bad input.
            // A lone UTF-16 surrogate (half of an emoji) in a string argument is not a wrong type: say what is wrong.
            message = new InvocationBindingFailureMessage(unbound.InvocationId, unbound.Target, ExceptionDispatchInfo.Capture(
                new HubException(!IsMethod(binder, unbound.Target)
                    ? $"{ErrorCodes.Invalid}: There is no hub method by that name. PROTOCOL.md lists them."
                    : HasBrokenCharacter(unbound.BindingFailure.SourceException)
                        ? $"{ErrorCodes.Invalid}: A text in the arguments of {unbound.Target} has a broken character (half of an emoji or another symbol). Send whole characters."
                        : $"{ErrorCodes.Invalid}: The arguments of {unbound.Target} do not have the names, types or number PROTOCOL.md gives.")));
        }

        return true;
    }

    /// <summary>System.Text.Json reads a string with a lone surrogate as an <see cref="InvalidOperationException"/> about UTF-16.</summary>
    private static bool HasBrokenCharacter(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is InvalidOperationException && e.Message.Contains("surrogate", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the hub has the method (the binder throws for a name it does not know; the name is not echoed then).</summary>
    private static bool IsMethod(IInvocationBinder binder, string target)
    {
        try
        {
            binder.GetParameterTypes(target);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private sealed class ShorterBinder(IInvocationBinder inner, string target, IReadOnlyList<Type> types) : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => methodName == target ? types : inner.GetParameterTypes(methodName);

        public Type GetReturnType(string invocationId) => inner.GetReturnType(invocationId);

        public Type GetStreamItemType(string streamId) => inner.GetStreamItemType(streamId);

        public string GetTarget(ReadOnlySpan<byte> utf8Bytes) => inner.GetTarget(utf8Bytes) ?? string.Empty;
    }
}
