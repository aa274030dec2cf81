using Matching.Engine.Access;
using Matching.Engine.Coaching;
using Matching.Engine.Reviews;

namespace Matching.Engine.Progress;

/// <summary>An entry of the progress log: a quick one (one application today) or a count for a week.</summary>
/// <param name="Date">The day, or any day of the week counted (default today); not in the future.</param>
public sealed record ProgressInput(DateOnly? Date = null, int? Applications = null, int? Interviews = null, int? Offers = null, string? Note = null);

/// <summary>
/// The seeker's progress over weeks: they (or their adviser, an admin) log applications, interviews and job
/// offers received; they and their adviser read the log per week, the figures the diagnosis now uses, and what
/// changed since the adviser's last review. Another seeker's log is not found; an adviser's reads and writes
/// are in the seeker's access log. A change to the log that changes the diagnosis puts the seeker back in the
/// adviser's review queue, as a changed questionnaire does.
/// </summary>
public sealed class ProgressTracker(SeekerAccess access, SeekerStore seekers, ProgressLog log, ReviewStore reviews, Seekers.SeekerProfiles profiles, TimeProvider time)
{
    public const int MaxCount = 200;
    public const int MaxNoteLength = 200;
    public const int MaxEntries = 5000;

    public async Task<Outcome<ProgressSummary>> GetAsync(CoachUser caller, string seekerId)
    {
        var summary = await access.ReadAsync(caller, seekerId, "progress", "progress log", () => Task.FromResult(Summary(seekerId)));
        return summary is null ? Outcome.NotFound("profile", seekerId) : Outcome.Ok(summary);
    }

    public async Task<Outcome<ProgressSummary>> LogAsync(CoachUser caller, string seekerId, ProgressInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.CanWrite(caller, seekerId) || seekers.Get(seekerId) is null)
        {
            return Outcome.NotFound("profile", seekerId);
        }
        var today = Today;
        var errors = new Dictionary<string, string[]>();
        var day = input.Date ?? today;
        if (day > today)
        {
            errors["date"] = ["The date is in the future."];
        }
        else if (day < today.AddYears(-5))
        {
            errors["date"] = ["The date is more than five years ago."];
        }
        Count(input.Applications, "applications", errors);
        Count(input.Interviews, "interviews", errors);
        Count(input.Offers, "offers", errors);
        if ((input.Applications ?? 0) + (input.Interviews ?? 0) + (input.Offers ?? 0) == 0 && !errors.Keys.Any(k => k is "applications" or "interviews" or "offers"))
        {
            errors["applications"] = ["Log at least one application, interview or offer."];
        }
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > MaxNoteLength } || (note?.Any(char.IsControl) ?? false))
        {
            errors["note"] = [$"The note is at most {MaxNoteLength} characters, without control characters."];
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        if (log.Entries(seekerId).Count >= MaxEntries)
        {
            return Outcome.Invalid("applications", $"The log holds {MaxEntries} entries: remove old ones first.");
        }
        log.Add(seekerId, day, input.Applications ?? 0, input.Interviews ?? 0, input.Offers ?? 0, note, caller.Id, time.GetUtcNow());
        access.RecordWrite(caller, seekerId, "progress", "progress logged");
        await profiles.QueueForReviewAsync(seekerId, cancellationToken);
        return Outcome.Created(Summary(seekerId)!);
    }

    /// <summary>Removes an entry (a correction); removing one that is not there is done already (idempotent).</summary>
    public async Task<Outcome<ProgressSummary>> RemoveAsync(CoachUser caller, string seekerId, long? entryId, CancellationToken cancellationToken = default)
    {
        if (!access.CanWrite(caller, seekerId) || Summary(seekerId) is null)
        {
            return Outcome.NotFound("profile", seekerId);
        }
        if (entryId is { } id && log.Remove(seekerId, id))
        {
            access.RecordWrite(caller, seekerId, "progress", "progress entry removed");
            await profiles.QueueForReviewAsync(seekerId, cancellationToken);
        }
        return Outcome.Ok(Summary(seekerId)!);
    }

    private ProgressSummary? Summary(string seekerId)
    {
        if (seekers.Get(seekerId) is not { } profile)
        {
            return null;
        }
        var today = Today;
        var entries = log.Entries(seekerId);
        var lastReview = reviews.Get(seekerId).Latest?.Review.At;
        return new ProgressSummary(
            ProgressLog.Weeks(entries, today),
            [.. entries.OrderByDescending(e => e.Day).ThenByDescending(e => e.Id).Take(20)],
            ProgressLog.Figures(profile, entries, today),
            lastReview is { } at ? ProgressLog.Since(entries, at) : null,
            lastReview);
    }

    private static void Count(int? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is < 0 or > MaxCount)
        {
            errors[field] = [$"Between 0 and {MaxCount}."];
        }
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
