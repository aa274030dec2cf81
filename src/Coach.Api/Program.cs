using Coach.Api.Health;
using Coach.Api.Infrastructure;
using Coach.Api.Taxonomy;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

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
