using System.Text.Json;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Progress;

namespace Matching.Engine.Reviews;

/// <summary>
/// What changed for a seeker between the snapshot their adviser last reviewed and the one waiting now
/// (<see cref="SeekerReviewSnapshot.Of"/>): the main challenge, advice that came or went, answers changed. In
/// words, for the review queue.
/// </summary>
public static class ReviewChanges
{
    /// <param name="reviewed">The snapshot of the last review; null when the seeker was never reviewed.</param>
    /// <param name="pending">The snapshot waiting for review.</param>
    public static IReadOnlyList<TextRef> Since(string? reviewed, string pending)
    {
        if (reviewed is null)
        {
            return [TextRef.Of("review.change.first")];
        }
        var before = Read(reviewed);
        var now = Read(pending);
        if (before is null || now is null)
        {
            return [];
        }
        var changes = new List<TextRef>();
        if (before.Main != now.Main)
        {
            changes.Add(TextRef.Of("review.change.main", Title(before.Main), Title(now.Main)));
        }
        var added = now.Advice.Except(before.Advice).Order(StringComparer.Ordinal).ToList();
        var removed = before.Advice.Except(now.Advice).Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            changes.Add(TextRef.Of("review.change.advice-added", added.Select(AdviceTitle).ToList()));
        }
        if (removed.Count > 0)
        {
            changes.Add(TextRef.Of("review.change.advice-removed", removed.Select(AdviceTitle).ToList()));
        }
        var answers = before.Answers.Keys.Union(now.Answers.Keys)
            .Where(k => k != "id" && before.Answers.GetValueOrDefault(k) != now.Answers.GetValueOrDefault(k))
            .Order(StringComparer.Ordinal)
            .Select(k => CoachTexts.Keys.Contains($"field.{k}") ? TextRef.Of($"field.{k}") : TextRef.Of("review.change.other-answer", k))
            .ToList();
        if (answers.Count > 0)
        {
            changes.Add(TextRef.Of("review.change.answers", answers));
        }
        return changes.Count > 0 ? changes : [TextRef.Of("review.change.none")];
    }

    /// <summary>What the seeker logged in their progress since the last review (issue 15); null when nothing.</summary>
    public static TextRef? Progress(ProgressCounts since)
    {
        ArgumentNullException.ThrowIfNull(since);
        return since.Applications + since.Interviews + since.Offers == 0
            ? null
            : TextRef.Of("review.change.progress",
                TextRef.Count("application", since.Applications), TextRef.Count("interview", since.Interviews), TextRef.Count("job-offer", since.Offers));
    }

    private static TextRef Title(string? category) =>
        category is not null && Enum.TryParse<DiagnosisCategory>(category, out var c) && Enum.IsDefined(c) ? c.Title() : TextRef.Of("review.change.no-main");

    private static TextRef AdviceTitle(string moduleId) =>
        CoachTexts.Keys.Contains($"advice.{moduleId}.title") ? TextRef.Of($"advice.{moduleId}.title") : TextRef.Of("review.change.other-answer", moduleId);

    private sealed record Snapshot(string? Main, HashSet<string> Advice, Dictionary<string, string> Answers);

    private static Snapshot? Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var main = root.TryGetProperty("mainChallenge", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var advice = new HashSet<string>(StringComparer.Ordinal);
            if (root.TryGetProperty("advice", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var a in list.EnumerateArray())
                {
                    if (a.ValueKind == JsonValueKind.Object && a.TryGetProperty("moduleId", out var id) && id.ValueKind == JsonValueKind.String
                        && (!a.TryGetProperty("score", out var score) || score.ValueKind != JsonValueKind.Number || score.GetInt32() > 0))
                    {
                        advice.Add(id.GetString()!);
                    }
                }
            }
            var answers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("profile", out var profile) && profile.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in profile.EnumerateObject())
                {
                    answers[property.Name] = property.Value.GetRawText();
                }
            }
            return new(main, advice, answers);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
