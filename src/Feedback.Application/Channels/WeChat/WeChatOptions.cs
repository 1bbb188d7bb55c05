namespace Feedback.Application.Channels.WeChat;

/// <summary>The <c>Channels:WeChat</c> section.</summary>
public sealed class WeChatOptions
{
    /// <summary>The token set in the official account's server configuration (服务器配置).</summary>
    public string? Token { get; set; }

    /// <summary>
    /// The passive reply; {ticketNumber} and {replyBy} are filled in. {replyBy} is the latest response deadline
    /// the SLA policy can give this item (triage, which may only shorten it, comes after the reply), in local time.
    /// </summary>
    public string ReplyTemplate { get; set; } =
        "您好，您的反馈已收到，工单号 {ticketNumber}。我们将按 受理→核实→处理→回访 的流程跟进，预计 {replyBy} 前给您答复。如需补充，可直接回复本号。";

    /// <summary>消息加解密密钥 (43 characters), for 兼容模式 or 安全模式; unset, only 明文模式 pushes can be read.</summary>
    public string? EncodingAesKey { get; set; }

    /// <summary>The official account's AppId: every encrypted message names it, and one naming another is refused.</summary>
    public string? AppId { get; set; }
}
