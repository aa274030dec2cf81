using Matching.Engine.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Coach.Api.Security;

/// <summary>
/// Authentication (JWT bearer from <c>Authentication:Schemes:Bearer</c>), authorisation by
/// <see cref="AccessRule"/>, the privacy stores, rate limits, body size limits and security headers.
/// </summary>
public static class SecuritySetup
{
    public static IServiceCollection AddCoachSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var development = IsDevelopment(environment);

        // AddJwtBearer binds Authentication:Schemes:Bearer (Authority, ValidAudiences, ValidIssuer,
        // SigningKeys): the section `dotnet user-jwts` writes, and where a real OpenID Connect
        // provider is configured in production.
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(WebSignIn.Configure);
        if (!environment.IsDevelopment())
        {
            // WWW-Authenticate keeps the error code (invalid_token) but not why the token failed ("The signature key
            // was not found"): that description helps whoever forges tokens more than it helps a client.
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                var challenge = options.Events.OnChallenge;
                options.Events.OnChallenge = async context =>
                {
                    context.ErrorDescription = null;
                    await challenge(context);
                };
            });
        }
        if (development)
        {
            services.AddSingleton<DevTokenIssuer>();
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .PostConfigure<DevTokenIssuer>((options, issuer) => issuer.Trust(options));
        }

        services.AddSingleton<IAuthorizationHandler, AccessRuleHandler>();
        var authorization = services.AddAuthorizationBuilder()
            // Endpoints are closed unless their AccessRule opens them; one without a rule needs a signed-in user.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new AccessRuleRequirement()).Build());
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
        }

        services.Configure<OpenApiOptions>("v1", options =>
        {
            options.AddDocumentTransformer<OpenApiSecurity>();
            options.AddOperationTransformer<OpenApiSecurity>();
        });

        services.AddCoachRateLimits(configuration);
        services.AddOptions<BodyLimitOptions>()
            .Bind(configuration.GetSection(BodyLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<BodyLimitOptions>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = Math.Max(limits.Value.DefaultBytes, limits.Value.IngestBytes));
        return services;
    }

    /// <summary>The middleware, in order: headers on every response, who is calling, may they, how often, how much.</summary>
    public static WebApplication UseCoachSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.Lifetime.ApplicationStarted.Register(() => AccessRuleCheck.Report(app.Services));
        return app;
    }

    /// <summary>Development and the test host: dev sign-in and a generated pseudonym key are allowed.</summary>
    public static bool IsDevelopment(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
