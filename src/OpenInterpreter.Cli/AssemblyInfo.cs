// Sessions run in process groups with POSIX signals, FIFOs and file modes: the program targets Linux and macOS.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
