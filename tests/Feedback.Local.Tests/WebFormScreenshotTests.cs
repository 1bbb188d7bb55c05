using System.Net;
using System.Net.Http.Headers;
using Feedback.Testing;

namespace Feedback.Local.Tests;

/// <summary>The web form as a browser posts it: multipart/form-data with an optional screenshot.</summary>
public sealed class WebFormScreenshotTests : IAsyncLifetime
{
    private const string Path = "api/channels/webform";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 1, 2, 3, 4];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF"u8, 0, 1, 9, 9];
    private static readonly byte[] WebP = [.. "RIFF"u8, 26, 0, 0, 0, .. "WEBPVP8 "u8, 7, 7];
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_screenshot_is_stored_by_its_real_type_and_read_back_from_the_ticket()
    {
        // Named like a JPEG and declared as HTML: the bytes are PNG, and PNG is what is kept and served.
        using var response = await PostAsync(Form("支付页面一直转圈，付款失败", ("screenshot", Png, "C:\\Users\\me\\pay.jpg", "text/html")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(response))["ticketNumber"]);

        var attachment = (await _host.TicketAsync(number))["feedback"]!["attachments"]!.AsArray().Single()!;
        Assert.Equal(("pay.jpg", "image/png", (long)Png.Length), (RunningHost.Text(attachment["fileName"]), RunningHost.Text(attachment["contentType"]), attachment["length"]!.GetValue<long>()));
        using var file = await _host.Http.GetAsync($"api/attachments/{RunningHost.Text(attachment["id"])}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await file.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("webp", "image/webp")]
    public async Task Jpeg_and_webp_are_screenshots_too(string kind, string type)
    {
        using var response = await PostAsync(Form("截图里是报错信息", ("screenshot", kind == "jpeg" ? Jpeg : WebP, "shot", "application/octet-stream")));
        var number = RunningHost.Text((await RunningHost.ReadJsonAsync(response))["ticketNumber"]);
        Assert.Equal(type, RunningHost.Text((await _host.TicketAsync(number))["feedback"]!["attachments"]![0]!["contentType"]));
    }

    [Fact]
    public async Task A_form_without_a_screenshot_and_its_fields_are_taken_as_they_are()
    {
        var form = Form("希望增加夜间模式");
        form.Add(new StringContent("张三"), "name");
        form.Add(new StringContent("13800138000"), "contact");
        using var response = await PostAsync(form);
        var ticket = await _host.TicketAsync(RunningHost.Text((await RunningHost.ReadJsonAsync(response))["ticketNumber"]));
        Assert.Equal(("张*", "****8000"), (RunningHost.Text(ticket["feedback"]!["customerName"]), RunningHost.Text(ticket["feedback"]!["contact"])));
        Assert.Null(ticket["feedback"]!["attachments"]);
    }

    [Fact]
    public async Task Anything_but_png_jpeg_or_webp_is_refused_by_content_and_nothing_is_stored()
    {
        using var html = await PostAsync(Form("看截图", ("screenshot", "<html><script>alert(1)</script>"u8.ToArray(), "shot.png", "image/png")));
        using var gif = await PostAsync(Form("看截图", ("screenshot", "GIF89a......"u8.ToArray(), "shot.gif", "image/gif")));
        using var empty = await PostAsync(Form("看截图", ("screenshot", [], "shot.png", "image/png")));

        foreach (var response in new[] { html, gif, empty })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await RunningHost.ReadJsonAsync(response))["errors"]!["screenshot"]);
        }
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_screenshot_over_5_MiB_is_413_and_one_of_exactly_5_MiB_is_taken()
    {
        var limit = new byte[5 * 1024 * 1024];
        Png.CopyTo(limit, 0);
        var over = new byte[limit.Length + 1];
        Png.CopyTo(over, 0);

        using var tooLarge = await PostAsync(Form("大图", ("screenshot", over, "big.png", "image/png")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        await AssertNothingStoredAsync();
        using var exact = await PostAsync(Form("大图", ("screenshot", limit, "big.png", "image/png")));
        Assert.Equal(HttpStatusCode.Accepted, exact.StatusCode);
    }

    [Fact]
    public async Task Missing_content_is_400_before_the_screenshot_is_stored()
    {
        using var response = await PostAsync(Form("  ", ("screenshot", Png, "a.png", "image/png")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await RunningHost.ReadJsonAsync(response))["errors"]!["content"]);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_broken_multipart_body_is_400()
    {
        var content = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nhello", System.Text.Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        using var response = await _host.Http.PostAsync(Path, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_same_form_sent_twice_is_one_ticket()
    {
        var first = Form("页面打不开", ("screenshot", Png, "a.png", "image/png"));
        first.Add(new StringContent("form-77"), "externalId");
        var again = Form("页面打不开", ("screenshot", Png, "a.png", "image/png"));
        again.Add(new StringContent("form-77"), "externalId");
        using var one = await PostAsync(first);
        using var two = await PostAsync(again);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (one.StatusCode, two.StatusCode));
        Assert.Equal(one.Headers.Location, two.Headers.Location);
    }

    [Fact]
    public async Task An_unknown_attachment_is_404()
    {
        using var response = await _host.Http.GetAsync($"api/attachments/{new string('a', 64)}");
        using var notAnId = await _host.Http.GetAsync("api/attachments/..%2F..%2Fetc%2Fpasswd");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (response.StatusCode, notAnId.StatusCode));
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Empty((await _host.GetJsonAsync("api/tickets"))["tickets"]!.AsArray());
        var folder = System.IO.Path.Combine(_host.DataDirectory, "attachments");
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);
    }

    private Task<HttpResponseMessage> PostAsync(MultipartFormDataContent form) => _host.Http.PostAsync(Path, form);

    private static MultipartFormDataContent Form(string content, params (string Field, byte[] Bytes, string Name, string Type)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(content), "content" } };
        foreach (var (field, bytes, name, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            form.Add(part, field, name);
        }
        return form;
    }
}
