using Feedback.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<AccessMiddleware>();
builder.Services.AddFeedbackFunctions(builder.Configuration);
builder.Build().Run();
