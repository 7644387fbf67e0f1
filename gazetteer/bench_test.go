package gazetteer

import "testing"

func benchIndex(b *testing.B) *Index {
	ix, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

var benchNames = []string{"Paris", "kyiv", "Izyum", "London", "Kharkiv", "Springfield", "Nowhere Town", "São Paulo", "new york", "Bucha"}

func BenchmarkLookup(b *testing.B) {
	ix := benchIndex(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = ix.Lookup(benchNames[i%len(benchNames)])
	}
}

// BenchmarkLookupAppend reuses the result buffer: no allocation.
func BenchmarkLookupAppend(b *testing.B) {
	ix := benchIndex(b)
	var buf []Entry
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = ix.AppendLookup(buf[:0], benchNames[i%len(benchNames)])
	}
}

func BenchmarkLookupParallel(b *testing.B) {
	ix := benchIndex(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			_ = ix.Lookup(benchNames[i%len(benchNames)])
			i++
		}
	})
}

func BenchmarkResolve(b *testing.B) {
	ix := benchIndex(b)
	doc := []Query{
		{Text: "Izium", Qualifiers: []string{"Kharkiv region", "Ukraine"}},
		{Text: "Bucha"}, {Text: "Borodyanka"}, {Text: "Irpin"}, {Text: "Balakliia"},
		{Text: "Kyiv"}, {Text: "Sievierodonetsk"}, {Text: "Ukraine"}, {Text: "Russia"},
		{Text: "Kharkiv region"}, {Text: "Hrakove"}, {Text: "Paris"},
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = ix.Resolve(doc, []string{"UA"})
	}
}

func BenchmarkOpenDefault(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// Misspelt (and some right) names: of 5 to 8 letters (one edit allowed)
// and of 9 or more (two edits).
var (
	benchFuzzy1 = []string{"Khakiv", "Kharkov", "Izyumm", "Parris", "Londn", "Buchha", "Berlim", "Madird", "Odessa", "Lvov"}
	benchFuzzy2 = []string{"Balakleyia", "Springfeld", "Sao Paolo", "Dnipropetrovks", "Zaporozhie", "Kramatorks", "Sloviansk", "Severodonetsk", "Philadelphya", "Manchestr"}
)

func BenchmarkLookupFuzzy(b *testing.B) {
	ix := benchIndex(b)
	for _, bc := range []struct {
		name  string
		names []string
	}{{"1edit", benchFuzzy1}, {"2edits", benchFuzzy2}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_ = ix.LookupFuzzy(bc.names[i%len(bc.names)], 10)
			}
		})
	}
}
