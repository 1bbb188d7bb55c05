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
/// the company's own days kept in the store as a settings document (<see cref="StoredSetting{T}"/>): a change
/// is validated, stored and used at once; other instances read it within the setting's refresh interval.
/// </summary>
public sealed class CalendarProvider
{
    public const string SettingName = "calendar";
    public const int MaxCustomDays = 2000;

    private readonly BusinessOptions _business;
    // One value, swapped whole: a reader never sees the new calendar with the old custom days.
    private readonly StoredSetting<Snapshot> _setting;

    public CalendarProvider(ISettingsStore store, IOptions<BusinessOptions> business, TimeProvider time)
    {
        _business = business.Value;
        _setting = new StoredSetting<Snapshot>(store, time, SettingName, new Snapshot(Build([]), []), json =>
            Validate(JsonSerializer.Deserialize<CustomDaysDocument>(json, FeedbackJson.Options)).Days is { } days ? new Snapshot(Build(days), days) : null);
    }

    public BusinessCalendar Current => _setting.Current.Calendar;

    public IReadOnlyList<SpecialDay> CustomDays => _setting.Current.Custom;

    public Task RefreshIfStaleAsync(CancellationToken ct) => _setting.RefreshIfStaleAsync(ct);

    public async Task<Outcome<BusinessCalendar>> ReplaceCustomAsync(CustomDaysDocument? document, CancellationToken ct)
    {
        var (days, errors) = Validate(document);
        if (days is null) return Outcome<BusinessCalendar>.Invalid(errors);
        var json = JsonSerializer.Serialize(new CustomDaysDocument([.. days.Select(d => new CustomDay(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Name, d.IsOffDay))]), FeedbackJson.Options);
        var snapshot = new Snapshot(Build(days), days);
        await _setting.ReplaceAsync(snapshot, json, ct);
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

    private sealed record Snapshot(BusinessCalendar Calendar, IReadOnlyList<SpecialDay> Custom);
}
