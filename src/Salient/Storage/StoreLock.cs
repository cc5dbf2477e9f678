namespace Salient.Storage;

/// <summary>
/// Says which processes use a SQLite store, so that <c>db restore</c> never replaces one under a running
/// <c>salient run</c>, <c>ingest</c>, <c>worker</c> or <c>serve</c>. Each of those holds a shared lock on the file
/// <c>STORE.lock</c> beside the store for as long as it runs; a restore takes it exclusively. The lock is the
/// operating system's (an advisory <c>flock</c> on Linux and macOS, a share mode on Windows), so it goes with the
/// process however that ends: the file a killed process leaves behind locks nothing, and is never deleted (a
/// process that opened it just before would hold a lock on a file no one else could find).
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    /// <summary>The lock file of a SQLite store at <paramref name="storePath"/>.</summary>
    public static string PathOf(string storePath) => storePath + ".lock";

    /// <summary>
    /// Marks <paramref name="db"/> as used by this process until the result is disposed; null for PostgreSQL, which
    /// guards its own data. Throws <see cref="SalientException"/> while a restore holds the store.
    /// </summary>
    public static StoreLock? Use(Database db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.IsPostgres)
        {
            return null;
        }
        var path = PathOf(db.Display);
        try
        {
            // Read access with sharing: a shared lock, which any number of running commands hold together.
            return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new SalientException($"the store '{db.Display}' is being restored by 'salient db restore' (it holds '{path}'); wait for it to finish and start again", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SalientException($"cannot open the lock file '{path}' of the store '{db.Display}': {e.Message.TrimEnd('.')}; make the store's folder writable", e);
        }
    }

    /// <summary>
    /// Takes <paramref name="db"/> for this process alone (for a restore); throws <see cref="SalientException"/>,
    /// changing nothing, while any other process uses it.
    /// </summary>
    public static StoreLock Exclusive(Database db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var path = PathOf(db.Display);
        try
        {
            return new StoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new SalientException(
                $"the store '{db.Display}' is in use by a running salient process (run, ingest, worker or serve holds '{path}'); stop it, then run 'salient db restore' again. Nothing was changed", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SalientException($"cannot open the lock file '{path}' of the store '{db.Display}': {e.Message.TrimEnd('.')}; make the store's folder writable. Nothing was changed", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
