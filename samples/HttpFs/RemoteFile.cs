namespace HttpFs;

/// <summary>One file of the server's index: its name, length and version (a number that changes with the content).</summary>
public sealed record RemoteFile(string Name, long Length, long Version);
