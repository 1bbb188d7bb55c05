using Feedback.Application.Privacy;
using Feedback.Http;
using Feedback.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Feedback.Functions.Privacy;

/// <summary>The audit trail, erasure on request, and the retention policy every hour.</summary>
public sealed class PrivacyFunctions(PrivacyEndpoints endpoints, RetentionRun retention)
{
    public const string Schedule = "0 17 * * * *";

    [Function("ApplyRetention")]
    public async Task<int> Retain([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct)
    {
        var pass = await retention.RunAsync(ct);
        return pass.Contacts + pass.Attachments;
    }

    [Allow(Access.Administer)]
    [Function("AuditList")]
    public Task<IResult> Audit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Prefix + "/" + Routes.Audit)] HttpRequest request) =>
        endpoints.AuditAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.Administer)]
    [Function("CustomersErase")]
    public Task<IResult> EraseCustomer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.EraseCustomer)] HttpRequest request, string customerId) =>
        endpoints.EraseCustomerAsync(customerId, request, request.HttpContext.RequestAborted);

    [Allow(Access.Administer)]
    [Function("CustomersEraseByContact")]
    public Task<IResult> EraseContact(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.EraseContact)] HttpRequest request) =>
        endpoints.EraseContactAsync(request, request.HttpContext.RequestAborted);

    [Allow(Access.Administer)]
    [Function("RetentionRun")]
    public Task<IResult> RunRetention(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Prefix + "/" + Routes.RetentionRun)] HttpRequest request) =>
        endpoints.RetentionAsync(request.HttpContext.RequestAborted);
}
