namespace Feedback.Testing;

/// <summary>Polls until a condition holds; workflows run in the background, so tests wait for them, but no longer than they must.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        T last;
        do
        {
            last = await read();
            if (done(last)) return last;
            await Task.Delay(25);
        }
        while (DateTime.UtcNow < until);
        throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}; last value: {last}");
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        GetAsync(() => Task.FromResult(condition()), done => done, timeout, what);
}
