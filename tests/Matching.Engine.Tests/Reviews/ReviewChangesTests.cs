using Matching.Engine.Coaching.Texts;
using Matching.Engine.Reviews;

namespace Matching.Engine.Tests.Reviews;

public sealed class ReviewChangesTests
{
    private const string Reviewed = """
        {"profile":{"id":"s","applicationsSoFar":30,"interviewsSoFar":1,"commune":"59350"},"mainChallenge":"EnhanceInterviews",
         "advice":[{"moduleId":"improve-cv","score":3},{"moduleId":"follow-up","score":1}],"strategies":[]}
        """;

    [Fact]
    public void A_seeker_never_reviewed_is_a_first_request()
    {
        Assert.Equal(["review.change.first"], ReviewChanges.Since(null, Reviewed).Select(c => c.Key));
    }

    [Fact]
    public void Nothing_new_says_so()
    {
        Assert.Equal(["review.change.none"], ReviewChanges.Since(Reviewed, Reviewed).Select(c => c.Key));
    }

    [Fact]
    public void The_main_challenge_advice_and_answers_that_changed_are_named()
    {
        const string pending = """
            {"profile":{"id":"s","applicationsSoFar":45,"interviewsSoFar":1,"commune":"59350"},"mainChallenge":"StuckMarket",
             "advice":[{"moduleId":"improve-cv","score":3},{"moduleId":"commute","score":2}],"strategies":[]}
            """;
        var changes = ReviewChanges.Since(Reviewed, pending).Select(c => CoachTexts.Get(c, CoachTexts.French)).ToList();
        Assert.Equal(
        [
            "Priorité : Décrocher plus d'entretiens → Un marché local difficile",
            "Nouveaux conseils : Cherchez dans les communes voisines",
            "Conseils disparus : Relancez vos candidatures",
            "Réponses modifiées : vos candidatures",
        ], changes);
    }

    [Fact]
    public void Progress_logged_since_the_review_is_told_in_words_and_nothing_logged_says_nothing()
    {
        Assert.Null(ReviewChanges.Progress(Progress.ProgressCounts.Zero));
        var logged = ReviewChanges.Progress(new Progress.ProgressCounts(3, 1, 0))!;
        Assert.Equal("Noté dans son suivi depuis votre dernière revue : 3 candidatures, 1 entretien, aucune proposition d'embauche",
            CoachTexts.Get(logged, CoachTexts.French));
    }
}
