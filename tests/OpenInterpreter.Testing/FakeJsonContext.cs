using System.Text.Json.Serialization;

namespace OpenInterpreter.Testing;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class FakeJsonContext : JsonSerializerContext;
