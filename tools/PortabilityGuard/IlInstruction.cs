using System.Reflection.Metadata;

namespace PortabilityGuard
{
    /// <summary>One IL instruction: its offset, its opcode value (two-byte opcodes as 0xFExx) and the metadata token it names, if any.</summary>
    public readonly record struct IlInstruction(int Offset, short OpCode, EntityHandle Token);
}
