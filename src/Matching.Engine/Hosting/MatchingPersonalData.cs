using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Coaching;
using Matching.Engine.Privacy;

namespace Matching.Engine.Hosting;

/// <summary>
/// What the match index and the seeker store hold on a person: a seeker's profile and
/// questionnaire, a recruiter's offers. Waits for the index to be open, so an erasure asked
/// during start-up is not lost.
/// </summary>
public sealed class MatchingPersonalData(MatchingRuntimeProvider provider) : IPersonalData
{
    public string Name => "matching";

    public async Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        var runtime = await provider.Ready.WaitAsync(cancellationToken);
        var section = new JsonObject();
        await Index(runtime).ExportAsync(subject, section, cancellationToken);
        if (subject.Kind == DataSubjectKind.Seeker && runtime.Seekers.Get(subject.Id) is { } questionnaire)
        {
            section["questionnaire"] = JsonSerializer.SerializeToNode(questionnaire, SeekerStore.JsonOptions);
        }
        into[Name] = section;
    }

    public async Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        var runtime = await provider.Ready.WaitAsync(cancellationToken);
        await Index(runtime).EraseAsync(subject, cancellationToken);
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            runtime.Seekers.Delete(subject.Id);
        }
    }

    private static MatchIndexPersonalData Index(MatchingRuntime runtime) =>
        new(runtime.Index, (owner, ct) => runtime.Index.OfferIdsOwnedByAsync(owner, ct));
}
