using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VideoVault;

internal static class OptionsValidation
{
    /// <summary>
    /// The one way the app's options are checked: by the options type's validator class (an
    /// <see cref="OptionsValidatorAttribute"/> one checks the attributes, then the type's own cross-setting rules),
    /// when the host starts, so a bad setting stops the start instead of failing the first request that reads it.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateOnStart<TOptions>(this OptionsBuilder<TOptions> builder, IValidateOptions<TOptions> validator)
        where TOptions : class
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton(validator));
        return builder.ValidateOnStart();
    }
}
