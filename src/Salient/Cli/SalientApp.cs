using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Salient.Storage;

namespace Salient.Cli;

/// <summary>
/// What a command needs to run: configuration, an opened and migrated database and the services of every stage.
/// Each stage adds its registrations in its own <see cref="IServiceModule"/>.
/// </summary>
internal sealed class SalientApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SalientApp(ServiceProvider services, IConfiguration configuration, Database database)
    {
        _services = services;
        Configuration = configuration;
        Database = database;
    }

    public IServiceProvider Services => _services;
    public IConfiguration Configuration { get; }
    public Database Database { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Opens the app for a parsed command line: --db and --config are honoured.</summary>
    public static Task<SalientApp> OpenAsync(ParseResult parse, CancellationToken ct, bool migrate = true, LogLevel logLevel = LogLevel.Warning)
        => OpenAsync(parse.GetValue(GlobalOptions.Db), parse.GetValue(GlobalOptions.Config), ct, migrate, logLevel);

    public static async Task<SalientApp> OpenAsync(string? db, string? configPath, CancellationToken ct, bool migrate = true, LogLevel logLevel = LogLevel.Warning,
        Action<IServiceCollection>? configure = null)
    {
        var configuration = LoadConfiguration(configPath);
        var target = db ?? configuration["Storage:Db"] ?? DataDirectory.DefaultDatabasePath();
        var database = Database.Create(target);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(database);
        services.AddLogging(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .SetMinimumLevel(logLevel)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        var source = ConfigurationSource(configPath);
        try
        {
            foreach (var module in ServiceModules.All())
            {
                module.Register(services, configuration);
            }
        }
        catch (Exception e) when (IsConfigurationError(e))
        {
            throw BadConfiguration(e, source);
        }
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = false });
        try
        {
            // Every stage's settings are read and checked now, so a wrong value stops the command before it starts
            // (not a page, a poll or a digest later).
            foreach (var type in services.Where(d => d.Lifetime == ServiceLifetime.Singleton && d.ServiceType.Name.EndsWith("Options", StringComparison.Ordinal))
                .Select(d => d.ServiceType).Distinct())
            {
                _ = provider.GetService(type);
            }
        }
        catch (Exception e) when (IsConfigurationError(e))
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw BadConfiguration(e, source);
        }
        if (migrate)
        {
            try
            {
                await database.MigrateAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                await provider.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return new SalientApp(provider, configuration, database);
    }

    /// <summary>Where the settings come from, for messages: the file given or the default one, and the environment.</summary>
    private static string ConfigurationSource(string? configPath) =>
        $"{(configPath is not null ? Path.GetFullPath(configPath) : DefaultConfigurationPath())} or a SALIENT_* environment variable";

    private static string DefaultConfigurationPath() => Path.Combine(DataDirectory.Path(), "salient.json");

    /// <summary>A setting that is out of range (the options' own checks) or not of its type (the configuration binder).</summary>
    private static bool IsConfigurationError(Exception e) => e switch
    {
        SalientException or ArgumentException or FormatException => true,
        InvalidOperationException => IsBinderError(e) || e.Message.StartsWith("Failed to create instance of type", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The configuration binder's complaint about a value not of its setting's type ("Failed to convert configuration value ...").</summary>
    internal static bool IsBinderError(Exception e) =>
        e is InvalidOperationException && e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);

    private static UsageException BadConfiguration(Exception e, string source) =>
        new($"configuration: {e.Message.TrimEnd('.')}; correct it in {source}");

    public static IConfiguration LoadConfiguration(string? configPath)
    {
        var builder = new ConfigurationBuilder();
        if (configPath is not null)
        {
            if (!File.Exists(configPath))
            {
                throw new UsageException($"configuration file '{configPath}' does not exist; give the path of a JSON file or leave out --config");
            }
            builder.AddJsonFile(Path.GetFullPath(configPath), optional: false);
        }
        else
        {
            builder.AddJsonFile(DefaultConfigurationPath(), optional: true);
        }
        builder.AddEnvironmentVariables("SALIENT_");
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException e)
        {
            var path = configPath is not null ? Path.GetFullPath(configPath) : DefaultConfigurationPath();
            throw new UsageException($"configuration file '{path}' is not valid JSON: {(e.GetBaseException() is System.Text.Json.JsonException json ? JsonLines.Describe(json, withLine: true) : e.GetBaseException().Message.TrimEnd('.'))}; correct the file or remove it");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>A stage's service registrations; found by reflection so stages do not edit a shared file.</summary>
internal interface IServiceModule
{
    void Register(IServiceCollection services, IConfiguration configuration);
}

internal static class ServiceModules
{
    public static IEnumerable<IServiceModule> All() => typeof(ServiceModules).Assembly.GetTypes()
        .Where(t => typeof(IServiceModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IServiceModule)Activator.CreateInstance(t, nonPublic: true)!);
}

/// <summary>Where Salient keeps its data by default: $SALIENT_DATA_DIR, else the user's local data directory.</summary>
internal static class DataDirectory
{
    public static string Path()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SALIENT_DATA_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return fromEnv;
        }
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return System.IO.Path.Combine(local, "salient");
    }

    public static string DefaultDatabasePath() => System.IO.Path.Combine(Path(), "salient.db");
}
