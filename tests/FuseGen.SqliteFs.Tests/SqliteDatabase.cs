using System;
using System.IO;
using FuseGen.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace FuseGen.SqliteFs.Tests;

/// <summary>
/// A database file in a temp directory that outlives its mounts: <see cref="Mount"/> runs <c>dotnet SqliteFs.dll
/// DBFILE MOUNTPOINT -f</c> on a fresh mount point under a watchdog (<see cref="MountedSample"/>), as often as a test
/// needs. Dispose deletes the database.
/// </summary>
public sealed class SqliteDatabase(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private readonly TempDirectory directory = new("fusegen-sqlitefs");

    public string Path => System.IO.Path.Combine(directory.Path, "fs.db");

    /// <summary>Mounts the database; <paramref name="requireCleanExit"/> false for a mount the test kills.</summary>
    public MountedSample Mount(bool requireCleanExit = true)
    {
        FuseAvailability.ThrowIfUnavailable();
        return MountedSample.Start("SqliteFs", new SampleLaunch
        {
            Before = new[] { Path },
            Timeout = Limit,
            MountPointPrefix = "fusegen-sqlitefs-mnt",
            RequireCleanExit = requireCleanExit,
        }, output);
    }

    /// <summary>SQLite's own check of the database file (with no filesystem running on it): "ok" when sound.</summary>
    public string IntegrityCheck()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose() => directory.Dispose();
}
