namespace Feedback.Application.Common;

public enum OutcomeKind { Ok, Invalid, NotFound, Conflict }

/// <summary>An expected result of a use case; the edge maps it to HTTP in one place.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, IReadOnlyDictionary<string, string[]>? Errors, string? Detail)
{
    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value, null, null);
    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(OutcomeKind.Invalid, default, errors, "The request has invalid fields.");

    public static Outcome<T> Invalid(FieldErrors errors) => Invalid(errors.ToDictionary()) with { Missing = errors.Missing };

    /// <summary>For an invalid request, the fields it lacked (not those it had wrong).</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];
    public static Outcome<T> NotFound(string detail) => new(OutcomeKind.NotFound, default, null, detail);
    public static Outcome<T> Conflict(string detail) => new(OutcomeKind.Conflict, default, null, detail);
}

/// <summary>Collects validation errors by field name.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly List<string> _missing = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>A field that is absent or blank: counted as missing by channel health.</summary>
    public void Required(string field, string message)
    {
        Add(field, message);
        if (!_missing.Contains(field)) _missing.Add(field);
    }

    public IReadOnlyList<string> Missing => _missing;

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max) Add(field, $"'{field}' must be at most {max} characters.");
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
