package geo

import (
	"io"
	"testing"
)

// BenchmarkFeatureCollectionWriter reports records/s for encoding records
// into a FeatureCollection (to io.Discard).
func BenchmarkFeatureCollectionWriter(b *testing.B) {
	recs := sampleRecords(1000)
	b.ReportAllocs()
	w := NewFeatureCollectionWriter(io.Discard)
	n := 0
	for b.Loop() {
		if err := w.Write(recs[n%len(recs)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkSeqWriter(b *testing.B) {
	recs := sampleRecords(1000)
	b.ReportAllocs()
	w := NewSeqWriter(io.Discard)
	n := 0
	for b.Loop() {
		if err := w.Write(recs[n%len(recs)]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}
