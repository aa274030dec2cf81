using Coach.Api.Health;
using Coach.Api.Infrastructure;
using Coach.Api.Market;
using Coach.Api.Matching;
using Coach.Api.Offers;
using Coach.Api.Profiles;
using Coach.Api.Search;
using Coach.Api.Taxonomy;
using Coach.Web;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// Long search texts must reach validation (a clear 400), not Kestrel's bare 414.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = 64 * 1024);

// Configuration: the "Coach" section (see README), environment COACH_DATA for the data folder.
builder.Services.AddMatchingEngine(builder.Configuration);
builder.Services.Configure<IngestLimits>(builder.Configuration.GetSection("Coach"));

// Every error is a ProblemDetails: unknown routes, bad input, server errors.
builder.Services.AddCoachProblemDetails();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<CoachDocumentTransformer>());

// Web app (Coach.Web): pages for seekers, advisers, recruiters and the market, at /.
builder.Services.AddCoachWeb();

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

// Web app (Coach.Web): localization, antiforgery, static assets, pages.
app.MapCoachWeb();

app.MapFallback(ProblemResults.UnknownRoute);

app.Run();

public partial class Program;
