namespace OpenInterpreter.Core.Safety;

/// <summary>Where a path that code touches lies, as far as can be told before the code runs.</summary>
public enum PathPlace
{
    /// <summary>In the working folder.</summary>
    Inside,

    /// <summary>In the system's temporary folder.</summary>
    Temporary,

    /// <summary>The root of the file system (or all of it, <c>/*</c>).</summary>
    Root,

    /// <summary>The home folder itself (or all of it, <c>~/*</c>).</summary>
    Home,

    /// <summary>Something in the home folder, outside the working folder.</summary>
    InHome,

    /// <summary>A system folder: <c>/etc</c>, <c>/usr</c>, <c>/bin</c>, <c>C:\Windows</c>, …</summary>
    System,

    /// <summary>Another absolute path outside the working folder.</summary>
    Outside,

    /// <summary>A path built from a variable whose value is not known before the run.</summary>
    Unknown,
}
