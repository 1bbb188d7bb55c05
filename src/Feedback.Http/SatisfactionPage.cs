using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>
/// The small page behind a satisfaction link: Chinese and English, three buttons and an optional comment, no
/// script, readable on a phone. Everything shown is encoded; nothing personal is shown.
/// </summary>
public static class SatisfactionPage
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif;margin:0;background:#f4f6f8;color:#1f2933}" +
        "main{max-width:28rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.25rem}p{line-height:1.5}" +
        "form{display:flex;flex-direction:column;gap:.75rem}button{font-size:1.1rem;padding:.9rem;border:0;border-radius:.5rem;color:#fff;cursor:pointer}" +
        ".v1{background:#2f855a}.v2{background:#b7791f}.v3{background:#c53030}textarea{font-size:1rem;padding:.5rem;min-height:5rem;border-radius:.5rem;border:1px solid #cbd2d9}" +
        ".en{color:#52606d;font-size:.9rem}";

    public static IResult Question(string token, string ticketNumber) => Html(StatusCodes.Status200OK, "请评价本次处理 · How did we do?", $"""
        <h1>请评价本次处理<br><span class="en">How did we do?</span></h1>
        <p>您反馈的问题（工单 {Encode(ticketNumber)}）已处理完成。请问您对处理结果是否满意？<br>
        <span class="en">Your feedback (ticket {Encode(ticketNumber)}) has been resolved. Are you satisfied with the result?</span></p>
        <form method="post" action="/s/{Encode(token)}">
          <label for="comment">意见（可选）<span class="en"> · Comment (optional)</span></label>
          <textarea id="comment" name="comment" maxlength="1000"></textarea>
          <button class="v1" type="submit" name="verdict" value="1">满意 · Satisfied</button>
          <button class="v2" type="submit" name="verdict" value="2">基本满意 · Partly satisfied</button>
          <button class="v3" type="submit" name="verdict" value="3">不满意 · Dissatisfied</button>
        </form>
        """);

    public static IResult Thanks(string verdict, bool reopened) => Html(StatusCodes.Status200OK, "感谢您的评价 · Thank you", $"""
        <h1 id="thanks">感谢您的评价<br><span class="en">Thank you</span></h1>
        <p>您的评价：{Encode(verdict)}。{(reopened ? "我们将重新处理您的问题，并尽快与您联系。" : "")}<br>
        <span class="en">{(reopened ? "We will handle your case again and contact you soon." : "Your answer has been recorded.")}</span></p>
        """);

    public static IResult Refused(int status, string zh, string en) => Html(status, "链接不可用 · Link not valid", $"""
        <h1 id="refused">{Encode(zh)}<br><span class="en">{Encode(en)}</span></h1>
        """);

    private static IResult Html(int status, string title, string body) => Results.Content(
        $"""
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <meta name="robots" content="noindex"><title>{Encode(title)}</title><style>{Style}</style></head>
        <body><main>{body}</main></body></html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
