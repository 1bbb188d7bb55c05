namespace Feedback.Testing;

/// <summary>Bodies for <c>resolve</c>: a complaint needs its root cause, a suggestion its outcome; other types ignore them.</summary>
public static class Resolutions
{
    public static object Body(string agent, string message) => new
    {
        agent,
        message,
        rootCause = new { stage = "物流配送", directCause = "快递延误", rootCause = "供应商问题", correctiveAction = "更换供应商" },
        suggestion = new { feasibility = "可行", decision = "纳入需求池", plannedRelease = "v2.3" },
    };
}
