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
        services.AddSingleton(new SettingsSection(section, typeof(T)));
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

    /// <summary>Keys read straight from the configuration rather than through a settings class.</summary>
    private static readonly SettingsSection[] Direct = [new("Storage", typeof(StorageSettings))];

    /// <summary>
    /// Keys of the configuration file (and of <c>SALIENT_Section__Key</c> variables) that no setting reads, each as a
    /// sentence naming the key: a misspelt setting would otherwise be ignored without a word.
    /// </summary>
    public static IReadOnlyList<string> UnknownKeys(IConfiguration configuration, IEnumerable<SettingsSection> known)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sections = known.Concat(Direct).GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        if (configuration is not IConfigurationRoot root)
        {
            return problems;
        }
        foreach (var source in root.Providers)
        {
            var fromEnvironment = source is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider;
            foreach (var section in source.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var keys = source.GetChildKeys([], section).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (keys.Count == 0)
                {
                    // SALIENT_DATA_DIR, SALIENT_ADMIN_TOKEN and the like are single names read on their own.
                    if (!fromEnvironment)
                    {
                        problems.Add($"configuration key '{section}' is not a setting; settings sit in sections ({string.Join(", ", sections.Keys.Order(StringComparer.Ordinal))})");
                    }
                    continue;
                }
                if (!sections.TryGetValue(section, out var type))
                {
                    problems.Add($"configuration section '{section}' is not one Salient reads (it reads {string.Join(", ", sections.Keys.Order(StringComparer.Ordinal))})");
                    continue;
                }
                var properties = type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name).ToList();
                foreach (var key in keys.Where(k => !properties.Contains(k, StringComparer.OrdinalIgnoreCase)))
                {
                    problems.Add($"configuration key '{section}:{key}' is not a setting (the {section} settings are {string.Join(", ", properties.Order(StringComparer.Ordinal))})");
                }
            }
        }
        return problems;
    }

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

/// <summary>A configuration section and the settings class bound to it (for <see cref="Settings.UnknownKeys"/>).</summary>
internal sealed record SettingsSection(string Name, Type Type);

/// <summary>The <c>Storage</c> section: the store to open when <c>--db</c> is not given.</summary>
internal sealed class StorageSettings
{
    public string? Db { get; set; }
}
