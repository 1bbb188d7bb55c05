namespace Feedback.Application.Ports;

/// <summary>Where a message goes: the channel's address (an e-mail address, a WeChat OpenID) and the thread it continues.</summary>
public sealed record Recipient(string Address, string? Name)
{
    /// <summary>For e-mail: the customer's Message-ID and subject, so the reply lands in the same thread.</summary>
    public string? ThreadMessageId { get; init; }
    public string? ThreadSubject { get; init; }
}

/// <summary>One message to a customer, already in its final words.</summary>
public sealed record CustomerMessage(string TicketNumber, string Template, string Subject, string Text)
{
    /// <summary>The satisfaction link it carries, if any: a contact task passes it on (it names no one).</summary>
    public string? Link { get; init; }
}

/// <summary>How one attempt ended when it did not throw: sent, or refused for good (nothing a retry would change).</summary>
public sealed record Delivery(bool Sent, string? Detail = null, string? MessageId = null)
{
    public static Delivery Refused(string detail) => new(false, detail);
}

/// <summary>
/// One channel's way to reach a customer (SMTP, WeChat's customer-service API). A transient failure (the
/// server unreachable, busy, a 4xx reply) throws, and the caller retries with backoff; a refusal for good
/// (a 5xx reply, WeChat's reply window expired) comes back as a <see cref="Delivery"/> that was not sent.
/// </summary>
public interface ICustomerMessenger
{
    /// <summary>The delivery route: "email" or "wechat".</summary>
    string Route { get; }

    /// <summary>False when the host has no settings for it (no SMTP server, no AppSecret): then the ticket gets a contact task instead.</summary>
    bool IsConfigured { get; }

    Task<Delivery> SendAsync(Recipient to, CustomerMessage message, CancellationToken cancellationToken);
}
