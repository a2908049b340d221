using System.Globalization;

namespace OpenInterpreter.Core.Tests.Languages;

/// <summary>Looks in /proc for the live processes of a process group, to prove a session left nothing behind.</summary>
internal static class ProcessGroup
{
    /// <summary>The pids of processes in <paramref name="groupId"/> that are not zombies.</summary>
    public static IReadOnlyList<int> LiveMembers(int groupId)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] != "Z" && fields[2] == groupId.ToString(CultureInfo.InvariantCulture))
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>Waits up to a few seconds for the group to empty (a SIGKILL takes a moment) and returns what is left.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilEmptyAsync(int groupId)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (LiveMembers(groupId) is [])
            {
                return [];
            }

            await Task.Delay(100);
        }

        return LiveMembers(groupId);
    }
}
