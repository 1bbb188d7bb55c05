using Feedback.Application.Channels.Reviews;
using Feedback.Application.Ports;
using Feedback.Application.Channels;
using Feedback.Application.Intake;
using Microsoft.AspNetCore.Http;

namespace Feedback.Http;

/// <summary>
/// <c>POST /api/channels/reviews</c>: a signed batch of up to 100 reviews. 200 with one result per review
/// in order: a bad review is refused on its own, the others still go in.
/// </summary>
public sealed class ReviewsEndpoint(ReviewIntake reviews, ChannelGate gate)
{
    public const int MaxBody = 1024 * 1024;

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        var (batch, refused) = await gate.ReadSignedJsonAsync<ReviewBatch>(request, ChannelNames.Reviews, MaxBody, ct);
        if (refused is not null) return gate.Refused(ChannelNames.Reviews, refused);
        if (batch!.Reviews is not { Count: > 0 } items)
            return gate.Refused(ChannelNames.Reviews, Responses.Field(StatusCodes.Status400BadRequest, "One or more fields are invalid.", "reviews", "'reviews' is required: a non-empty array.", missing: true));
        if (items.Count > ReviewBatch.MaxReviews)
            return gate.Refused(ChannelNames.Reviews, Responses.Field(StatusCodes.Status400BadRequest, "One or more fields are invalid.", "reviews", $"Send at most {ReviewBatch.MaxReviews} reviews per batch."));

        var results = new List<object>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var result = items[i] is { } review
                ? await reviews.AcceptAsync(review, ct)
                : new ReviewResult(null, ReviewResult.Rejected, null, new Dictionary<string, string[]> { [$"reviews[{i}]"] = ["A review must be an object."] });
            results.Add(new { index = i, result.ReviewId, result.Outcome, result.TicketNumber, errors = result.Errors });
        }
        return Responses.Json(StatusCodes.Status200OK, new { results });
    }
}
