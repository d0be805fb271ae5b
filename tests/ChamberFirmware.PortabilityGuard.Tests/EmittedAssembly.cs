using System;
using System.IO;
using System.Reflection;
using System.Reflection.Emit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>
    /// Writes an assembly built with System.Reflection.Emit (PersistedAssemblyBuilder) to a temp .dll:
    /// IL that C# never produces (or produces only in unsafe code) can be fed to the guard as it is.
    /// </summary>
    internal static class EmittedAssembly
    {
        public static string Save(string name, Action<ModuleBuilder> build)
        {
            var assembly = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly);
            var module = assembly.DefineDynamicModule(name);
            build(module);
            var directory = Path.Combine(Path.GetTempPath(), "portability-guard-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, name + ".dll");
            assembly.Save(path);
            return path;
        }

        /// <summary>An assembly with one public sealed type holding one method (see <see cref="StaticMethod"/>).</summary>
        public static string SaveOneMethod(string name, string typeName, string methodName, Action<ILGenerator> emit) => Save(name, module =>
        {
            var type = module.DefineType(typeName, TypeAttributes.Public | TypeAttributes.Sealed);
            StaticMethod(type, methodName, emit);
            type.CreateType();
        });

        /// <summary>A public static void method with no parameters whose body <paramref name="emit"/> writes (ret is added).</summary>
        public static MethodBuilder StaticMethod(TypeBuilder type, string name, Action<ILGenerator> emit)
        {
            var method = type.DefineMethod(name, MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes);
            var il = method.GetILGenerator();
            emit(il);
            il.Emit(OpCodes.Ret);
            return method;
        }
    }
}
