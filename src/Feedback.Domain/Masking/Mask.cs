using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Feedback.Domain.Masking;

/// <summary>
/// Masks personal data everywhere except the ticket's protected contact field:
/// names keep their first character (张*), phones their last four digits (****5678),
/// e-mails their first letter and domain (j***@example.com).
/// </summary>
public static partial class Mask
{
    public static string? Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var elements = StringInfo.GetTextElementEnumerator(name.Trim());
        elements.MoveNext();
        var first = (string)elements.Current;
        var rest = 0;
        while (elements.MoveNext()) rest++;
        // Latin names get a fixed-width mask so their length does not leak.
        var isCjk = first.Length > 0 && first[0] >= '\u2E80';
        return first + new string('*', isCjk ? Math.Max(rest, 1) : 3);
    }

    public static string? Contact(string? contact)
    {
        if (string.IsNullOrWhiteSpace(contact)) return null;
        var value = contact.Trim();
        var at = value.IndexOf('@');
        if (at > 0) return Email(value, at);
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 4 ? "****" + digits[^4..] : "****";
    }

    /// <summary>Masks phone numbers, e-mail addresses and ID numbers written inside free text.</summary>
    public static string Text(string text)
    {
        var masked = EmailPattern().Replace(text, m => Email(m.Value, m.Value.IndexOf('@')));
        masked = IdCardPattern().Replace(masked, m => new string('*', m.Length - 4) + m.Value[^4..]);
        return PhonePattern().Replace(masked, m => "****" + Digits(m.Value)[^4..]);
    }

    private static string Email(string value, int at) => value[0] + "***" + value[at..];

    private static string Digits(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value) if (char.IsAsciiDigit(c)) sb.Append(c);
        return sb.ToString();
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // Mainland resident ID: 17 digits and a check digit or X.
    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?!\d)")]
    private static partial Regex IdCardPattern();

    // Mainland mobiles (optionally +86) and landlines with an area code.
    [GeneratedRegex(@"(?<!\d)(?:(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}-\d{7,8})(?!\d)")]
    private static partial Regex PhonePattern();
}
