using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coach.Api.Security;

/// <summary>The bearer scheme in the OpenAPI document, and each operation's access rule, so Scalar asks for a token where one is needed.</summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Scheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from the configured identity provider; locally `dotnet user-jwts create --role seeker` or POST /api/dev/token.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var rule = context.Description.ActionDescriptor.EndpointMetadata.OfType<AccessRule>().LastOrDefault();
        if (rule is { IsPublic: false })
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
            operation.Description = $"{operation.Description}\n\nRoles: {rule}.".TrimStart();
        }
        return Task.CompletedTask;
    }
}
