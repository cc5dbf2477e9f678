using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Salient.Cli;

/// <summary>A stage's settings: one configuration section bound to a class that checks its own values.</summary>
internal interface ISettings
{
    /// <summary>Throws (<see cref="SalientException"/> or <see cref="ArgumentException"/>) naming the first unusable setting and what to give instead.</summary>
    void Validate();
}

/// <summary>
/// The one way settings are read: <c>AddOptions&lt;T&gt;().BindConfiguration(section)</c>, the class's own
/// <see cref="ISettings.Validate"/>, and <c>ValidateOnStart()</c>, so a wrong value stops a command before it starts
/// (not a page, a poll or a digest later). Services take the settings object itself (<typeparamref name="T"/>), which a
/// test may replace by registering its own instance afterwards.
/// </summary>
internal static class Settings
{
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section) where T : class, ISettings
    {
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, Check<T>>());
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>Reads and checks every section registered with <see cref="AddSettings{T}"/>; throws as <see cref="Problem"/> describes.</summary>
    public static void CheckAll(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>
    /// Settings read outside the app (the batch tools, which open no store): the same binding and checks as
    /// <see cref="AddSettings{T}"/>. A wrong value is a <see cref="UsageException"/> that says where to correct it.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section, string source = "the configuration file or a SALIENT_* environment variable")
        where T : class, ISettings
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSettings<T>(section);
        using var provider = services.BuildServiceProvider();
        try
        {
            CheckAll(provider);
            return provider.GetRequiredService<T>();
        }
        catch (Exception e) when (Problem(e) is { } problem)
        {
            throw Unusable(problem, source);
        }
    }

    /// <summary>What is wrong when <paramref name="e"/> is about a setting: out of range (its own check) or not of its type (the binder); else null.</summary>
    public static string? Problem(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: > 0 } all => Problem(all.InnerExceptions[0]),
        OptionsValidationException v => string.Join("; ", v.Failures.Select(f => f.TrimEnd('.'))),
        InvalidOperationException when IsBinderError(e) || e.Message.StartsWith("Failed to create instance of type", StringComparison.Ordinal) => e.Message,
        _ => null,
    };

    /// <summary>The configuration binder's complaint about a value not of its setting's type ("Failed to convert configuration value ...").</summary>
    public static bool IsBinderError(Exception e) =>
        e is InvalidOperationException && e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);

    /// <summary>The message of a command stopped by a setting: what is wrong and where to correct it.</summary>
    public static UsageException Unusable(string problem, string source) => new($"configuration: {problem.TrimEnd('.')}; correct it in {source}");

    private sealed class Check<T> : IValidateOptions<T> where T : class, ISettings
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (Exception e) when (e is SalientException or ArgumentException)
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
        }
    }
}
