using System.Text.Json;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain;
using Feedback.Domain.Sla;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Sla;

/// <summary>The SLA policy in force: the stored one if ops have put one, else the Sla section's.</summary>
public sealed class SlaPolicyProvider
{
    public const string SettingName = "sla-policy";

    private readonly StoredSetting<SlaPolicy> _setting;

    public SlaPolicyProvider(ISettingsStore store, IOptions<SlaOptions> options, TimeProvider time)
    {
        var configured = options.Value.ToPolicy();
        _setting = new StoredSetting<SlaPolicy>(store, time, SettingName, configured, json =>
        {
            var (policy, _) = JsonSerializer.Deserialize<SlaPolicyDocument>(json, FeedbackJson.Options)!.Validate();
            return policy?.WithNegativeReviewContact(configured.NegativeReviewContact);
        });
    }

    public SlaPolicy Current => _setting.Current;

    public Task RefreshIfStaleAsync(CancellationToken ct) => _setting.RefreshIfStaleAsync(ct);

    public async Task<Outcome<SlaPolicy>> ReplaceAsync(SlaPolicyDocument? document, CancellationToken ct)
    {
        if (document is null)
        {
            var missing = new FieldErrors();
            missing.Required("rules", "A policy is required: { \"preset\": \"analysis-template\" } or { \"name\", \"rules\", \"ladder\", \"warnAt\" }.");
            return Outcome<SlaPolicy>.Invalid(missing);
        }
        var (policy, errors) = document.Validate();
        if (policy is null) return Outcome<SlaPolicy>.Invalid(errors);
        policy = policy.WithNegativeReviewContact(Current.NegativeReviewContact);
        await _setting.ReplaceAsync(policy, JsonSerializer.Serialize(SlaPolicyDocument.Of(policy), FeedbackJson.Options), ct);
        return Outcome<SlaPolicy>.Ok(policy);
    }
}
