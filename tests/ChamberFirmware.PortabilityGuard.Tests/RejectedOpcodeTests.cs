using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using PortabilityGuard;
using Xunit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>
    /// Device mode (<c>new PortabilityChecker(null)</c>): every opcode the nanoCLR interpreter rejects
    /// is reported where it is used, and a method without one is not. The IL is emitted directly, one
    /// method per opcode, because C# produces most of them only in unsafe code or never.
    /// </summary>
    public class RejectedOpcodeTests
    {
        private static readonly Lazy<CheckResult> Result = new(() => new PortabilityChecker(null).Check(BuildAssembly()));

        public static IEnumerable<object[]> Opcodes => IlTokenReader.OpcodesRejectedByNanoClr.Values.Select(name => new object[] { name });

        [Theory]
        [MemberData(nameof(Opcodes))]
        public void Each_rejected_opcode_is_reported_in_the_method_that_uses_it(string opcode)
        {
            var user = "Emitted.Opcodes::" + MethodName(opcode);
            var violation = Assert.Single(Result.Value.Violations, v => v.Kind == ViolationKind.ForbiddenOpcode && v.User == user && v.Subject.StartsWith(opcode + " at IL_", StringComparison.Ordinal));
            Assert.Contains("IL instruction the nanoCLR interpreter rejects", violation.Format(), StringComparison.Ordinal);
        }

        [Fact]
        public void The_list_covers_the_eleven_opcodes_nanoclr_rejects()
        {
            Assert.Equal(
                new[] { "arglist", "calli", "ckfinite", "cpblk", "initblk", "jmp", "localloc", "mkrefany", "readonly.", "refanytype", "refanyval" },
                IlTokenReader.OpcodesRejectedByNanoClr.Values.OrderBy(n => n, StringComparer.Ordinal).ToArray());
        }

        [Fact]
        public void A_method_without_a_rejected_opcode_is_not_reported()
        {
            Assert.DoesNotContain(Result.Value.Violations, v => v.User.EndsWith("::Clean", StringComparison.Ordinal) || v.User.EndsWith("::Target", StringComparison.Ordinal));
            // refanytype and refanyval need a mkrefany before them; nothing else is reported.
            Assert.All(Result.Value.Violations, v => Assert.Contains(v.Kind, new[] { ViolationKind.ForbiddenOpcode, ViolationKind.FunctionPointer }));
        }

        [Fact]
        public void An_assembly_of_clean_methods_only_passes_the_device_check()
        {
            var path = EmittedAssembly.SaveOneMethod("CleanOnly", "Emitted.Clean", "Add", il =>
            {
                il.Emit(OpCodes.Ldc_I4_1);
                il.Emit(OpCodes.Ldc_I4_2);
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Pop);
            });

            var result = new PortabilityChecker(null).Check(path);
            Assert.True(result.IsPortable, string.Join(Environment.NewLine, result.Violations));
        }

        private static string MethodName(string opcode) => "Uses_" + opcode.TrimEnd('.');

        private static string BuildAssembly() => EmittedAssembly.Save("RejectedOpcodes", module =>
        {
            var type = module.DefineType("Emitted.Opcodes", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
            var target = EmittedAssembly.StaticMethod(type, "Target", _ => { });
            EmittedAssembly.StaticMethod(type, "Clean", il =>
            {
                il.Emit(OpCodes.Ldc_I4_1);
                il.Emit(OpCodes.Pop);
                il.Emit(OpCodes.Call, target);
            });

            void Define(string opcode, Action<ILGenerator> emit) => EmittedAssembly.StaticMethod(type, MethodName(opcode), emit);
            void NativeZero(ILGenerator il)
            {
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Conv_I);
            }

            Define("localloc", il =>
            {
                il.Emit(OpCodes.Ldc_I4_S, (sbyte)16);
                il.Emit(OpCodes.Conv_U);
                il.Emit(OpCodes.Localloc);
                il.Emit(OpCodes.Pop);
            });
            Define("calli", il =>
            {
                NativeZero(il);
                il.EmitCalli(OpCodes.Calli, CallingConvention.Cdecl, typeof(void), Type.EmptyTypes);
            });
            var jmp = type.DefineMethod(MethodName("jmp"), MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes);
            jmp.GetILGenerator().Emit(OpCodes.Jmp, target);
            Define("cpblk", il =>
            {
                NativeZero(il);
                NativeZero(il);
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Cpblk);
            });
            Define("initblk", il =>
            {
                NativeZero(il);
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Initblk);
            });
            Define("arglist", il =>
            {
                il.Emit(OpCodes.Arglist);
                il.Emit(OpCodes.Pop);
            });
            Define("mkrefany", il =>
            {
                NativeZero(il);
                il.Emit(OpCodes.Mkrefany, typeof(int));
                il.Emit(OpCodes.Pop);
            });
            Define("refanytype", il =>
            {
                NativeZero(il);
                il.Emit(OpCodes.Mkrefany, typeof(int));
                il.Emit(OpCodes.Refanytype);
                il.Emit(OpCodes.Pop);
            });
            Define("refanyval", il =>
            {
                NativeZero(il);
                il.Emit(OpCodes.Mkrefany, typeof(int));
                il.Emit(OpCodes.Refanyval, typeof(int));
                il.Emit(OpCodes.Pop);
            });
            Define("ckfinite", il =>
            {
                il.Emit(OpCodes.Ldc_R8, 1.0);
                il.Emit(OpCodes.Ckfinite);
                il.Emit(OpCodes.Pop);
            });
            Define("readonly.", il =>
            {
                il.Emit(OpCodes.Ldnull);
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Readonly);
                il.Emit(OpCodes.Ldelema, typeof(int));
                il.Emit(OpCodes.Pop);
            });
            type.CreateType();
        });
    }
}
