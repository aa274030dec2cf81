using System.Text.Json.Serialization;
using Coach.Api.Cli;
using Coach.Api.Coaching;
using Coach.Api.Health;
using Coach.Api.Infrastructure;
using Coach.Api.Market;
using Coach.Api.Matching;
using Coach.Api.Offers;
using Coach.Api.Profiles;
using Coach.Api.Search;
using Coach.Api.Taxonomy;
using Scalar.AspNetCore;

if (GenerateCommand.Matches(args))
{
    // `dotnet run --project src/Coach.Api -- generate --offers N --profiles M --seed S`
    var configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
    return await GenerateCommand.RunAsync(args, configuration);
}

var builder = WebApplication.CreateBuilder(args);

// Long search texts must reach validation (a clear 400), not Kestrel's bare 414.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = 64 * 1024);

// Configuration: the "Coach" section (see README), environment COACH_DATA for the data folder.
builder.Services.AddMatchingEngine(builder.Configuration);
builder.Services.Configure<IngestLimits>(builder.Configuration.GetSection("Coach"));

// Enums travel as their names ("Permanent", "Created"), readable in any client.
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

// Every error is a ProblemDetails: unknown routes, bad input, server errors.
builder.Services.AddCoachProblemDetails();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<CoachDocumentTransformer>());

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealth();
app.MapTaxonomy();
app.MapOffers();
app.MapProfiles();
app.MapSearch();
app.MapMarket();
app.MapCoach();
app.MapFallback(ProblemResults.UnknownRoute);

app.Run();
return 0;

public partial class Program;
