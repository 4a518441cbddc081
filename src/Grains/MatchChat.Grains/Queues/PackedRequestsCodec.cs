using System.Buffers.Binary;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace MatchChat.Grains.Queues;

/// <summary>
/// <see cref="PackedRequests"/> on the wire as a byte array field (length-prefixed), the way stop 44 stored its layout,
/// with each request's bytes written straight into the serializer's buffer instead of first into one array of the
/// queue's size.
/// </summary>
[RegisterSerializer]
public sealed class PackedRequestsCodec : IFieldCodec<PackedRequests>
{
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, PackedRequests? value)
        where TBufferWriter : System.Buffers.IBufferWriter<byte>
    {
        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value))
        {
            return;
        }

        writer.WriteFieldHeader(fieldIdDelta, expectedType, typeof(PackedRequests), WireType.LengthPrefixed);
        writer.WriteVarUInt32((uint)value!.Length);
        if (value.Layout is { } layout)
        {
            writer.Write(layout);
            return;
        }

        Span<byte> header = stackalloc byte[sizeof(int)];
        header[0] = PackedRequests.Version;
        writer.Write(header[..1]);
        foreach (var part in value.Parts!)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header, part.Length);
            writer.Write(header);
            writer.Write(part);
        }
    }

    public PackedRequests? ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        if (field.WireType == WireType.Reference)
        {
            return ReferenceCodec.ReadReference<PackedRequests, TInput>(ref reader, field);
        }

        field.EnsureWireType(WireType.LengthPrefixed);
        var length = reader.ReadVarUInt32();
        var result = PackedRequests.FromLayout(reader.ReadBytes(length));
        ReferenceCodec.RecordObject(reader.Session, result);
        return result;
    }
}

/// <summary>
/// <see cref="PackedRequests"/> in JSON grain state (the fallback format, <c>MatchChat:Storage:BinaryGrainState</c> off,
/// and the test cluster's storage) as the base64 string a byte array is: what stop 44 wrote in the same property.
/// </summary>
public sealed class PackedRequestsJsonConverter : Newtonsoft.Json.JsonConverter<PackedRequests>
{
    public override void WriteJson(Newtonsoft.Json.JsonWriter writer, PackedRequests? value, Newtonsoft.Json.JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        writer.WriteValue(value.ToLayout());
    }

    public override PackedRequests? ReadJson(Newtonsoft.Json.JsonReader reader, Type objectType, PackedRequests? existingValue, bool hasExistingValue, Newtonsoft.Json.JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case Newtonsoft.Json.JsonToken.Null:
                return null;
            case Newtonsoft.Json.JsonToken.StartObject:
                // With type names on (Orleans' JSON settings), stop 44 wrote its byte array as
                // {"$type": "System.Byte[], …", "$value": "<base64>"}.
                byte[]? layout = null;
                while (reader.Read() && reader.TokenType == Newtonsoft.Json.JsonToken.PropertyName)
                {
                    var name = (string)reader.Value!;
                    reader.Read();
                    if (name == "$value")
                    {
                        layout = Bytes(reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return PackedRequests.FromLayout(layout ?? throw new Newtonsoft.Json.JsonSerializationException("A packed queue row has no $value."));
            default:
                return PackedRequests.FromLayout(Bytes(reader));
        }
    }

    private static byte[] Bytes(Newtonsoft.Json.JsonReader reader) => reader.TokenType switch
    {
        Newtonsoft.Json.JsonToken.String => Convert.FromBase64String((string)reader.Value!),
        Newtonsoft.Json.JsonToken.Bytes => (byte[])reader.Value!,
        _ => throw new Newtonsoft.Json.JsonSerializationException("A packed queue row is not a base64 string."),
    };
}
