using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Feedback.Application.Intake;

namespace Feedback.Application.Channels.WeChat;

/// <summary>
/// A message the WeChat platform pushes to the official account's server URL (明文模式, or decrypted by <see cref="WeChatCrypto"/>): XML with
/// ToUserName, FromUserName (the customer's openid), CreateTime and MsgType, plus per type
/// Content (text), PicUrl/MediaId (image), Recognition/MediaId/Format (voice) or Event/EventKey (event).
/// </summary>
public sealed record WeChatMessage(
    string ToUserName, string FromUserName, long CreateTime, string MsgType, string? MsgId,
    string? Content, string? PicUrl, string? MediaId, string? Recognition, string? Event, string? EventKey)
{
    public const int MaxBody = 64 * 1024;

    /// <summary>Reads the push with DTDs refused and no resolver, so no entity can expand or reach out.</summary>
    public static (WeChatMessage? Message, FieldProblem? Problem) Parse(byte[] body)
    {
        var (values, problem) = ReadFields(body);
        if (values is null) return (null, problem);
        foreach (var required in new[] { "ToUserName", "FromUserName", "CreateTime", "MsgType" })
            if (string.IsNullOrWhiteSpace(values.GetValueOrDefault(required))) return (null, FieldProblem.Required(required, $"'{required}' is required."));
        if (!long.TryParse(values["CreateTime"], NumberStyles.None, CultureInfo.InvariantCulture, out var created))
            return (null, new FieldProblem("CreateTime", "'CreateTime' must be Unix seconds."));
        var type = values["MsgType"].Trim();
        if (type is not ("text" or "image" or "voice" or "event"))
            return (null, new FieldProblem("MsgType", "'MsgType' must be text, image, voice or event."));
        var message = new WeChatMessage(values["ToUserName"], values["FromUserName"].Trim(), created, type, values.GetValueOrDefault("MsgId"),
            values.GetValueOrDefault("Content"), values.GetValueOrDefault("PicUrl"), values.GetValueOrDefault("MediaId"),
            values.GetValueOrDefault("Recognition"), values.GetValueOrDefault("Event"), values.GetValueOrDefault("EventKey"));
        if (type != "event" && string.IsNullOrWhiteSpace(message.MsgId)) return (null, FieldProblem.Required("MsgId", "'MsgId' is required."));
        if (type == "text" && string.IsNullOrWhiteSpace(message.Content)) return (null, FieldProblem.Required("Content", "'Content' is required."));
        if (type == "event" && string.IsNullOrWhiteSpace(message.Event)) return (null, FieldProblem.Required("Event", "'Event' is required."));
        return (message, null);
    }

    /// <summary>The child elements of the root <c>&lt;xml&gt;</c> by name: of a push, or of the envelope of an encrypted one.</summary>
    public static (Dictionary<string, string>? Fields, FieldProblem? Problem) ReadFields(byte[] body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBody,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), settings);
            var root = XDocument.Load(reader).Root!;
            if (root.Name.LocalName != "xml") return (null, new FieldProblem("body", "The root element must be <xml>."));
            return (root.Elements().GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal), null);
        }
        catch (XmlException ex)
        {
            return (null, new FieldProblem("body", $"The body is not well-formed XML without a DTD: {ex.Message}", RefusalReason.Malformed));
        }
    }

    /// <summary>Events (subscribe, menu clicks …) are not feedback: they are acknowledged and counted only.</summary>
    public bool IsFeedback => MsgType != "event";

    public Submission ToSubmission()
    {
        var details = new Dictionary<string, string> { ["msgType"] = MsgType, ["account"] = ToUserName };
        if (MediaId is not null) details["mediaId"] = MediaId;
        if (PicUrl is not null) details["picUrl"] = PicUrl;
        var content = MsgType switch
        {
            "text" => Content!,
            "voice" => string.IsNullOrWhiteSpace(Recognition) ? "[语音消息，未识别出文字]" : Recognition!,
            _ => "[图片消息]",
        };
        // The openid is a pseudonym for this account: it is who the reply goes to, and who the duplicates are.
        return new Submission(ChannelNames.WeChat, content, null, null, FromUserName, "msg:" + MsgId!.Trim(),
            DateTimeOffset.FromUnixTimeSeconds(CreateTime)) { Details = details };
    }

    /// <summary>The passive reply: a text message back to the sender, answered in the same HTTP response.</summary>
    public string Reply(string text, DateTimeOffset now) =>
        $"<xml><ToUserName><![CDATA[{Cdata(FromUserName)}]]></ToUserName><FromUserName><![CDATA[{Cdata(ToUserName)}]]></FromUserName>" +
        $"<CreateTime>{now.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{Cdata(text)}]]></Content></xml>";

    // "]]>" cannot sit inside CDATA; split it across two sections.
    private static string Cdata(string value) => value.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal);
}
