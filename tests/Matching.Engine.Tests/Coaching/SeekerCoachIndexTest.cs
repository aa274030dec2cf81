using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Engine.Tests.Coaching;

/// <summary>A <see cref="SeekerCoach"/> over an embedded index of its own (reference data from <see cref="CoachTestData"/>), and the
/// aide-soignante of Lille the tests of the target job's local market ask about.</summary>
public abstract class SeekerCoachIndexTest(string directoryPrefix) : IAsyncLifetime
{
    protected static readonly DateOnly s_today = new(2026, 12, 1);

    protected static readonly SeekerProfile s_carer = new()
    {
        Id = "s1",
        TargetJobs = [new TargetJob("aide-soignante")],
        Commune = "59350",
        RadiusKm = 20,
        YearsOfExperienceInTarget = 2,
    };

    private readonly string _root = Directory.CreateTempSubdirectory(directoryPrefix).FullName;
    protected EmbeddedMatchIndex _index = default!;
    protected SeekerCoach _coach = default!;

    public async Task InitializeAsync()
    {
        var (referenceData, index) = await CoachTestData.OpenAsync(_root);
        _index = index;
        _coach = new SeekerCoach(referenceData, _index);
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
