package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// benchArticles are the fixture articles plus the shared samples when
// present: news text of realistic size and shape.
func benchArticles(b testing.TB) []Document {
	b.Helper()
	var docs []Document
	for _, pattern := range []string{"../testdata/articles/*.txt", "../../shared/samples/*.txt"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			text, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, Document{ID: f, Text: string(text), Published: "2024-05-07"})
		}
	}
	if len(docs) == 0 {
		b.Fatal("no articles")
	}
	return docs
}

func BenchmarkExtract(b *testing.B) {
	docs := benchArticles(b)
	ex, err := New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Text))
	}
	b.SetBytes(bytes / int64(len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ex.Extract(ctx, docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtractParallel shares one Extractor across GOMAXPROCS
// goroutines, as geoparse extract --workers does.
func BenchmarkExtractParallel(b *testing.B) {
	docs := benchArticles(b)
	ex, err := New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := ex.Extract(ctx, docs[i%len(docs)]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkTokenize(b *testing.B) {
	docs := benchArticles(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Tokenize(docs[i%len(docs)].Text)
	}
}
