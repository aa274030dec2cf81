using Coach.Api.Health;
using Coach.Api.Infrastructure;
using Coach.Api.Taxonomy;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// Long search texts must reach validation (a clear 400), not Kestrel's bare 414.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = 64 * 1024);

// Configuration: the "Coach" section (see README), environment COACH_DATA for the data folder.
builder.Services.AddMatchingEngine(builder.Configuration);

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
app.MapFallback(ProblemResults.UnknownRoute);

app.Run();

public partial class Program;
