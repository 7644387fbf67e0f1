package ner

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func readTiny(t *testing.T) []Example {
	t.Helper()
	exs, err := ReadCoNLLFile("testdata/tiny.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return exs
}

func TestReadCoNLLJSONL(t *testing.T) {
	exs := readTiny(t)
	if len(exs) != 11 {
		t.Fatalf("got %d sentences, want 11", len(exs))
	}
	want := Example{
		Tokens: strings.Fields("The Acme Corporation hired Tom Baker in Oslo ."),
		Spans:  []Span{{1, 3, Organization}, {4, 6, Person}, {7, 8, Location}},
	}
	if !reflect.DeepEqual(exs[1], want) {
		t.Errorf("sentence 1 = %+v, want %+v", exs[1], want)
	}
	if len(exs[10].Spans) != 0 {
		t.Errorf("last sentence spans = %v", exs[10].Spans)
	}
	// Non-ASCII text: offsets are code points.
	in := `{"id":"x","text":"Zoë Ångström left\nSão Paulo","entities":[{"start":0,"end":12,"label":"PERSON"},{"start":18,"end":27,"label":"LOCATION"}]}`
	exs, err := ReadCoNLLJSONL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) != 2 || !reflect.DeepEqual(exs[0].Spans, []Span{{0, 2, Person}}) || !reflect.DeepEqual(exs[1].Spans, []Span{{0, 2, Location}}) {
		t.Errorf("non-ASCII: %+v", exs)
	}
	bad := `{"id":"x","text":"Zoë Ångström left","entities":[{"start":1,"end":12,"label":"PERSON"}]}`
	if _, err := ReadCoNLLJSONL(strings.NewReader(bad)); err == nil {
		t.Error("misaligned entity accepted")
	}
}

