namespace Feedback.Analysis;

/// <summary>
/// A quick script-level guess of the language, enough to tell a cloud analyzer which model to use
/// (Azure AI Language assumes English when told nothing): Chinese in either script, or English.
/// </summary>
public static class LanguageGuess
{
    // Common characters that exist only in traditional script.
    private const string TraditionalOnly = "這們個說務產號來對會還沒麼貨單電話訂購買賣問題處理應該們給讓從東車門開關點時間體驗價錢險質隊員專業態調發貨區錯誤帳戶";

    public static string Of(string text)
    {
        int han = 0, traditional = 0, latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\u4e00' and <= '\u9fff')
            {
                han++;
                if (TraditionalOnly.Contains(c)) traditional++;
            }
            else if (char.IsAsciiLetter(c)) latin++;
        }
        if (han == 0) return "en";
        if (han * 2 < latin / 3) return "en";
        return traditional * 10 >= han ? "zh-hant" : "zh-hans";
    }
}
