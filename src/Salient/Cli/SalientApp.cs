using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Salient.Storage;

namespace Salient.Cli;

/// <summary>
/// What a command needs to run: configuration, an opened and migrated database and the services of every stage
/// (<see cref="SalientServices"/>), with every setting checked.
/// </summary>
internal sealed class SalientApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private readonly StoreLock? _inUse;

    private SalientApp(ServiceProvider services, IConfiguration configuration, Database database, StoreLock? inUse)
    {
        _services = services;
        _inUse = inUse;
        Configuration = configuration;
        Database = database;
    }

    public IServiceProvider Services => _services;
    public IConfiguration Configuration { get; }
    public Database Database { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Opens the app for a parsed command line: --db and --config are honoured.</summary>
    /// <param name="longRunning">
    /// For <c>run</c>, <c>ingest</c>, <c>worker</c> and <c>serve</c>: the store is marked as in use until the app is
    /// disposed (<see cref="StoreLock"/>), so <c>db restore</c> refuses to replace it meanwhile.
    /// </param>
    public static Task<SalientApp> OpenAsync(ParseResult parse, CancellationToken ct, bool migrate = true, LogLevel logLevel = LogLevel.Warning, bool longRunning = false)
        => OpenAsync(parse.GetValue(GlobalOptions.Db), parse.GetValue(GlobalOptions.Config), ct, migrate, logLevel, longRunning: longRunning);

    public static async Task<SalientApp> OpenAsync(string? db, string? configPath, CancellationToken ct, bool migrate = true, LogLevel logLevel = LogLevel.Warning,
        Action<IServiceCollection>? configure = null, bool longRunning = false)
    {
        var configuration = LoadConfiguration(configPath);
        var chosen = db ?? configuration["Storage:Db"];
        // The default data directory is made on first use; a folder the user named must already exist.
        var database = Database.Create(chosen ?? DataDirectory.DefaultDatabasePath(), createFolder: chosen is null);
        var services = new ServiceCollection().AddSalient(configuration, database, logLevel);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = false });
        try
        {
            // Every stage's settings are read and checked now, so a wrong value stops the command before it starts
            // (not a page, a poll or a digest later) and before the store is created or migrated.
            Settings.CheckAll(provider);
        }
        catch (Exception e) when (Settings.Problem(e) is { } problem)
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw Settings.Unusable(problem, ConfigurationSource(configPath));
        }
        foreach (var unknown in Settings.UnknownKeys(configuration, provider.GetServices<SettingsSection>()))
        {
            await Console.Error.WriteLineAsync($"salient: warning: {unknown} (in {ConfigurationSource(configPath)}); it is ignored, check its spelling").ConfigureAwait(false);
        }
        StoreLock? inUse = null;
        try
        {
            // Before migrating: a restore in progress must not see its store changed under it.
            inUse = longRunning ? StoreLock.Use(database) : null;
            if (migrate)
            {
                await database.MigrateAsync(ct).ConfigureAwait(false);
            }
        }
        catch
        {
            inUse?.Dispose();
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new SalientApp(provider, configuration, database, inUse);
    }

    /// <summary>Where the settings come from, for messages: the file given or the default one, and the environment.</summary>
    private static string ConfigurationSource(string? configPath) =>
        $"{(configPath is not null ? Path.GetFullPath(configPath) : DefaultConfigurationPath())} or a SALIENT_* environment variable";

    private static string DefaultConfigurationPath() => Path.Combine(DataDirectory.Path(), "salient.json");

    public static IConfiguration LoadConfiguration(string? configPath)
    {
        var builder = new ConfigurationBuilder();
        if (configPath is not null)
        {
            if (!File.Exists(configPath))
            {
                throw new UsageException($"configuration file '{configPath}' does not exist; give the path of a JSON file or leave out --config");
            }
            builder.AddJsonStream(ReadCapped(Path.GetFullPath(configPath)));
        }
        else if (File.Exists(DefaultConfigurationPath()))
        {
            builder.AddJsonStream(ReadCapped(DefaultConfigurationPath()));
        }
        builder.AddEnvironmentVariables("SALIENT_");
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            var path = configPath is not null ? Path.GetFullPath(configPath) : DefaultConfigurationPath();
            throw new UsageException($"configuration file '{path}' is not valid JSON: {(e.GetBaseException() is System.Text.Json.JsonException json ? JsonLines.Describe(json, withLine: true) : e.GetBaseException().Message.TrimEnd('.'))}; correct the file or remove it");
        }
    }

    /// <summary>A configuration file is a few kilobytes; this much is certainly not one (or is a device such as /dev/zero).</summary>
    public const int MaxConfigurationBytes = 1024 * 1024;

    /// <summary>The file's bytes, read up to <see cref="MaxConfigurationBytes"/>: a larger file, or one that never ends, is refused.</summary>
    private static MemoryStream ReadCapped(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var buffer = new byte[MaxConfigurationBytes + 1];
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > MaxConfigurationBytes)
            {
                throw new UsageException($"configuration file '{path}' is larger than {MaxConfigurationBytes / 1024} KB (or has no end); give a JSON settings file");
            }
            return new MemoryStream(buffer, 0, read, writable: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"configuration file '{path}' cannot be read: {e.Message.TrimEnd('.')}; give a readable JSON file");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        _inUse?.Dispose();
    }
}

/// <summary>A stage's service registrations, listed in <see cref="SalientServices"/>.</summary>
internal interface IServiceModule
{
    void Register(IServiceCollection services, IConfiguration configuration);
}

/// <summary>
/// The one set of registrations behind every command, the daemon and the site: configuration, the store, logging, the
/// clock and every stage's services and settings. <see cref="SalientApp"/> builds its provider from it, and the site's
/// web host (<see cref="Web.SiteHost"/>) adds the same to its own.
/// </summary>
internal static class SalientServices
{
    /// <summary>Every stage's registrations, in the order they are added (a stage that only tries to add a service comes after the one that owns it).</summary>
    private static readonly IServiceModule[] Modules =
    [
        new Digest.DigestServices(),
        new Embeddings.EmbeddingServices(),
        new Extraction.ExtractionServices(),
        new Ingest.IngestServices(),
        new Llm.LlmServices(),
        new Monitoring.MonitoringServices(),
        new Pipeline.PipelineServices(),
        new Sections.SectionsServices(),
        new Significance.SignificanceServices(),
        new StorageServices(),
        new Stories.StoryServices(),
        new Translation.TranslationServices(),
        new Web.SiteServices(),
        new Workers.WorkerServices(),
        new Writing.WritingServices(),
    ];

    public static IServiceCollection AddSalient(this IServiceCollection services, IConfiguration configuration, Database database, LogLevel logLevel)
    {
        services.AddSingleton(configuration);
        services.AddSingleton(database);
        services.AddLogging(b => b.ClearProviders()
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .SetMinimumLevel(logLevel)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        foreach (var module in Modules)
        {
            module.Register(services, configuration);
        }
        return services;
    }
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
