using System.Net.Http.Headers;
using System.Text;
using VideoVault.Archiving;

namespace VideoVault.Tests.Archiving;

public sealed class VideoSnifferTests
{
    [Fact]
    public void Mp4_is_recognised_by_its_ftyp_box()
    {
        Assert.Equal("video/mp4", VideoSniffer.DetectContentType(TestVideos.Mp4Header));
    }

    [Fact]
    public void QuickTime_is_iso_bmff_too()
    {
        byte[] mov = [0x00, 0x00, 0x00, 0x14, .. "ftypqt  "u8];

        Assert.Equal("video/mp4", VideoSniffer.DetectContentType(mov));
    }

    [Fact]
    public void WebM_is_recognised_by_its_ebml_magic()
    {
        Assert.Equal("video/webm", VideoSniffer.DetectContentType(TestVideos.WebMHeader));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Not found</body></html>")]
    [InlineData("<html><head><title>403</title></head></html>")]
    [InlineData("{\"code\":404,\"message\":\"file expired\"}")]
    [InlineData("Access denied")]
    [InlineData("\0\0\0\u0020moov\0\0\0\0")]     // an ISO-BMFF box, but not a file type box
    public void Anything_else_is_not_a_video(string body)
    {
        Assert.Null(VideoSniffer.DetectContentType(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public void A_body_shorter_than_the_header_is_not_a_video(int length)
    {
        Assert.Null(VideoSniffer.DetectContentType(TestVideos.Mp4Header.AsSpan(0, length)));
    }

    [Theory]
    [InlineData("text/html", true)]
    [InlineData("text/plain", true)]
    [InlineData("application/json", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("application/xml", true)]
    [InlineData("application/xhtml+xml", true)]
    [InlineData("video/mp4", false)]
    [InlineData("video/webm", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData("binary/octet-stream", false)]
    public void Error_page_content_types_are_refused_up_front(string mediaType, bool refused)
    {
        Assert.Equal(refused, VideoSniffer.IsDeclaredNonVideo(new MediaTypeHeaderValue(mediaType)));
    }

    [Fact]
    public void A_missing_content_type_is_left_to_sniffing()
    {
        Assert.False(VideoSniffer.IsDeclaredNonVideo(null));
    }
}
