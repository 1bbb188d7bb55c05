using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Feedback.Application.Channels.WeChat;

/// <summary>
/// WeChat's message encryption (兼容模式 and 安全模式). The key is the 43-character EncodingAESKey plus "=",
/// Base64-decoded to 32 bytes; AES-256-CBC with the key's first 16 bytes as IV, PKCS#7 padded to 32-byte
/// blocks (not AES's 16, so the padding is done here). The plaintext is 16 random bytes, the message length
/// (4 bytes, network order), the message, then the account's AppId.
/// </summary>
public sealed class WeChatCrypto
{
    private const int PadBlock = 32;
    private const int Head = 16 + 4;
    private readonly byte[] _key;
    private readonly byte[] _appId;

    private WeChatCrypto(byte[] key, string appId) => (_key, _appId) = (key, Encoding.UTF8.GetBytes(appId));

    /// <summary>The crypto of the configured account, or null when no EncodingAESKey is set.</summary>
    public static WeChatCrypto? From(WeChatOptions options) =>
        KeyOf(options.EncodingAesKey) is { } key && !string.IsNullOrWhiteSpace(options.AppId) ? new WeChatCrypto(key, options.AppId.Trim()) : null;

    /// <summary>The 32-byte AES key, or null when the value is not a 43-character EncodingAESKey.</summary>
    public static byte[]? KeyOf(string? encodingAesKey)
    {
        if (encodingAesKey is not { Length: 43 }) return null;
        var key = new byte[32];
        return Convert.TryFromBase64String(encodingAesKey + "=", key, out var written) && written == 32 ? key : null;
    }

    public string Encrypt(byte[] message)
    {
        var length = Head + message.Length + _appId.Length;
        var pad = PadBlock - length % PadBlock;
        var plain = new byte[length + pad];
        RandomNumberGenerator.Fill(plain.AsSpan(0, 16));
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16), message.Length);
        message.CopyTo(plain, Head);
        _appId.CopyTo(plain, Head + message.Length);
        plain.AsSpan(length).Fill((byte)pad);
        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>The message inside <paramref name="encrypted"/>, or why it cannot be read as one for this account.</summary>
    public (byte[]? Message, string? Error) Decrypt(string encrypted)
    {
        byte[] cipher;
        try { cipher = Convert.FromBase64String(encrypted.Trim()); }
        catch (FormatException) { return (null, "'Encrypt' is not Base64."); }
        if (cipher.Length == 0 || cipher.Length % 16 != 0) return (null, "'Encrypt' is not a whole number of AES blocks.");

        using var aes = Aes.Create();
        aes.Key = _key;
        var plain = aes.DecryptCbc(cipher, _key.AsSpan(0, 16), PaddingMode.None);
        int pad = plain[^1];
        if (pad is < 1 or > PadBlock || pad > plain.Length - Head) return (null, "'Encrypt' does not decrypt with this EncodingAESKey.");
        var body = plain.AsSpan(0, plain.Length - pad);
        var length = BinaryPrimitives.ReadInt32BigEndian(body.Slice(16, 4));
        if (length < 0 || length > body.Length - Head) return (null, "'Encrypt' does not decrypt with this EncodingAESKey.");
        if (!body[(Head + length)..].SequenceEqual(_appId)) return (null, "'Encrypt' was sealed for another AppId.");
        return (body.Slice(Head, length).ToArray(), null);
    }

    /// <summary>The encrypted passive reply: the sealed message and its signature, as the platform expects it back.</summary>
    public string Seal(string replyXml, string token, string timestamp, string nonce)
    {
        var encrypted = Encrypt(Encoding.UTF8.GetBytes(replyXml));
        return new XElement("xml",
            new XElement("Encrypt", new XCData(encrypted)),
            new XElement("MsgSignature", new XCData(WeChatSignature.Compute(token, timestamp, nonce, encrypted))),
            new XElement("TimeStamp", timestamp),
            new XElement("Nonce", new XCData(nonce))).ToString(SaveOptions.DisableFormatting);
    }
}
