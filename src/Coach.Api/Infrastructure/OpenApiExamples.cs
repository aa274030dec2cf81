using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coach.Api.Infrastructure;

/// <summary>An example request body, shown in the OpenAPI document and by Scalar.</summary>
public sealed record RequestExample(string Json);

public static class OpenApiExampleExtensions
{
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, string json) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExample(json));
}

/// <summary>Puts each endpoint's <see cref="RequestExample"/> on its request body.</summary>
internal sealed class OpenApiExamplesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var example = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().LastOrDefault();
        if (example is not null && operation.RequestBody?.Content is { } content)
        {
            foreach (var media in content.Values)
            {
                media.Example = JsonNode.Parse(example.Json);
            }
        }
        return Task.CompletedTask;
    }
}
