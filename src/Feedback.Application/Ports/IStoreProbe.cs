namespace Feedback.Application.Ports;

/// <summary>What health asks of the store.</summary>
public interface IStoreProbe
{
    /// <summary>Answers quickly if the store can be reached; throws if not.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
