using System.Text.Json;

namespace Matching.Engine.Reviews;

/// <summary>
/// The review store's input rules: ids present and of sane length, a grade, comments within
/// <see cref="ReviewStore.MaxCommentLength"/>, advice reviews without nulls or repeats and with scores 0..3,
/// a snapshot that is JSON. Every field's errors are thrown together in a <see cref="ReviewValidationException"/>.
/// </summary>
internal static class ReviewValidation
{
    public static void SeekerId(string seekerId)
    {
        var errors = new Errors();
        errors.Id("seekerId", seekerId);
        errors.ThrowIfAny();
    }

    public static void Enqueue(string seekerId, string snapshotJson)
    {
        var errors = new Errors();
        errors.Id("seekerId", seekerId);
        if (string.IsNullOrWhiteSpace(snapshotJson))
        {
            errors.Add("snapshotJson", "The diagnosis and strategy snapshot is required.");
        }
        else
        {
            try
            {
                using var _ = JsonDocument.Parse(snapshotJson);
            }
            catch (JsonException e)
            {
                errors.Add("snapshotJson", $"Not valid JSON: {e.Message}");
            }
        }
        errors.ThrowIfAny();
    }

    public static void Submit(string seekerId, Review review)
    {
        var errors = new Errors();
        errors.Id("seekerId", seekerId);
        errors.Id("reviewerId", review.ReviewerId);
        if (review.Grade is not { } grade)
        {
            errors.Add("grade", "The overall grade is required (excellent, goodEnough or bad).");
        }
        else if (!Enum.IsDefined(grade))
        {
            errors.Add("grade", $"'{grade}' is not a grade (excellent, goodEnough or bad).");
        }
        errors.Comment("comment", review.Comment);
        errors.Comment("diagnosisComment", review.DiagnosisComment);
        errors.Comment("seekerMessage", review.SeekerMessage);
        if (review.AdviceReviews is null)
        {
            errors.Add("adviceReviews", "The list of advice reviews is required (it may be empty).");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < review.AdviceReviews.Count; i++)
            {
                var advice = review.AdviceReviews[i];
                var field = $"adviceReviews[{i}]";
                if (advice is null)
                {
                    errors.Add(field, "An advice review is missing.");
                    continue;
                }
                errors.Id($"{field}.moduleId", advice.ModuleId);
                if (advice.ModuleId is { } module && !seen.Add(module))
                {
                    errors.Add($"{field}.moduleId", $"'{module}' is reviewed twice.");
                }
                if (advice.NewScore is < 0 or > 3)
                {
                    errors.Add($"{field}.newScore", $"{advice.NewScore} is out of range: 3 priority, 2 secondary, 1 to look at, 0 hide.");
                }
                errors.Comment($"{field}.comment", advice.Comment);
                errors.Comment($"{field}.seekerNote", advice.SeekerNote);
            }
        }
        var offers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (review.OfferReviews?.Count ?? 0); i++)
        {
            var offer = review.OfferReviews![i];
            var field = $"offers[{i}]";
            if (offer is null)
            {
                errors.Add(field, "An offer review is missing.");
                continue;
            }
            errors.Id($"{field}.offerId", offer.OfferId);
            if (offer.OfferId is { } id && !offers.Add(id))
            {
                errors.Add($"{field}.offerId", $"'{id}' is graded twice.");
            }
            if (offer.Grade is < 0 or > OfferReview.MaxGrade)
            {
                errors.Add($"{field}.grade", $"{offer.Grade} is out of range: 0 not for this seeker, 1 worth a look, 2 a good match.");
            }
            errors.Comment($"{field}.comment", offer.Comment);
        }
        errors.ThrowIfAny();
    }

    /// <summary>Per-field validation errors, thrown together.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }
            list.Add(message);
        }

        public void Id(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, "Required.");
            }
            else if (value.Length > ReviewStore.MaxIdLength)
            {
                Add(field, $"At most {ReviewStore.MaxIdLength} characters ({value.Length} given).");
            }
        }

        public void Comment(string field, string? value)
        {
            if (value is { Length: > ReviewStore.MaxCommentLength })
            {
                Add(field, $"At most {ReviewStore.MaxCommentLength} characters ({value.Length} given).");
            }
        }

        public void ThrowIfAny()
        {
            if (_errors.Count > 0)
            {
                throw new ReviewValidationException(_errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
            }
        }
    }
}
