using Coach.Api.Health;
using Coach.Api.Infrastructure;
using Coach.Api.Security;
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

// Security: JWT bearer, access rules, privacy stores, rate and body limits (see Security/).
builder.Services.AddCoachSecurity(builder.Configuration, builder.Environment);

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

// Security: my data, contact requests, admin audit log, development sign-in.
app.MapPrivacy();
app.MapContactRequests();
app.MapDevSignIn();

open.MapFallback(ProblemResults.UnknownRoute);

app.Run();

public partial class Program;
