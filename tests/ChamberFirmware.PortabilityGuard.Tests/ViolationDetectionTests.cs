using System.Linq;
using System.Text;
using PortabilityGuard;
using Xunit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>Each construct the stable nanoCLR cannot run is caught and names its user and source line.</summary>
    public class ViolationDetectionTests
    {
        [Fact]
        public void List_of_int_is_a_generic_instantiation_named_with_member_and_line()
        {
            const string source = @"
namespace Snippets
{
    public class Holder
    {
        public int UsesList()
        {
            var items = new System.Collections.Generic.List<int>(); // here
            return items.Count;
        }
    }
}";
            var text = GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericInstantiation, "Snippets.Holder::UsesList", "System.Collections.Generic.List`1<System.Int32>", source, "// here");
            Assert.EndsWith(" uses System.Collections.Generic.List`1<System.Int32> — generic instantiation not supported by the stable nanoCLR", text, System.StringComparison.Ordinal);
        }

        [Fact]
        public void List_field_is_reported_on_the_field()
        {
            const string source = "namespace Snippets { public class Holder { public System.Collections.Generic.List<int> Items; } }";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericInstantiation, "Snippets.Holder::Items", "System.Collections.Generic.List`1<System.Int32>");
        }

        [Fact]
        public void Linq_call_is_a_generic_method_instantiation()
        {
            const string source = @"
using System.Linq;
namespace Snippets
{
    public static class Query
    {
        public static int Positives(int[] values)
        {
            return values.Where(v => v > 0).Count(); // linq
        }
    }
}";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericInstantiation, "Snippets.Query::Positives", "System.Linq.Enumerable::Where(", source, "// linq");
        }

        [Fact]
        public void Func_of_int_int_is_a_generic_instantiation()
        {
            const string source = @"
namespace Snippets
{
    public static class Lambdas
    {
        public static int Apply()
        {
            System.Func<int, int> twice = x => x * 2; // func
            return twice(21);
        }
    }
}";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericInstantiation, "Snippets.Lambdas::Apply", "System.Func`2<System.Int32,System.Int32>", source, "// func");
        }

        [Fact]
        public void Nullable_int_is_a_generic_instantiation()
        {
            const string source = @"
namespace Snippets
{
    public static class Maybe
    {
        public static bool HasReading(int raw)
        {
            int? reading = raw > 0 ? raw : (int?)null; // nullable
            return reading.HasValue;
        }
    }
}";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericInstantiation, "Snippets.Maybe::HasReading", "System.Nullable`1<System.Int32>", source, "// nullable");
        }

        [Fact]
        public void Tuple_is_a_generic_instantiation()
        {
            const string source = @"
namespace Snippets
{
    public static class Pairs
    {
        public static int First()
        {
            var pair = (1, 2); // tuple
            return pair.Item1;
        }
    }
}";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericInstantiation, "Snippets.Pairs::First", "System.ValueTuple`2<System.Int32,System.Int32>", source, "// tuple");
        }

        [Fact]
        public void Multi_dimensional_array_is_reported()
        {
            const string source = @"
namespace Snippets
{
    public static class Grid
    {
        public static int Corner()
        {
            var cells = new int[2, 2]; // grid
            return cells[0, 0];
        }
    }
}";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.MultiDimensionalArray, "Snippets.Grid::Corner", "System.Int32[,]", source, "// grid");
        }

        [Fact]
        public void Jagged_array_is_portable()
        {
            const string source = "namespace Snippets { public static class Grid { public static int Corner() { var cells = new int[2][]; cells[0] = new int[2]; return cells[0][0]; } } }";
            GuardAssert.IsPortable(GuardAssert.Check(source));
        }

        [Fact]
        public void Generic_method_of_our_own_is_reported()
        {
            const string source = @"
namespace Snippets
{
    public static class Identity
    {
        public static T Same<T>(T value)
        { // generic method
            return value;
        }
    }
}";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericDefinition, "Snippets.Identity::Same", "type parameter T", source, "// generic method");
        }

        [Fact]
        public void Generic_class_of_our_own_is_reported()
        {
            const string source = @"
namespace Snippets
{
    public class Box<T>
    {
        private T _value;
        public T Get() { return _value; } // generic class
        public void Set(T value) { _value = value; }
    }
}";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericDefinition, "Snippets.Box`1", "type parameter T", source, "// generic class");
        }

        [Fact]
        public void Async_method_is_reported()
        {
            const string source = @"
namespace Snippets
{
    public class Worker
    {
        public async System.Threading.Tasks.Task RunAsync()
        {
            await System.Threading.Tasks.Task.Yield();
        }
    }
}";
            var result = GuardAssert.Check(source);
            GuardAssert.Reports(result, ViolationKind.GenericInstantiation, "Snippets.Worker::RunAsync", "AsyncTaskMethodBuilder::Start(");
            GuardAssert.Reports(result, ViolationKind.NotAllowlisted, "Snippets.Worker::RunAsync", "System.Threading.Tasks.Task");
        }

        [Fact]
        public void Yield_iterator_is_reported()
        {
            const string source = @"
namespace Snippets
{
    public class Counter
    {
        public System.Collections.Generic.IEnumerable<int> Numbers()
        {
            yield return 1;
        }
    }
}";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericInstantiation, "Snippets.Counter::Numbers", "System.Collections.Generic.IEnumerable`1<System.Int32>");
        }

        [Fact]
        public void Record_is_reported()
        {
            const string source = "namespace Snippets { public record Point(int X, int Y); }";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericInstantiation, "Snippets.Point", "System.IEquatable`1<Snippets.Point>");
        }

        [Fact]
        public void Decimal_is_not_on_the_allowlist()
        {
            const string source = @"
namespace Snippets
{
    public static class Money
    {
        public static decimal Twice(decimal amount)
        {
            return amount * 2; // decimal
        }
    }
}";
            var result = GuardAssert.Check(source);
            GuardAssert.Reports(result, ViolationKind.NotAllowlisted, "Snippets.Money::Twice", "System.Decimal");
            GuardAssert.Reports(result, ViolationKind.NotAllowlisted, "Snippets.Money::Twice", "System.Decimal::op_Multiply(System.Decimal,System.Decimal)", source, "// decimal");
        }

        [Fact]
        public void Span_of_byte_is_a_generic_instantiation()
        {
            const string source = @"
namespace Snippets
{
    public static class Buffers
    {
        public static int Size()
        {
            System.Span<byte> frame = new byte[4]; // span
            return frame.Length;
        }
    }
}";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.GenericInstantiation, "Snippets.Buffers::Size", "System.Span`1<System.Byte>", source, "// span");
        }

        [Fact]
        public void DllImport_is_reported()
        {
            const string source = @"
namespace Snippets
{
    public static class Native
    {
        [System.Runtime.InteropServices.DllImport(""libc"")]
        public static extern int getpid();

        public static int Pid()
        {
            return getpid();
        }
    }
}";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.PlatformInvoke, "Snippets.Native::getpid", "[DllImport(\"libc\")]");
        }

        [Fact]
        public void Pointer_is_reported()
        {
            const string source = "namespace Snippets { public static unsafe class Raw { public static int Read(int* p) { return *p; } } }";
            GuardAssert.Reports(GuardAssert.Check(source, allowUnsafe: true), ViolationKind.UnsafePointer, "Snippets.Raw::Read", "System.Int32*");
        }

        [Fact]
        public void Type_with_256_methods_is_reported()
        {
            var source = new StringBuilder("namespace Snippets { public class Huge {\n");
            // 255 declared methods plus the implicit constructor: 256.
            foreach (var i in Enumerable.Range(0, 255))
            {
                source.Append("public int M").Append(i).Append("() { return ").Append(i).Append("; }\n");
            }

            source.Append("} }");
            GuardAssert.Reports(GuardAssert.Check(source.ToString()), ViolationKind.TooManyMethods, "Snippets.Huge", "256 methods");
        }

        [Fact]
        public void Type_with_255_methods_is_portable()
        {
            var source = new StringBuilder("namespace Snippets { public class Large {\n");
            foreach (var i in Enumerable.Range(0, 254))
            {
                source.Append("public int M").Append(i).Append("() { return ").Append(i).Append("; }\n");
            }

            source.Append("} }");
            GuardAssert.IsPortable(GuardAssert.Check(source.ToString()));
        }

        [Fact]
        public void Api_not_on_the_allowlist_prints_the_line_to_add()
        {
            const string source = @"
namespace Snippets
{
    public static class Config
    {
        public static string Load(string path)
        {
            return System.IO.File.ReadAllText(path); // file
        }
    }
}";
            var text = GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.NotAllowlisted, "Snippets.Config::Load", "System.IO.File::ReadAllText(System.String)", source, "// file");
            Assert.Contains("member System.IO.File::ReadAllText(System.String) <nanoFramework package id>", text, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Attribute_on_a_member_is_not_exempt()
        {
            const string source = "namespace Snippets { public static class Old { [System.Obsolete(\"no\")] public static int Value() { return 1; } } }";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.NotAllowlisted, "Snippets.Old::Value", "System.ObsoleteAttribute::.ctor(System.String)");
        }

        [Fact]
        public void Volatile_field_needs_IsVolatile_on_the_allowlist()
        {
            // modreq(IsVolatile) is part of the field signature; nanoFramework's mscorlib does not define IsVolatile.
            const string source = "namespace Snippets { public class Flag { public volatile bool Raised; } }";
            GuardAssert.Reports(GuardAssert.Check(source), ViolationKind.NotAllowlisted, "Snippets.Flag::Raised", "System.Runtime.CompilerServices.IsVolatile");
        }
    }
}
