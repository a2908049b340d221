using System.Text.Json.Serialization;

namespace OpenInterpreter.Core.Messages;

/// <summary>Source-generated JSON for LMC messages and chunks (no reflection, so Native AOT stays clean).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<LmcMessage>))]
[JsonSerializable(typeof(LmcChunk))]
public sealed partial class LmcJsonContext : JsonSerializerContext;
