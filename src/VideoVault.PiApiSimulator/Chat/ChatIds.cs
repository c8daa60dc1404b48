using System.Security.Cryptography;

namespace VideoVault.PiApiSimulator.Chat;

/// <summary>Identifiers in the vendor's formats: <c>chatcmpl-89CEJjhPV6JVibDDSw6U42hyRDOpZ</c> and <c>task_01k7e6t6skf46ahq8tcee5bskz</c> (a lower-case ULID).</summary>
internal static class ChatIds
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Crockford = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string NewCompletionId() => "chatcmpl-" + RandomNumberGenerator.GetString(Alphanumeric, 29);

    public static string NewTaskId(DateTimeOffset now)
    {
        Span<char> time = stackalloc char[10];
        var milliseconds = now.ToUnixTimeMilliseconds();
        for (var i = time.Length - 1; i >= 0; i--)
        {
            time[i] = Crockford[(int)(milliseconds & 31)];
            milliseconds >>= 5;
        }

        return "task_" + new string(time) + RandomNumberGenerator.GetString(Crockford, 16);
    }
}
