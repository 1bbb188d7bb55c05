namespace Feedback.Application.Ports;

/// <summary>Named settings documents (the keyword library …) that change without a restart.</summary>
public interface ISettingsStore
{
    /// <summary>The document and its version, or null if never written.</summary>
    Task<(string Json, string Version)?> ReadSettingAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces the document; returns its new version.</summary>
    Task<string> WriteSettingAsync(string name, string json, CancellationToken cancellationToken);
}
