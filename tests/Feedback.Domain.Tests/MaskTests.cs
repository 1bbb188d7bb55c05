using Feedback.Domain.Masking;

namespace Feedback.Domain.Tests;

public sealed class MaskTests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData(" 李 ", "李*")]
    [InlineData("John Smith", "J***")]
    [InlineData("Al", "A***")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Names_keep_only_their_first_character(string? name, string? expected) =>
        Assert.Equal(expected, Mask.Name(name));

    [Theory]
    [InlineData("13812345678", "****5678")]
    [InlineData("+86 138-1234-5678", "****5678")]
    [InlineData("010-66668888", "****8888")]
    [InlineData("john@example.com", "j***@example.com")]
    [InlineData("12", "****")]
    [InlineData(null, null)]
    public void Contacts_keep_only_what_identifies_nobody(string? contact, string? expected) =>
        Assert.Equal(expected, Mask.Contact(contact));

    [Fact]
    public void Phones_emails_and_id_numbers_inside_text_are_masked()
    {
        var masked = Mask.Text("电话13812345678或 010-66668888，邮箱 li.wei@corp.cn，身份证 11010519491231002X，订单号 202611240001");

        Assert.Equal("电话****5678或 ****8888，邮箱 l***@corp.cn，身份证 **************002X，订单号 202611240001", masked);
    }
}
