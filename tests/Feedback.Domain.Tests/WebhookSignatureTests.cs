using Feedback.Application.Channels.Signing;
using System.Text;
using Feedback.Application.Channels;

namespace Feedback.Domain.Tests;

public sealed class WebhookSignatureTests
{
    private const string Secret = "hotline-secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"callId":"c-1"}""");

    [Fact]
    public void A_signature_is_HMAC_SHA256_of_timestamp_dot_body_in_lower_case_hex()
    {
        // Known answer from: printf '1795665600.{"callId":"c-1"}' | openssl dgst -sha256 -hmac hotline-secret
        Assert.Equal("sha256=bc88102c475a288160763824ebc4dba519f2d1d10fc9092506646c2c2153018e", WebhookSignature.Sign(Secret, 1795665600, Body));
    }

    [Fact]
    public void The_right_signature_within_five_minutes_is_valid()
    {
        var ts = Now.AddMinutes(-4).ToUnixTimeSeconds();
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Secret, ts.ToString(), WebhookSignature.Sign(Secret, ts, Body), Body, Now));
    }

    [Theory]
    [InlineData(null, "sha256=00", SignatureCheck.Missing)]
    [InlineData("1795665600", null, SignatureCheck.Missing)]
    [InlineData("yesterday", "sha256=00", SignatureCheck.Malformed)]
    [InlineData("1795665600", "md5=00", SignatureCheck.Malformed)]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? signature, SignatureCheck expected) =>
        Assert.Equal(expected, WebhookSignature.Verify(Secret, timestamp, signature, Body, Now));

    [Fact]
    public void An_old_or_future_timestamp_is_refused_even_when_correctly_signed()
    {
        foreach (var ts in new[] { Now.AddMinutes(-6).ToUnixTimeSeconds(), Now.AddMinutes(6).ToUnixTimeSeconds() })
            Assert.Equal(SignatureCheck.Stale, WebhookSignature.Verify(Secret, ts.ToString(), WebhookSignature.Sign(Secret, ts, Body), Body, Now));
    }

    [Fact]
    public void A_changed_body_or_another_secret_does_not_match()
    {
        var ts = Now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(Secret, ts, Body);
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(Secret, ts.ToString(), signature, Encoding.UTF8.GetBytes("""{"callId":"c-2"}"""), Now));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify("other", ts.ToString(), signature, Body, Now));
        Assert.Equal(SignatureCheck.NoSecret, WebhookSignature.Verify(null, ts.ToString(), signature, Body, Now));
    }
}
