using System.Globalization;
using System.Text.Json;
using Feedback.Application.Common;
using Feedback.Application.Ports;
using Feedback.Domain;
using Feedback.Domain.Calendars;
using Microsoft.Extensions.Options;

namespace Feedback.Application.Calendars;

/// <summary>The body of <c>PUT /api/sla/calendar</c>: the company's own days, which win over the official ones.</summary>
public sealed record CustomDaysDocument(IReadOnlyList<CustomDay?>? Days);

public sealed record CustomDay(string? Date, string? Name, bool? IsOffDay);

/// <summary>
/// The business calendar in force: the Business section's zone and hours, the official arrangements, and
/// the company's own days kept in the store as a settings document. A change is validated, stored and used
/// at once; other instances read it within <see cref="RefreshInterval"/>.
/// </summary>
public sealed class CalendarProvider
{
    public const string SettingName = "calendar";
    public const int MaxCustomDays = 2000;
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly ISettingsStore _store;
    private readonly TimeProvider _time;
    private readonly BusinessOptions _business;
    // One reference, swapped whole: a reader never sees the new calendar with the old custom days.
    private Snapshot _current;
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    public CalendarProvider(ISettingsStore store, IOptions<BusinessOptions> business, TimeProvider time)
    {
        _store = store;
        _time = time;
        _business = business.Value;
        _current = new Snapshot(Build([]), [], null);
    }

    public BusinessCalendar Current => Volatile.Read(ref _current).Calendar;

    public IReadOnlyList<SpecialDay> CustomDays => Volatile.Read(ref _current).Custom;

    public async Task RefreshIfStaleAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (now - _refreshedAt < RefreshInterval) return;
        _refreshedAt = now;
        if (await _store.ReadSettingAsync(SettingName, ct) is not { } setting || setting.Version == Volatile.Read(ref _current).Version) return;
        var (days, _) = Validate(JsonSerializer.Deserialize<CustomDaysDocument>(setting.Json, FeedbackJson.Options));
        // A stored document was valid when written; should it not be now, the calendar in force stays.
        if (days is not null) Volatile.Write(ref _current, new Snapshot(Build(days), days, setting.Version));
    }

    public async Task<Outcome<BusinessCalendar>> ReplaceCustomAsync(CustomDaysDocument? document, CancellationToken ct)
    {
        var (days, errors) = Validate(document);
        if (days is null) return Outcome<BusinessCalendar>.Invalid(errors);
        var json = JsonSerializer.Serialize(new CustomDaysDocument([.. days.Select(d => new CustomDay(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Name, d.IsOffDay))]), FeedbackJson.Options);
        var version = await _store.WriteSettingAsync(SettingName, json, ct);
        var snapshot = new Snapshot(Build(days), days, version);
        Volatile.Write(ref _current, snapshot);
        _refreshedAt = _time.GetUtcNow();
        return Outcome<BusinessCalendar>.Ok(snapshot.Calendar);
    }

    private BusinessCalendar Build(IReadOnlyList<SpecialDay> custom)
    {
        var china = string.Equals(_business.OfficialHolidays, "china", StringComparison.OrdinalIgnoreCase);
        return new BusinessCalendar(_business.Zone, _business.Week().Week!,
            china ? ChinaHolidays.Days : [], custom, china ? ChinaHolidays.YearsCovered : new HashSet<int>());
    }

    private static (IReadOnlyList<SpecialDay>? Days, FieldErrors Errors) Validate(CustomDaysDocument? document)
    {
        var errors = new FieldErrors();
        if (document?.Days is not { } days)
        {
            errors.Required("days", "'days' is required: an array, empty to keep only the official days.");
            return (null, errors);
        }
        if (days.Count > MaxCustomDays) errors.Add("days", $"At most {MaxCustomDays} days.");
        var seen = new HashSet<DateOnly>();
        var valid = new List<SpecialDay>();
        for (var i = 0; i < days.Count && i < MaxCustomDays; i++)
        {
            var at = $"days[{i}]";
            if (days[i] is not { } day) { errors.Add(at, "A day is required."); continue; }
            if (!DateOnly.TryParseExact(day.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                errors.Add($"{at}.date", "'date' must be a date like 2026-10-09.");
            else if (!seen.Add(date)) errors.Add($"{at}.date", $"{day.Date} is listed twice.");
            if (string.IsNullOrWhiteSpace(day.Name) || day.Name.Length > 50) errors.Add($"{at}.name", "'name' is required, at most 50 characters (公司年会, 值班 …).");
            if (day.IsOffDay is null) errors.Required($"{at}.isOffDay", "'isOffDay' is required: true for a day off, false for a working day.");
            if (!errors.Any) valid.Add(new SpecialDay(date, day.Name!.Trim(), day.IsOffDay!.Value));
        }
        return errors.Any ? (null, errors) : ([.. valid.OrderBy(d => d.Date)], errors);
    }

    private sealed record Snapshot(BusinessCalendar Calendar, IReadOnlyList<SpecialDay> Custom, string? Version);
}
