namespace Feedback.Domain.ClosedLoop;

/// <summary>The customer's verdict on a resolution (满意 / 基本满意 / 不满意), or no answer within the window.</summary>
public static class Satisfaction
{
    public const string Satisfied = "满意";
    public const string Basic = "基本满意";
    public const string Unsatisfied = "不满意";

    /// <summary>Closed without a verdict: counted as such, never as satisfied.</summary>
    public const string NoAnswer = "no-answer";

    public static readonly IReadOnlyList<string> Verdicts = [Satisfied, Basic, Unsatisfied];

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1"] = Satisfied, ["满意"] = Satisfied, ["滿意"] = Satisfied, ["satisfied"] = Satisfied,
        ["2"] = Basic, ["基本满意"] = Basic, ["基本滿意"] = Basic, ["partly satisfied"] = Basic, ["partly-satisfied"] = Basic, ["basic"] = Basic,
        ["3"] = Unsatisfied, ["不满意"] = Unsatisfied, ["不滿意"] = Unsatisfied, ["dissatisfied"] = Unsatisfied, ["unsatisfied"] = Unsatisfied,
    };

    /// <summary>The verdict a reply or a key press names ("1", "满意", "dissatisfied" …); null if it names none.</summary>
    public static string? Parse(string? text) =>
        text is null ? null : Names.GetValueOrDefault(text.Trim().TrimEnd('。', '.', '!', '！'));
}
