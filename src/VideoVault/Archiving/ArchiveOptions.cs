using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using VideoVault.Outbound;

namespace VideoVault.Archiving;

/// <summary>Limits of the video download and upload; configuration section <c>Archive</c>.</summary>
internal sealed class ArchiveOptions : IValidatableObject
{
    public const string SectionName = "Archive";

    /// <summary>Larger videos are refused, by Content-Length up front or while streaming.</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxVideoBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Larger posters (covers, thumbnails) are refused and the video is kept without one.</summary>
    [Range(typeof(long), "1", "1073741824")]
    public long MaxPosterBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>The most a poster may take after its video is stored: a slow cover never holds the task back.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PosterTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>4 MiB keeps a copy's buffers at 16 MiB (with 4 in flight): measured at 8 MiB, a 1 GB copy grew RSS past 64 MB with no throughput gain against Azurite.</summary>
    [Range(1, VideoUploadOptions.MaxBlockSize)]
    public int BlockSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Blocks in flight; memory in use is about <see cref="BlockSize"/> × this.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>The download is abandoned when no byte arrives for this long (response headers included).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 3;

    /// <summary>
    /// Host names or IP literals that may use plain http and may resolve to loopback or private
    /// addresses. For development and tests only: empty in production.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxVideoBytes > (long)BlockSize * VideoUploadOptions.MaxBlockCount)
        {
            yield return new ValidationResult(
                $"A video of {nameof(MaxVideoBytes)} bytes needs more than {VideoUploadOptions.MaxBlockCount} blocks of {nameof(BlockSize)} bytes.",
                [nameof(MaxVideoBytes), nameof(BlockSize)]);
        }

        foreach (var host in AllowedHosts)
        {
            if (!OutboundAddressPolicy.IsValidHost(host))
            {
                yield return new ValidationResult(
                    $"'{host}' in {nameof(AllowedHosts)} is not a bare host name or IP address (no scheme, port or path).",
                    [nameof(AllowedHosts)]);
            }
        }
    }
}

/// <summary>Checks <see cref="ArchiveOptions"/>: its attributes, then <see cref="ArchiveOptions.Validate"/>.</summary>
[OptionsValidator]
internal sealed partial class ArchiveOptionsValidator : IValidateOptions<ArchiveOptions>;
