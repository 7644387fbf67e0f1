package ner

import "testing"

// BenchmarkDefault measures loading the embedded model, the tagger's share
// of a process's time to its first record.
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
