using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Privacy;

namespace Matching.Engine.Reviews;

/// <summary>Reviews about a seeker: in their export, and gone (queue included) when they are erased.</summary>
public sealed class ReviewPersonalData(ReviewStore reviews) : IPersonalData
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public string Name => "reviews";

    public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            into[Name] = JsonSerializer.SerializeToNode(reviews.Get(subject.Id), s_json);
        }
        return Task.CompletedTask;
    }

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            reviews.EraseSeeker(subject.Id);
        }
        return Task.CompletedTask;
    }
}
