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
}
