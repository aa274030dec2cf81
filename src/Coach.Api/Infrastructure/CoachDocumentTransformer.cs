using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coach.Api.Infrastructure;

/// <summary>Title, description and licence notes of the OpenAPI document.</summary>
internal sealed class CoachDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Coach API";
        document.Info.Version = "v1";
        document.Info.Description =
            "Coach matches job offers and job seekers by skills (ESCO, ROME), both ways, with reasons. " +
            "Reference data: ESCO, European Commission (CC BY 4.0); France Travail, INSEE and DARES open data (Licence Ouverte).";
        return Task.CompletedTask;
    }
}
