package gazetteer

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

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

// typoQueries are n names of the index (of 5 to 20 ASCII bytes, spread
// over its keys) each with the edits FuzzyDistance allows it, at random
// places after the first byte: what fuzzy lookups meet in text.
func typoQueries(ix *Index, n int) []string {
	stride := max(1, ix.Info().Names/(4*n))
	var keys []string
	i := 0
	ix.trie.each(func(k []byte) {
		if i++; i%stride == 0 && len(k) >= 5 && len(k) <= 20 && isASCII(string(k)) {
			keys = append(keys, string(k))
		}
	})
	r := rand.New(rand.NewPCG(7, 9))
	out := make([]string, 0, n)
	for len(out) < n && len(keys) > 0 {
		k := []byte(keys[r.IntN(len(keys))])
		for range FuzzyDistance(string(k)) {
			i := 1 + r.IntN(len(k)-1)
			switch c := 'a' + byte(r.IntN(26)); r.IntN(3) {
			case 0:
				k[i] = c
			case 1:
				k = slices.Delete(k, i, i+1)
			default:
				k = slices.Insert(k, i, c)
			}
		}
		out = append(out, string(k))
	}
	return out
}

// BenchmarkFuzzySplit times the two walks of fuzzyKeys with the cut at
// several places, for fuzzySplit to choose from, and reports the trie
// nodes they enter (visits/op: the same on every run, where times on a
// busy 2-core machine vary by 10-20%). On the embedded index, or on
// GEOPARSE_SYNTH_INDEX when set.
func BenchmarkFuzzySplit(b *testing.B) {
	ix := benchIndex(b)
	if dir := os.Getenv("GEOPARSE_SYNTH_INDEX"); dir != "" {
		var err error
		if ix, err = Open(dir); err != nil {
			b.Fatal(err)
		}
	}
	byDist := map[int][]string{}
	for _, q := range typoQueries(ix, 4000) {
		d := FuzzyDistance(q)
		byDist[d] = append(byDist[d], q)
	}
	for _, d := range []int{1, 2} {
		for _, cut := range []struct {
			name  string
			split func(n int) int
		}{
			{"(n-1)/2", func(n int) int { return (n - 1) / 2 }},
			{"n/2", func(n int) int { return n / 2 }},
			{"55%", func(n int) int { return (n*55 + 50) / 100 }},
			{"60%", func(n int) int { return n * 60 / 100 }},
			{"65%", func(n int) int { return (n*65 + 50) / 100 }},
			{"70%", func(n int) int { return (n*70 + 50) / 100 }},
			{"75%", func(n int) int { return (n*75 + 50) / 100 }},
			{"n-3", func(n int) int { return n - 3 }},
			{"fuzzySplit", func(n int) int { return fuzzySplit(n, d) }},
		} {
			qs := byDist[d]
			b.Run(fmt.Sprintf("d%d/%s", d, cut.name), func(b *testing.B) {
				visits := 0
				for i := 0; i < b.N; i++ {
					q := qs[i%len(qs)]
					_, v := ix.fuzzyKeysSplit(q, d, max(0, min(cut.split(len(q)), len(q)-2)))
					visits += v
				}
				b.ReportMetric(float64(visits)/float64(b.N), "visits/op")
			})
		}
	}
}
