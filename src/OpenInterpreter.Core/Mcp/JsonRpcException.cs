namespace OpenInterpreter.Core.Mcp;

/// <summary>A JSON-RPC error: sent back as <c>{"error": {code, message}}</c>, or received from the other side.</summary>
public sealed class JsonRpcException(int code, string message) : Exception(message)
{
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    public int Code { get; } = code;
}
