using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ComplaintDesk.Web.Localization;

/// <summary>
/// MVC's own messages for values that do not even bind ("The value 'abc' is not valid for limit."), from the shared
/// resources, so they follow the request language like everything else. The English keys are MVC's own wording.
/// Post-configured, so it wins whatever order the options are set up in.
/// </summary>
public sealed class ModelBindingMessages(IStringLocalizerFactory factory) : IPostConfigureOptions<MvcOptions>
{
    public void PostConfigure(string? name, MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => l["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => l["A value for the '{0}' parameter or property was not provided.", field]);
        messages.SetMissingKeyOrValueAccessor(() => l["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["A non-empty request body is required."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["The supplied value is invalid."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["The field must be a number."]);
        messages.SetUnknownValueIsInvalidAccessor(field => l["The supplied value is invalid for {0}.", field]);
        messages.SetValueIsInvalidAccessor(value => l["The value '{0}' is invalid.", value]);
        messages.SetValueMustBeANumberAccessor(field => l["The field {0} must be a number.", field]);
        messages.SetValueMustNotBeNullAccessor(value => l["The value '{0}' is invalid.", value]);
    }
}
