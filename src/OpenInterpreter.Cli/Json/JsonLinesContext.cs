using System.Text.Json.Serialization;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Cli.Json;

/// <summary>Source-generated, single-line JSON for <c>--json</c> (no reflection, so Native AOT stays clean).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(LmcChunk))]
[JsonSerializable(typeof(JsonOutcome))]
internal sealed partial class JsonLinesContext : JsonSerializerContext;
