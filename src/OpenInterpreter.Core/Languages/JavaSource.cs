using System.Text;
using System.Text.RegularExpressions;

namespace OpenInterpreter.Core.Languages;

/// <summary>Turns a Java snippet into a compilable source file: code that declares no type of its own becomes the
/// body of <c>Main.main</c>, with its imports kept in front, on the same lines so compiler messages point at the
/// model's line numbers.</summary>
internal static partial class JavaSource
{
    private const string Header = "public class Main { public static void main(String[] args) throws Exception { ";

    /// <summary>The code as given when it declares a class, interface, enum or record; else wrapped in Main.</summary>
    public static string Wrap(string code)
    {
        if (TypeDeclaration().IsMatch(code))
        {
            return code;
        }

        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var imports = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (ImportLine().IsMatch(lines[i]))
            {
                imports.Append(lines[i].Trim()).Append(' ');
                lines[i] = "";
            }
        }

        lines[0] = imports + Header + lines[0];
        return string.Join('\n', lines) + "\n} }\n";
    }

    [GeneratedRegex(@"^\s*(public\s+|final\s+|abstract\s+)*(class|interface|enum|record)\s+[A-Za-z_$]", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*import\s+(static\s+)?[\w.*]+\s*;\s*$")]
    private static partial Regex ImportLine();
}
