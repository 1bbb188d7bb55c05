namespace Feedback.Testing;

/// <summary>Who a test says it is when it makes a key directly through the service.</summary>
public static class TestCallers
{
    public static readonly Feedback.Application.Privacy.Caller Admin = new("test", "admin", null);
}
