using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Engine.Tests.Coaching;

/// <summary>
/// The live count of seekers of the job around a seeker leaves the seeker out: on a running Coach, a stored seeker read
/// "Offres et profils que Coach connaît aujourd'hui dans votre rayon pour ce métier : aucune offre, 1 profil", herself.
/// </summary>
public sealed class SeekerCoachOwnProfileTests() : SeekerCoachIndexTest("coach-own-profile-")
{
    private ProfileDocument Seeker(string id, SeekerProfile like) => new()
    {
        Id = id,
        TargetOccupationUris = [_coach.UnderstandTarget(like)!.OccupationUri!],
        Place = _coach.ResolvePlace(like),
        RadiusKm = 20,
    };

    [Fact]
    public async Task The_seeker_is_not_counted_among_the_seekers_of_the_job_around_them()
    {
        await _index.UpsertProfilesAsync([Seeker("s1", s_carer)]);
        Assert.Equal(0, (await _coach.AssessAsync(s_carer, s_today, "fr", storedSeekerId: "s1")).Facts.LiveProfiles);

        // Another seeker of the job nearby counts; a seeker stored under another id is not left out.
        await _index.UpsertProfilesAsync([Seeker("s2", s_carer)]);
        Assert.Equal(1, (await _coach.AssessAsync(s_carer, s_today, "fr", storedSeekerId: "s1")).Facts.LiveProfiles);
        Assert.Equal(2, (await _coach.AssessAsync(s_carer, s_today, "fr", storedSeekerId: "s3")).Facts.LiveProfiles);
        // Stored for another job, or outside the radius asked: not among those counted, so no one is left out.
        var baker = s_carer with { TargetJobs = [new TargetJob("boulanger")] };
        await _index.UpsertProfilesAsync([Seeker("s4", baker)]);
        Assert.Equal(2, (await _coach.AssessAsync(s_carer, s_today, "fr", storedSeekerId: "s4")).Facts.LiveProfiles);
        await _index.UpsertProfilesAsync([Seeker("s5", s_carer with { Commune = "13055" })]);
        Assert.Equal(2, (await _coach.AssessAsync(s_carer, s_today, "fr", storedSeekerId: "s5")).Facts.LiveProfiles);
    }

    [Fact]
    public async Task A_posted_questionnaire_naming_a_stored_seekers_id_leaves_no_one_out()
    {
        // POST /api/coach/diagnose is public: an id in its body must not reveal, by a count one lower, that the seeker stored
        // under it looks for this job around this place.
        await _index.UpsertProfilesAsync([Seeker("s1", s_carer), Seeker("s2", s_carer)]);
        var anonymous = await _coach.AssessAsync(s_carer with { Id = "" }, s_today, "fr");
        var naming = await _coach.AssessAsync(s_carer with { Id = "s1" }, s_today, "fr");
        Assert.Equal(2, anonymous.Facts.LiveProfiles);
        Assert.Equal(anonymous.Facts.LiveProfiles, naming.Facts.LiveProfiles);
    }
}
