package ner

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

const conllDir = "../../../shared/corpora/conll2003/"

func loadDefault(tb testing.TB) *Model {
	tb.Helper()
	m, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func TestDefaultNews(t *testing.T) {
	m := loadDefault(t)
	tests := []struct {
		sent string
		want []Span
	}{
		{"Prime Minister Jane Doe met officials in Berlin on Monday .",
			[]Span{{2, 4, Person}, {7, 8, Location}}},
		{"The United Nations said aid would reach Sudan next week .",
			[]Span{{1, 3, Organization}, {7, 8, Location}}},
		{"John Smith , a spokesman for Microsoft , declined to comment .",
			[]Span{{0, 2, Person}, {6, 7, Organization}}},
		{"Floods hit northern Italy and southern France after heavy rain .",
			[]Span{{3, 4, Location}, {6, 7, Location}}},
	}
	for _, tt := range tests {
		got := m.Tag(strings.Fields(tt.sent))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tag(%q) = %v, want %v", tt.sent, got, tt.want)
		}
	}
	if got := m.Tag(nil); got != nil {
		t.Errorf("Tag(nil) = %v", got)
	}
}

func TestDefaultConcurrent(t *testing.T) {
	m := loadDefault(t)
	sents := []string{
		"Prime Minister Jane Doe met officials in Berlin on Monday .",
		"The United Nations said aid would reach Sudan next week .",
	}
	want := make([][]Span, len(sents))
	for i, s := range sents {
		want[i] = m.Tag(strings.Fields(s))
	}
	doc := make([][]string, len(sents))
	for i, s := range sents {
		doc[i] = strings.Fields(s)
	}
	wantDoc := m.TagDocument(doc)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 100; k++ {
				if got := m.TagDocument(doc); !reflect.DeepEqual(got, wantDoc) {
					t.Errorf("concurrent TagDocument = %v, want %v", got, wantDoc)
					return
				}
			}
		}()
	}
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				i := (g + k) % len(sents)
				if got := m.Tag(strings.Fields(sents[i])); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("concurrent Tag = %v, want %v", got, want[i])
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

func ExampleModel_Tag() {
	m, err := Default()
	if err != nil {
		panic(err)
	}
	toks := strings.Fields("Prime Minister Jane Doe met officials in Berlin on Monday .")
	for _, sp := range m.Tag(toks) {
		fmt.Println(sp.Label, strings.Join(toks[sp.Start:sp.End], " "))
	}
	// Output:
	// PERSON Jane Doe
	// LOCATION Berlin
}

func benchSents(b *testing.B) [][]string {
	var sents [][]string
	for _, d := range benchDocs(b) {
		sents = append(sents, d...)
	}
	return sents
}

// benchLexicon is a map lexicon of some well-known place names: it costs
// what the tagger spends around a lookup (building the lower-cased name),
// not what a real gazetteer spends finding it.
type benchLexicon map[string]int

func (l benchLexicon) PlaceSize(name string) int { return l[name] }

func newBenchLexicon() benchLexicon {
	l := benchLexicon{}
	for i, names := range [][]string{
		{"paris", "london", "berlin", "madrid", "rome", "moscow", "tokyo", "beijing", "new york", "los angeles", "sydney", "cairo"},
		{"texas", "california", "bavaria", "ontario", "scotland", "wales", "england", "queensland"},
		{"france", "germany", "britain", "italy", "spain", "russia", "japan", "china", "united states", "australia", "egypt", "israel", "iraq", "iran", "brazil", "india", "pakistan", "south africa"},
	} {
		for _, n := range names {
			l[n] = 5 + i
		}
	}
	return l
}

func benchTag(b *testing.B, lex Lexicon) {
	m := loadDefault(b).WithLexicon(lex)
	sents := benchSents(b)
	b.ResetTimer()
	tokens := 0
	for i := 0; i < b.N; i++ {
		s := sents[i%len(sents)]
		m.Tag(s)
		tokens += len(s)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

func benchTagDocument(b *testing.B, lex Lexicon) {
	m := loadDefault(b).WithLexicon(lex)
	docs := benchDocs(b)
	b.ResetTimer()
	tokens := 0
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		m.TagDocument(d)
		for _, s := range d {
			tokens += len(s)
		}
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTag tags single sentences without lexicon features.
func BenchmarkTag(b *testing.B) { benchTag(b, nil) }

// BenchmarkTagLexicon tags single sentences with a map lexicon attached.
func BenchmarkTagLexicon(b *testing.B) { benchTag(b, newBenchLexicon()) }

// BenchmarkTagDocument tags whole documents (two passes).
func BenchmarkTagDocument(b *testing.B) { benchTagDocument(b, nil) }

// BenchmarkTagDocumentLexicon tags whole documents with a map lexicon.
func BenchmarkTagDocumentLexicon(b *testing.B) { benchTagDocument(b, newBenchLexicon()) }

func benchDocs(b *testing.B) [][][]string {
	docs, err := ReadCoNLLDocsFile(conllDir + "dev.jsonl")
	if err != nil {
		docs, err = ReadCoNLLDocsFile("testdata/tiny.jsonl")
		if err != nil {
			b.Fatal(err)
		}
	}
	var out [][][]string
	for _, d := range docs {
		var sents [][]string
		for _, ex := range d {
			sents = append(sents, ex.Tokens)
		}
		out = append(out, sents)
	}
	return out
}
