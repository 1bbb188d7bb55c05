using Feedback.Application.Ports;
using Feedback.Domain.ClosedLoop;
using Feedback.Domain.Tickets;

namespace Feedback.Application.ClosedLoop;

/// <summary>
/// The closed loop's messages, in Chinese then English, in the documents' words (回访: "…已处理完成，请问您对处理结果
/// 是否满意？"; 表扬: "感谢您的认可…"). Names are the masked ones (张*): a message never needs more.
/// </summary>
public static class MessageTemplates
{
    public static CustomerMessage SatisfactionRequest(Ticket ticket, string link, bool reminder)
    {
        var summary = Summary(ticket);
        var subject = reminder
            ? $"[{ticket.Number}] 提醒：请评价本次处理 / Reminder: how did we do?"
            : $"[{ticket.Number}] 您反馈的问题已处理完成 / Your feedback has been resolved";
        var opening = reminder ? "温馨提醒：我们还没有收到您对本次处理的评价。\n" : "";
        var text =
            $"{opening}{Hello(ticket)}您反馈的问题（工单 {ticket.Number}）已处理完成{summary.Zh}请问您对处理结果是否满意？\n" +
            $"请点击链接评价：{link}\n" +
            (ticket.Channel == "wechat" ? "也可直接回复数字：1 满意，2 基本满意，3 不满意。\n" : "") +
            $"\n{(reminder ? "A reminder: we have not heard how we did.\n" : "")}Hello, your feedback (ticket {ticket.Number}) has been resolved{summary.En}" +
            $"Are you satisfied with the result? Please rate it: {link}" +
            (ticket.Channel == "wechat" ? "\nOr reply 1 (satisfied), 2 (partly satisfied) or 3 (dissatisfied)." : "");
        return new CustomerMessage(ticket.Number, reminder ? Templates.SatisfactionReminder : Templates.SatisfactionRequest, subject, text) { Link = link };
    }

    public static CustomerMessage PraiseThanks(Ticket ticket) => new(ticket.Number, Templates.PraiseThanks,
        $"[{ticket.Number}] 感谢您的认可 / Thank you",
        $"{Hello(ticket)}感谢您的认可，我们会将您的意见反馈给团队，继续努力！\n\nThank you for your kind words (ticket {ticket.Number}); we have passed them on to the team.");

    public static CustomerMessage ImprovementDone(Ticket ticket, string action) => new(ticket.Number, Templates.ImprovementDone,
        $"[{ticket.Number}] 您反馈的问题已改进 / What we changed after your feedback",
        $"{Hello(ticket)}您之前反馈的问题（工单 {ticket.Number}）我们已完成改进：{action}。感谢您的反馈！\n\n" +
        $"Following your feedback (ticket {ticket.Number}) we have made this change: {action}. Thank you.");

    /// <summary>The documents' emergency plan: tell the customers a system failure touched how it is going.</summary>
    public static CustomerMessage IncidentUpdate(Ticket ticket, string title, string progress) => new(ticket.Number, Templates.IncidentUpdate,
        $"[{ticket.Number}] 故障处理进展 / Incident update",
        $"{Hello(ticket)}关于您反馈的问题（工单 {ticket.Number}，{title}），最新进展：{progress}。如仍受影响，可拨打客服热线或回复本消息。\n\n" +
        $"An update on the issue you reported (ticket {ticket.Number}): {progress}. If you are still affected, call our hotline or reply to this message.");

    private static string Hello(Ticket ticket) => ticket.Feedback.CustomerName is { Length: > 0 } name ? $"{name}您好，" : "您好，";

    /// <summary>What the agent said when resolving it: the customer reads what was done.</summary>
    private static (string Zh, string En) Summary(Ticket ticket) =>
        ticket.History.LastOrDefault(h => h.Kind == "resolved")?.Message is { Length: > 0 } said
            ? ($"（{said}）。", $": {said}\n")
            : ("。", ".\n");
}
