using System.Security.Cryptography;
using System.Text;

namespace MatchChat.Web.Admin;

/// <summary>
/// The operator's admin key (<see cref="AdminOptions"/>), validated at start-up. Compares what a caller presents in
/// constant time and derives purpose-bound keys from it (for example the dashboard's session cookie), so the key
/// itself is never stored in a browser. <see cref="IsConfigured"/> false: every admin surface answers 404.
/// </summary>
public sealed class AdminKey
{
    private readonly byte[]? _key;
    private readonly byte[]? _keyHash;

    private AdminKey(byte[]? key)
    {
        _key = key;
        _keyHash = key is null ? null : SHA256.HashData(key);
    }

    public static AdminKey None { get; } = new(null);

    public bool IsConfigured => _key is not null;

    /// <summary>Reads and validates <c>MatchChat:Admin:Key</c>; throws <see cref="InvalidOperationException"/> naming the setting.</summary>
    public static AdminKey FromConfiguration(IConfiguration configuration) => From(AdminOptions.From(configuration));

    public static AdminKey From(AdminOptions options) => options.DecodeKey() is { } key ? new AdminKey(key) : None;

    /// <summary>
    /// Whether <paramref name="presented"/> (base64, as the operator configured it) is the admin key. Constant time in the
    /// key: both sides are hashed to the same length first, then compared with <see cref="CryptographicOperations.FixedTimeEquals"/>.
    /// </summary>
    public bool Matches(string? presented)
    {
        if (_keyHash is null || string.IsNullOrWhiteSpace(presented) || presented.Length > 1024)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[768];
        if (!Convert.TryFromBase64String(presented.Trim(), buffer, out var written))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer[..written], hash);
        CryptographicOperations.ZeroMemory(buffer);
        return CryptographicOperations.FixedTimeEquals(hash, _keyHash);
    }

    /// <summary>A 32-byte key for one purpose (HKDF-SHA256 of the admin key); changing the admin key changes every derived key.</summary>
    public byte[] Derive(string purpose)
    {
        if (_key is null)
        {
            throw new InvalidOperationException("No admin key is configured.");
        }

        return HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));
    }
}
