using Matching.Engine.Privacy;
using Matching.Engine.Reviews;

namespace Matching.Engine.Ranking;

/// <summary>One training example: a shown item, its features, its relevance label and where the hand-tuned ranking had put it.</summary>
/// <param name="ItemId">The ranked item: an offer id (offer ranking), a module id (advice ranking).</param>
/// <param name="BaselineScore">The hand-tuned score (the scorer's total, the advice engine's score).</param>
/// <param name="BaselineRank">1-based rank in the hand-tuned order.</param>
public sealed record RankingExample(string ItemId, string SeekerId, float[] Features, int Label, double BaselineScore, int BaselineRank);

/// <summary>The items of one query (a seeker's offers, an offer's candidates, a seeker's advice), in the hand-tuned order.</summary>
public sealed record RankingGroup(string Id, IReadOnlyList<RankingExample> Examples);

/// <summary>What the feedback held, and what became examples.</summary>
/// <param name="UnshownLabels">Labelled pairs (a grade, a contact request) never shown with features: not usable.</param>
/// <param name="FlatGroups">Groups dropped because every pair has the same label (nothing to learn about order).</param>
public sealed record DatasetSummary(
    int Impressions, int OfferGrades, int ContactRequests, int LabelledPairs, int UnshownLabels,
    int Groups, int Examples, int FlatGroups, int OldFeatureVersion);

/// <summary>
/// Builds the offer ranking's training groups from the feedback Coach keeps:
/// <list type="bullet">
/// <item>impressions (what was shown, the features then): every shown pair is an example, label 0 by default;</item>
/// <item>advisers' grades of suggested offers: the label is the grade (0 not for them, 1 worth a look, 2 a good match);</item>
/// <item>recruiters' contact requests for one of their offers, the implicit positives: label 2 while pending, 3 once the
///   seeker accepts, 1 when declined (the recruiter still judged the pair worth a message).</item>
/// </list>
/// A pair keeps its highest label. A group is a seeker (offers shown for them) or an offer (candidates shown for it);
/// a pair's features are those of its latest impression in that group. Groups with one label only are dropped.
/// </summary>
public static class RankingDataset
{
    public const int PendingContact = 2;
    public const int AcceptedContact = 3;
    public const int DeclinedContact = 1;

    public static (IReadOnlyList<RankingGroup> Groups, DatasetSummary Summary) Build(
        IReadOnlyList<StoredImpression> impressions, IReadOnlyList<OfferGrade> grades, IReadOnlyList<ContactRequest> contacts)
    {
        // Labels per (seeker, offer) pair, whatever the surface: the relevance of a pair is the same from both sides.
        var labels = new Dictionary<(string Seeker, string Offer), int>();
        void Label(string seeker, string offer, int label) =>
            labels[(seeker, offer)] = Math.Max(label, labels.GetValueOrDefault((seeker, offer), int.MinValue));

        // The latest review's grade of a pair wins over an older one (an adviser may change their mind).
        foreach (var grade in grades.OrderBy(g => g.ReviewId).GroupBy(g => (g.SeekerId, g.OfferId)).Select(g => g.Last()))
        {
            Label(grade.SeekerId, grade.OfferId, grade.Grade);
        }
        foreach (var contact in contacts.Where(c => c.OfferId is not null))
        {
            Label(contact.SeekerId, contact.OfferId!, contact.State switch
            {
                ContactRequestState.Accepted => AcceptedContact,
                ContactRequestState.Declined => DeclinedContact,
                _ => PendingContact,
            });
        }

        var oldVersion = 0;
        var latest = new Dictionary<(string Group, string Seeker, string Offer), StoredImpression>();
        foreach (var impression in impressions)
        {
            if (impression.FeatureVersion != PairFeatures.Version || impression.Features.Length != PairFeatures.Count)
            {
                oldVersion++;
                continue;
            }
            var group = GroupOf(impression);
            latest[(group, impression.SeekerId, impression.OfferId)] = impression;
        }

        var shownPairs = latest.Keys.Select(k => (k.Seeker, k.Offer)).ToHashSet();
        var groups = new List<RankingGroup>();
        var flat = 0;
        foreach (var group in latest.GroupBy(p => p.Key.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var examples = group
                .Select(p => p.Value)
                .OrderByDescending(i => i.Score).ThenBy(i => i.SeekerId, StringComparer.Ordinal).ThenBy(i => i.OfferId, StringComparer.Ordinal)
                .Select((i, rank) => new RankingExample(i.OfferId, i.SeekerId, i.Features,
                    Math.Max(0, labels.GetValueOrDefault((i.SeekerId, i.OfferId), 0)), i.Score, rank + 1))
                .ToList();
            if (examples.Count < 2 || examples.All(e => e.Label == examples[0].Label))
            {
                flat++;
                continue;
            }
            groups.Add(new RankingGroup(group.Key, examples));
        }
        var summary = new DatasetSummary(
            impressions.Count, grades.Count, contacts.Count, labels.Count, labels.Keys.Count(k => !shownPairs.Contains(k)),
            groups.Count, groups.Sum(g => g.Examples.Count), flat, oldVersion);
        return (groups, summary);
    }

    private static string GroupOf(StoredImpression impression) =>
        impression.Surface == Surfaces.OfferCandidates ? "offer:" + impression.OfferId : "seeker:" + impression.SeekerId;
}