func trainTiny(t *testing.T, lex Lexicon) *Model {
	t.Helper()
	m, err := Train(readTiny(t), TrainOptions{Epochs: 20, Seed: 7, HashBits: 18, Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainLearnsFixture(t *testing.T) {
	exs := readTiny(t)
	m := trainTiny(t, nil)
	sc := m.Evaluate(exs)
	if sc.Micro.F1() < 0.99 {
		t.Errorf("training set F1 %.3f:\n%s", sc.Micro.F1(), sc)
	}
	tests := []struct {
		toks string
		want []Span
	}{
		{"Karl Stein said the Danube Bank would open in Prague .", []Span{{0, 2, Person}, {4, 6, Organization}, {9, 10, Location}}},
		{"Maria Lopez visited Lisbon on Tuesday .", []Span{{0, 2, Person}, {3, 4, Location}}},
	}
	for _, tt := range tests {
		if got := m.Tag(strings.Fields(tt.toks)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tag(%q) = %v, want %v", tt.toks, got, tt.want)
		}
	}
}

func TestTrainDeterministicAndRoundTrip(t *testing.T) {
	save := func(m *Model) []byte {
		var b bytes.Buffer
		if err := m.Save(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	m1, m2 := trainTiny(t, nil), trainTiny(t, nil)
	b1, b2 := save(m1), save(m2)
	if !bytes.Equal(b1, b2) {
		t.Fatal("two trainings with the same seed gave different bytes")
	}
	m3, err := Load(bytes.NewReader(b1))
	if err != nil {
		t.Fatal(err)
	}
	if b3 := save(m3); !bytes.Equal(b1, b3) {
		t.Error("Save(Load(b)) != b")
	}
	for _, ex := range readTiny(t) {
		if a, b := m1.Tag(ex.Tokens), m3.Tag(ex.Tokens); !reflect.DeepEqual(a, b) {
			t.Errorf("tags differ after round trip: %v vs %v", a, b)
		}
	}
	if _, err := Load(bytes.NewReader(b1[:len(b1)/2])); err == nil {
		t.Error("truncated model loaded")
	}
	if _, err := Load(strings.NewReader("not a model")); err == nil {
		t.Error("garbage loaded")
	}
}

// fakeLexicon knows a few place names and records the names asked for.
type fakeLexicon struct {
	mu    sync.Mutex
	sizes map[string]int
	asked map[string]bool
}

func (f *fakeLexicon) PlaceSize(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked[name] = true
	return f.sizes[name]
}

func TestLexiconFeatures(t *testing.T) {
	lex := &fakeLexicon{
		sizes: map[string]int{"oslo": 5, "lisbon": 5, "vienna": 6, "prague": 5, "new york": 7, "rio de janeiro": 6},
		asked: map[string]bool{},
	}
	// The lexicon adds features to the tokens inside and next to a known
	// name, and only there.
	s := new(scratch)
	toks := strings.Fields("Flights from Rio de Janeiro to New York resumed")
	s.extract(toks, testTables, nil)
	base := append([]int32(nil), s.off...)
	s.extract(toks, testTables, lex)
	extra := make([]int, len(toks))
	for i := range toks {
		extra[i] = int(s.off[i+1]-s.off[i]) - int(base[i+1]-base[i])
	}
	// Rio: trigram starting here; de: trigram centred; Janeiro: trigram
	// ending here; New: bigram starting; York: bigram ending.
	if want := []int{0, 0, 1, 1, 1, 0, 1, 1, 0}; !reflect.DeepEqual(extra, want) {
		t.Errorf("lexicon features per token = %v, want %v", extra, want)
	}
	for _, name := range []string{"rio de janeiro", "new york", "flights"} {
		if !lex.asked[name] {
			t.Errorf("lexicon not asked for %q", name)
		}
	}

	m := trainTiny(t, lex)
	if !m.UsesLexicon() {
		t.Fatal("model trained with a lexicon does not use it")
	}
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !m2.UsesLexicon() {
		t.Fatal("lexicon flag lost in Save/Load")
	}
	m2 = m2.WithLexicon(lex)
	// The word class and phrase tables are jackknifed over five blocks of
	// eleven sentences, so the fit is not perfect.
	sc := m2.Evaluate(readTiny(t))
	if sc.Micro.F1() < 0.9 {
		t.Errorf("training set F1 with lexicon %.3f", sc.Micro.F1())
	}
	if sc0 := m.Evaluate(readTiny(t)); sc0.Micro != sc.Micro {
		t.Errorf("scores differ after Save/Load: %+v vs %+v", sc0.Micro, sc.Micro)
	}
	lex.mu.Lock()
	lex.asked = map[string]bool{}
	lex.mu.Unlock()
	got := m2.Tag(strings.Fields("Maria Lopez and Karl Stein flew to Oslo ."))
	if want := []Span{{0, 2, Person}, {3, 5, Person}, {7, 8, Location}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Tag = %v, want %v", got, want)
	}
	if !lex.asked["oslo"] || !lex.asked["karl stein"] {
		t.Errorf("Tag did not consult the attached lexicon: %v", lex.asked)
	}
	// Without the lexicon attached the model still tags (without those
	// features) and does not call it.
	lex.mu.Lock()
	lex.asked = map[string]bool{}
	lex.mu.Unlock()
	m.WithLexicon(nil).Tag(strings.Fields("Flights to Oslo ."))
	if len(lex.asked) != 0 {
		t.Errorf("lexicon consulted after WithLexicon(nil): %v", lex.asked)
	}
}

func TestTrainErrors(t *testing.T) {
	if _, err := Train(nil, TrainOptions{}); err == nil {
		t.Error("no error for empty training set")
	}
	if _, err := Train(readTiny(t), TrainOptions{HashBits: 40}); err == nil {
		t.Error("no error for HashBits 40")
	}
	if _, err := TrainFile("testdata/missing.jsonl", TrainOptions{}); !os.IsNotExist(err) {
		t.Errorf("TrainFile(missing) error = %v", err)
	}
}
