using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Feedback.Domain;

/// <summary>
/// Random identifiers without a system call each. Guid.NewGuid reads the kernel's random source on every call,
/// and on a virtual machine that call cost more than the rest of making an event id (2-3 % of a ticket's CPU,
/// several per ticket). The bytes come from the same cryptographic source, 4 KiB at a time per thread.
/// </summary>
public static class Ids
{
    private const int PoolSize = 4096;

    [ThreadStatic] private static byte[]? _pool;
    [ThreadStatic] private static int _next;

    /// <summary>A random (version 4) GUID.</summary>
    public static Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>A version 7 GUID (RFC 9562): the Unix time in milliseconds first, so ids sort by when they were made.</summary>
    public static Guid NewVersion7(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random(bytes);
        Span<byte> ms = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(ms, at.ToUnixTimeMilliseconds());
        ms[2..].CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>32 hex digits, as Guid's "N" format writes them.</summary>
    public static string NewHex() => NewGuid().ToString("N");

    private static void Random(Span<byte> destination)
    {
        var pool = _pool ??= new byte[PoolSize];
        // A new pool starts used up; each byte is handed out once.
        if (_next == 0 || _next + destination.Length > PoolSize)
        {
            RandomNumberGenerator.Fill(pool);
            _next = 0;
        }
        pool.AsSpan(_next, destination.Length).CopyTo(destination);
        _next += destination.Length;
    }
}
