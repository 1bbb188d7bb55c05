using System.Text;
using System.Text.RegularExpressions;

namespace Feedback.Analysis.Text;

/// <summary>The original text, kept, and the form every matcher reads.</summary>
public sealed record NormalizedText(string Original, string Matching, string Language);

public static class Languages
{
    public const string Simplified = "zh-Hans";
    public const string Traditional = "zh-Hant";
    public const string English = "en";
    public const string Other = "other";
}

/// <summary>
/// Folds text for matching: traditional → simplified, full-width → half-width, Latin lower-cased,
/// whitespace and repeated punctuation collapsed, inline pinyin such as 產(chǎn)品 removed. Emoji are
/// kept: they carry sentiment.
/// </summary>
public static partial class TextNormalizer
{
    public static NormalizedText Normalize(string text) => new(text, Fold(text), DetectLanguage(text));

    public static string Fold(string text)
    {
        if (text.Contains('(') || text.Contains('（')) text = Pinyin().Replace(text, "");
        var sb = new StringBuilder(text.Length);
        var lastWasSpace = true;
        var last = '\0';
        foreach (var raw in text)
        {
            var c = Width(raw);
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                last = ' ';
                continue;
            }
            c = c < 128 ? char.ToLowerInvariant(c) : ScriptConverter.ToSimplified(c);
            // "!!!", "？？？", "。。。" count once.
            if (c == last && IsRepeatablePunctuation(c)) continue;
            sb.Append(c);
            lastWasSpace = false;
            last = c;
        }
        if (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        return sb.ToString();
    }

    /// <summary>zh-Hans, zh-Hant, en or other; mixed text goes by what carries most of it.</summary>
    public static string DetectLanguage(string text)
    {
        int han = 0, script = 0, latinWords = 0, otherLetters = 0;
        var inWord = false;
        foreach (var raw in text)
        {
            var c = Width(raw);
            var latin = char.IsAsciiLetter(c);
            if (latin && !inWord) latinWords++;
            inWord = latin;
            if (IsHan(c))
            {
                han++;
                script += ScriptConverter.ScriptMarker(c);
            }
            else if (!latin && char.IsLetter(c)) otherLetters++;
        }
        // A Chinese word is about two characters; the script is whichever has more characters of its own.
        if (han > 0 && han >= 2 * latinWords && han >= otherLetters)
            return script > 0 ? Languages.Traditional : Languages.Simplified;
        if (latinWords > 0 && latinWords * 3 >= otherLetters) return Languages.English;
        return Languages.Other;
    }

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf' or >= '\uf900' and <= '\ufaff';

    private static char Width(char c) => c switch
    {
        >= '\uff01' and <= '\uff5e' => (char)(c - 0xfee0),
        '\u3000' => ' ',
        _ => c,
    };

    private static bool IsRepeatablePunctuation(char c) => c is '!' or '?' or '.' or ',' or '。' or '~' or '…' or '、' or '-' or '=' or '*';

    // A parenthesised pinyin annotation right after a Chinese character: 產(chǎn)品, 优(yōu)化. A tone
    // mark or number is required, so that English in brackets, 登录(login), stays.
    [GeneratedRegex(@"(?<=[\u3400-\u9fff])[(（](?=[^)）]*[àáǎāèéěēìíǐīòóǒōùúǔūǖǘǚǜńňǹḿ1-5])(?:[a-zA-Zàáâãäāǎèéêëēěìíîïīǐòóôõöōǒùúûüūǔǖǘǚǜńňǹḿ]+[1-5]?\s?)+[)）]")]
    private static partial Regex Pinyin();
}
