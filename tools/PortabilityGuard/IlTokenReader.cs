using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace PortabilityGuard
{
    /// <summary>
    /// Walks the IL of a method body and yields every metadata token an instruction refers to
    /// (call, newobj, ldfld, ldtoken, castclass, ...), with its IL offset so the PDB can give a line.
    /// Operand sizes come from System.Reflection.Emit.OpCodes, so no opcode is hand-coded.
    /// </summary>
    public static class IlTokenReader
    {
        private static readonly Dictionary<short, OperandType> OperandTypes = BuildOperandTable();

        /// <summary>
        /// Opcodes the nanoCLR interpreter has no implementation for (nf-interpreter
        /// src/CLR/Core/Interpreter.cpp answers them with an exception or they need unmanaged memory):
        /// a device build must not contain them even where C# can produce them.
        /// </summary>
        public static readonly IReadOnlyDictionary<short, string> OpcodesRejectedByNanoClr = new Dictionary<short, string>
        {
            [unchecked((short)0xFE0F)] = "localloc",
            [0x29] = "calli",
            [0x27] = "jmp",
            [unchecked((short)0xFE17)] = "cpblk",
            [unchecked((short)0xFE18)] = "initblk",
            [unchecked((short)0xFE00)] = "arglist",
            [0xC6] = "mkrefany",
            [unchecked((short)0xFE1D)] = "refanytype",
            [0xC2] = "refanyval",
            [0xC3] = "ckfinite",
            [unchecked((short)0xFE1E)] = "readonly.",
        };

        public static IEnumerable<(int Offset, EntityHandle Token)> ReadTokens(MethodBodyBlock body)
        {
            var results = new List<(int, EntityHandle)>();
            foreach (var instruction in ReadInstructions(body))
            {
                if (!instruction.Token.IsNil)
                {
                    results.Add((instruction.Offset, instruction.Token));
                }
            }

            return results;
        }

        public static IReadOnlyList<IlInstruction> ReadInstructions(MethodBodyBlock body)
        {
            var results = new List<IlInstruction>();
            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                var offset = il.Offset;
                short code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                if (!OperandTypes.TryGetValue(code, out var operandType))
                {
                    throw new BadImageFormatException("unknown IL opcode 0x" + code.ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + " at IL_" + offset.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                }

                var token = default(EntityHandle);
                switch (operandType)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                    case OperandType.InlineSig:
                        token = MetadataTokens.EntityHandle(il.ReadInt32());
                        break;
                    case OperandType.InlineSwitch:
                        var count = il.ReadInt32();
                        il.Offset += checked(count * 4);
                        break;
                    default:
                        il.Offset += OperandSize(operandType);
                        break;
                }

                results.Add(new IlInstruction(offset, code, token));
            }

            return results;
        }

        private static int OperandSize(OperandType operandType) => operandType switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            _ => 4, // InlineBrTarget, InlineI, InlineString, ShortInlineR (tokens handled by the caller)
        };

        private static Dictionary<short, OperandType> BuildOperandTable()
        {
            var table = new Dictionary<short, OperandType>();
            foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (field.GetValue(null) is OpCode opCode)
                {
                    table[opCode.Value] = opCode.OperandType;
                }
            }

            return table;
        }
    }
}
