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
	var wg sync.WaitGroup
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

func BenchmarkTag(b *testing.B) {
	m := loadDefault(b)
	var sents [][]string
	if exs, err := ReadCoNLLFile(conllDir + "dev.jsonl"); err == nil {
		for _, ex := range exs {
			sents = append(sents, ex.Tokens)
		}
	} else {
		for _, ex := range readTinyB(b) {
			sents = append(sents, ex.Tokens)
		}
	}
	ntok := 0
	for _, s := range sents {
		ntok += len(s)
	}
	b.ResetTimer()
	tokens := 0
	for i := 0; i < b.N; i++ {
		s := sents[i%len(sents)]
		m.Tag(s)
		tokens += len(s)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

func readTinyB(b *testing.B) []Example {
	exs, err := ReadCoNLLFile("testdata/tiny.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	return exs
}
