namespace Feedback.Application.Channels.Signing;

/// <summary>The <c>Channels</c> section: one webhook secret per channel (Key Vault references in Azure).</summary>
public sealed class ChannelOptions
{
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? SecretOf(string channel) => Secrets.GetValueOrDefault(channel);
}
