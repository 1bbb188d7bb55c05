namespace Feedback.Application.Ports;

/// <summary>
/// Every store port at once: what one adapter (SQLite, Cosmos) implements. Consumers take the one port
/// they use; the hosts register an adapter with <c>AddFeedbackStore</c>, which maps each port to it.
/// </summary>
public interface IFeedbackStore : ITicketStore, ITicketQueries, IEventLog, ICounterStore, ISettingsStore, IRecordStore, IAggregateStore, IReportStore, IPrivacyStore, IStoreProbe;
