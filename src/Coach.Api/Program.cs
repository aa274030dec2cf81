using System.Text.Json.Serialization;
using Coach.Api.Assistant;
using Coach.Api.Caching;
using Coach.Api.Cli;
using Coach.Api.Coaching;
using Coach.Api.Health;
using Coach.Api.Infrastructure;
using Coach.Api.Journey;
using Coach.Api.Market;
using Coach.Api.Offers;
using Coach.Api.Profiles;
using Coach.Api.Reviews;
using Coach.Api.Search;
using Coach.Api.Security;
using Coach.Api.Taxonomy;
using Coach.Web;
using Matching.Engine.Json;
using Scalar.AspNetCore;

if (GenerateCommand.Matches(args) || TrainCommand.Matches(args))
{
    // `dotnet run --project src/Coach.Api -- generate --offers N --profiles M --seed S`, `... -- train ranking`
    var configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
    return TrainCommand.Matches(args) ? TrainCommand.Run(args, configuration) : await GenerateCommand.RunAsync(args, configuration);
}
if (ImportCommand.Matches(args))
{
    // `dotnet run --project src/Coach.Api -- import offers PATH`: real offers (a JSON array, NDJSON, or a folder) into the store.
    var configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
    return await ImportCommand.RunAsync(args, configuration);
}
if (ReindexCommand.Matches(args))
{
    // `dotnet run --project src/Coach.Api -- reindex --to elasticsearch [--url URL]`: the embedded store into a cluster.
    var configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
    return await ReindexCommand.RunAsync(args, configuration);
}

var builder = WebApplication.CreateBuilder(args);

// Long search texts and ids must reach validation (a 400 or 404 ProblemDetails), not Kestrel's bare 414: Kestrel answers
// what it rejects itself (a request line over this, a NUL in the path) before any middleware, with an empty body.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = 128 * 1024);

// Configuration: the "Coach" section (see README), environment COACH_DATA for the data folder.
// The engine holds the use cases both front doors call (API handlers and pages are thin adapters).
builder.Services.AddMatchingEngine(builder.Configuration, generatePseudonymKey: SecuritySetup.IsDevelopment(builder.Environment));
// The match index on Elasticsearch when Coach:Index:Kind=Elasticsearch (docs/scaling.md); embedded otherwise.
builder.Services.AddElasticsearchMatchIndex(builder.Configuration);

// Cache: memory, with Redis as second level and shared rate limits when ConnectionStrings:redis is set (docs/scaling.md).
builder.Services.AddCoachCaching(builder.Configuration);

// Enums travel as their names ("Permanent", "Created"), readable in any client; a null list element or a NaN is a 400 naming the field.
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    StrictJson.Apply(json.SerializerOptions);
});

// Every error is a ProblemDetails: unknown routes, bad input, server errors.
builder.Services.AddCoachProblemDetails();
builder.Services.AddOpenApi(options => options
    .AddDocumentTransformer<CoachDocumentTransformer>()
    .AddOperationTransformer<OpenApiExamplesTransformer>());

// Security: JWT bearer, access rules, privacy stores, rate and body limits (see Security/).
builder.Services.AddCoachSecurity(builder.Configuration, builder.Environment);

// The optional assistant (Coach:Assistant:Endpoint/Model/ApiKey): its tools are Coach's use cases, called as the user.
builder.Services.AddCoachAssistant(builder.Configuration);
builder.Services.AddSingleton<Coach.Assistant.IAssistantTools, Coach.Api.Assistant.AssistantTools>();

// Web app (Coach.Web): pages for seekers, advisers, recruiters and the market, at /.
builder.Services.AddCoachWeb();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCoachSecurity();

// Public endpoints state it; every other group states its roles (Security/AccessRule.cs).
var open = app.MapGroup("").WithAccess(Access.Public);
open.MapOpenApi();
open.MapScalarApiReference();
open.MapHealth();
open.MapTaxonomy();

// Features: each group states its access rule, limits and rate limits.
app.MapOffers();
app.MapProfiles();
app.MapSearch();
app.MapMarket();
app.MapCoach();
app.MapReviews();
app.MapJourney();
app.MapAssistant();

// Security: my data, contact requests, admin audit log, development sign-in (API and web pages).
app.MapPrivacy();
app.MapContactRequests();
app.MapDevSignIn();
app.MapWebSignIn();

// Web app (Coach.Web): localization, antiforgery, static assets, pages; the adviser's and the recruiter's pages need their role.
app.MapCoachWeb().WithPageAccess();

open.MapUnknownRoutes();

app.Run();
return 0;

public partial class Program;
