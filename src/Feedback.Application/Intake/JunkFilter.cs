using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Feedback.Application.Intake;

/// <summary>
/// Tells junk (垃圾信息) from feedback. Junk is not dropped: it is stored, set aside with the reason
/// found here, and counted per channel. Emoji alone count as content: "😡😡" is a verdict.
/// </summary>
public static partial class JunkFilter
{
    public const string PunctuationOnly = "punctuation-only";
    public const string RepeatedCharacter = "repeated-character";
    public const string LinkOnly = "link-only";
    public const string SpamPhrase = "spam-phrase";

    // Phrases that only advertising spam uses; a real complaint may say "加微信", so that is not one of them.
    private static readonly string[] Spam =
    [
        "代开发票", "代開發票", "刷单", "刷單", "兼职日结", "兼職日結", "网赚", "網賺", "博彩", "裸聊", "办证", "辦證", "贷款秒批", "貸款秒批",
        "casino bonus", "free crypto", "viagra", "work from home and earn",
    ];

    public static IReadOnlyList<string> Reasons { get; } = [PunctuationOnly, RepeatedCharacter, LinkOnly, SpamPhrase];

    /// <summary>Why the content is junk, or null if it is feedback.</summary>
    public static string? ReasonFor(string content)
    {
        var withoutLinks = Link().Replace(content, " ");
        if (!HasContent(withoutLinks)) return withoutLinks.Length < content.Length ? LinkOnly : PunctuationOnly;
        var text = string.Concat(content.Where(c => !char.IsWhiteSpace(c)));
        var distinct = text.Distinct().Count();
        if ((text.Length >= 5 && distinct == 1) || (text.Length >= 10 && distinct <= 2)) return RepeatedCharacter;
        var lower = content.ToLowerInvariant();
        return Spam.Any(lower.Contains) ? SpamPhrase : null;
    }

    private static bool HasContent(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune)) return true;
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol) return true; // emoji
        }
        return false;
    }

    [GeneratedRegex(@"(?:https?://|www\.)\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
