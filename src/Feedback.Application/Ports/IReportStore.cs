using Feedback.Domain.Reports;

namespace Feedback.Application.Ports;

/// <summary>
/// Reports as flat rows, one partition per period (Cosmos <c>reports</c>, SQLite <c>report_rows</c>): what Power BI
/// reads. Writing a period again replaces its rows, so a rerun is the same document.
/// </summary>
public interface IReportStore
{
    Task<Report?> ReadReportAsync(string kind, string period, CancellationToken cancellationToken);

    Task WriteReportAsync(Report report, CancellationToken cancellationToken);

    /// <summary>
    /// The day's tickets as flat <c>ticket_facts</c> rows in the day's partition, for Power BI to read beside the
    /// report rows; written with each daily report, so every ticket is in exactly one day. SQLite keeps them as a
    /// view over its tickets instead, and may ignore this.
    /// </summary>
    Task WriteTicketFactsAsync(string day, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows, CancellationToken cancellationToken);
}
