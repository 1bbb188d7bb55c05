using System.ComponentModel.DataAnnotations;

namespace Feedback.Azure.Cosmos;

/// <summary>The <c>Cosmos</c> section (<c>Cosmos__accountEndpoint</c>, the Functions identity-connection names).</summary>
public sealed class CosmosOptions
{
    [Required] public Uri? AccountEndpoint { get; set; }
    [Required] public string DatabaseName { get; set; } = "feedback";
}
