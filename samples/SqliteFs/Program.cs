using System;
using System.IO;
using FuseGen;
using Microsoft.Data.Sqlite;

namespace SqliteFs;

/// <summary><c>SqliteFs DBFILE MOUNTPOINT [-f] [-d] [-s] [-o opt[,opt...]]</c>; DBFILE is created when missing.</summary>
internal static class Program
{
    private const string Arguments = "DBFILE MOUNTPOINT";

    private static int Main(string[] args)
    {
        var databaseIndex = FindDatabase(args);
        if (Array.Exists(args, a => a is "-h" or "--help" or "-V" or "--version"))
        {
            return Fuse.Main(new SqliteFs(), databaseIndex < 0 ? args : WithoutDatabase(args, databaseIndex), null, Arguments);
        }

        if (databaseIndex < 0)
        {
            Console.Error.WriteLine($"SqliteFs: no database file given (usage: SqliteFs {Arguments} [-f] [-d] [-s] [-o opt[,opt...]])");
            return 1;
        }

        var database = Path.GetFullPath(args[databaseIndex]);
        SqliteFs fileSystem;
        try
        {
            fileSystem = SqliteFs.Open(database);
        }
        catch (SqliteException e)
        {
            Console.Error.WriteLine($"SqliteFs: cannot open database '{database}': {e.Message}");
            return 1;
        }

        using (fileSystem)
        {
            return Fuse.Main(fileSystem, WithoutDatabase(args, databaseIndex), SqliteFs.DefaultOptions(database), Arguments);
        }
    }

    /// <summary>The first argument that is neither an option nor the value of -o.</summary>
    private static int FindDatabase(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "-o")
            {
                i++;
            }
            else if (!args[i].StartsWith('-') || args[i] == "-")
            {
                return i;
            }
        }

        return -1;
    }

    private static string[] WithoutDatabase(string[] args, int databaseIndex)
    {
        var rest = new string[args.Length - 1];
        Array.Copy(args, rest, databaseIndex);
        Array.Copy(args, databaseIndex + 1, rest, databaseIndex, args.Length - databaseIndex - 1);
        return rest;
    }
}
