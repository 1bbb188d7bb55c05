namespace Feedback.Application.Channels;

public static class ChannelNames
{
    public const string WebForm = "webform";
    public const string Hotline = "hotline";
    public const string Social = "social";
    public const string Survey = "survey";
    public const string WeChat = "wechat";
    public const string Reviews = "reviews";
    public const string Email = "email";

    public static readonly IReadOnlyList<string> All = [WebForm, Hotline, WeChat, Reviews, Email, Social, Survey];
}
