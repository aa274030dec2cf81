using Coach.Assistant;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class AssistantServiceCollectionExtensions
{
    /// <summary>
    /// Adds the optional assistant (section <c>Coach:Assistant</c>). Always registered; <see cref="CoachAssistant.IsConfigured"/>
    /// says whether it may be used. The host registers its <see cref="IAssistantTools"/> (Coach's use cases).
    /// </summary>
    public static IServiceCollection AddCoachAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AssistantOptions>()
            .Bind(configuration.GetSection(AssistantOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.Endpoint) || o.IsConfigured,
                "Coach:Assistant:Endpoint must be an http(s) URL and Coach:Assistant:Model set (or leave the endpoint empty: no assistant).")
            .ValidateOnStart();
        services.AddSingleton<CoachAssistant>();
        return services;
    }
}
