package ner

import (
	"math"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The packed relative rows score every class, relative to the outside
// class, exactly as the stored rows do. (A loaded model has only the packed
// rows, so this checks a freshly trained one.)
func TestRelativeRows(t *testing.T) {
	m := trainTiny(t, nil)
	rng := rand.New(rand.NewSource(1))
	for _, wt := range []*weights{&m.w, &m.dw} {
		exact := weights{index: wt.index, rows: wt.rows}
		for trial := 0; trial < 2000; trial++ {
			bs := make([]uint32, rng.Intn(80))
			for i := range bs {
				bs[i] = uint32(rng.Intn(len(wt.index)))
			}
			var got, want [nClasses]int32
			wt.sum(&got, bs)
			exact.sum(&want, bs)
			for c := 1; c < nClasses; c++ {
				// Clipping (a handful of weights in the model) may only
				// shift a score by the clipped excess.
				if d := got[c] - got[0] - (want[c] - want[0]); d != 0 && !clipped(wt, bs, c) {
					t.Fatalf("trial %d class %d: relative score %d, want %d", trial, c, got[c]-got[0], want[c]-want[0])
				}
			}
		}
	}
	// Rows with a weight difference out of the int16 range are clipped.
	wt := weights{index: []int32{1, 0}, rows: [][nClasses]int16{{-30000, 30000, -100, 5}}}
	wt.relativize()
	var sc [nClasses]int32
	wt.sum(&sc, []uint32{0, 1, 0})
	want := [nClasses]int32{0, 2 * math.MaxInt16, 2 * 29900, 2 * 30005}
	for c := 4; c < nClasses; c++ {
		want[c] = 2 * 30000
	}
	if sc != want {
		t.Errorf("sum = %v, want %v", sc, want)
	}
}

func clipped(wt *weights, bs []uint32, c int) bool {
	for _, b := range bs {
		if r := wt.index[b]; r != 0 {
			d := int32(wt.rows[r-1][c]) - int32(wt.rows[r-1][0])
			if d > math.MaxInt16 || d < math.MinInt16 {
				return true
			}
		}
	}
	return false
}

func TestBestClassMargin(t *testing.T) {
	var sc [nClasses]int32
	sc[0], sc[classOf(0, posU)], sc[classOf(0, posB)] = 10, 40, 100
	// First of the sentence and last: B is not allowed, so U wins over O.
	if c, mg := bestClassMargin(&sc, labelBOS, true); c != classOf(0, posU) || mg != 30 {
		t.Errorf("last: %d by %d, want %d by 30", c, mg, classOf(0, posU))
	}
	if c, mg := bestClassMargin(&sc, labelBOS, false); c != classOf(0, posB) || mg != 60 {
		t.Errorf("first: %d by %d, want %d by 60", c, mg, classOf(0, posB))
	}
	// After B only I and L of the same type may follow.
	sc = [nClasses]int32{}
	sc[classOf(0, posL)] = 5
	if c, mg := bestClassMargin(&sc, classOf(0, posB), true); c != classOf(0, posL) || mg != math.MaxInt32 {
		t.Errorf("after B, last: %d by %d, want %d alone", c, mg, classOf(0, posL))
	}
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 1000; i++ {
		for c := range sc {
			sc[c] = int32(rng.Intn(20))
		}
		for _, prev := range []int8{labelBOS, 0, classOf(1, posB), classOf(2, posI), classOf(3, posU)} {
			for _, last := range []bool{false, true} {
				if c, _ := bestClassMargin(&sc, prev, last); c != bestClass(&sc, prev, last) {
					t.Fatalf("bestClassMargin %d, bestClass %d for %v", c, bestClass(&sc, prev, last), sc)
				}
			}
		}
	}
}

// sentenceBlocks is a blockSource over features already computed.
type sentenceBlocks struct {
	feats []uint32
	off   []int32
}

func (b sentenceBlocks) get(i int) []uint32 { return b.feats[b.off[i]:b.off[i+1]] }
func (sentenceBlocks) skip()                {}

// devOrTinyDocs are the CoNLL development documents, or the tiny fixture
// where ../shared is absent.
func devOrTinyDocs(t *testing.T) [][]Example {
	t.Helper()
	docs, err := ReadCoNLLDocsFile(conllDir + "dev.jsonl")
	if err != nil {
		if docs, err = ReadCoNLLDocsFile("testdata/tiny.jsonl"); err != nil {
			t.Fatal(err)
		}
	}
	return docs
}

// The second pass's shortcut (keeping confident first-pass classes) tags
// the development set, or the tiny fixture without it, as rescoring every
// token does, but for a few sentences.
func TestSecondPassShortcut(t *testing.T) {
	m := loadDefault(t).WithLexicon(newBenchLexicon())
	docs := devOrTinyDocs(t)
	sents, diff := 0, 0
	for _, d := range docs {
		var toks [][]string
		for _, ex := range d {
			toks = append(toks, ex.Tokens)
		}
		got, want := m.TagDocument(toks), m.tagDocument(toks, math.MaxInt32)
		for i := range got {
			sents++
			if !reflect.DeepEqual(got[i], want[i]) {
				diff++
			}
		}
	}
	t.Logf("%d of %d sentences differ", diff, sents)
	if diff*200 > sents {
		t.Errorf("%d of %d sentences differ from the full second pass", diff, sents)
	}
}

// Skipping the first-pass scoring of plain words (decodeMargin) tags the
// development set (or the tiny fixture) exactly as scoring them does, and
// the model, scoring them, labels each outside an entity by at least the
// margin the second pass trusts.
func TestPlainWordsSkipChangesNothing(t *testing.T) {
	m := loadDefault(t).WithLexicon(newBenchLexicon())
	all := *m
	all.scoreAll = true
	docs := devOrTinyDocs(t)
	tokens, plain := 0, 0
	s := new(scratch)
	for _, d := range docs {
		var toks [][]string
		for _, ex := range d {
			toks = append(toks, ex.Tokens)
		}
		if got, want := m.TagDocument(toks), all.TagDocument(toks); !reflect.DeepEqual(got, want) {
			t.Fatalf("document of %q: %v skipping plain words, %v scoring them", toks[0], got, want)
		}
		for _, sent := range toks {
			if len(sent) == 0 {
				continue
			}
			s.extract(sent, &m.tables, m.lex)
			cls, marg := m.w.decodeMargin(nil, nil, sentenceBlocks{s.feats, s.off}, make([]bool, len(sent)), s.lowers, s.shorts, m.bits)
			for i := range sent {
				tokens++
				if s.plain[i] && (i == 0 || cls[i-1] == 0) {
					plain++
					if cls[i] != 0 || marg[i] < secondPassMargin {
						t.Errorf("plain word %q in %q: class %d by margin %d", sent[i], sent, cls[i], marg[i])
					}
				}
			}
		}
	}
	t.Logf("%d tokens, %d plain after a token outside (%.1f%%)", tokens, plain, 100*float64(plain)/float64(tokens))
}

// A token the first pass skips has its static features computed only if
// the second pass scores it, from its sentence's saved state: they are
// the features extract computes for it.
func TestLazyStaticFeatures(t *testing.T) {
	m := loadDefault(t).WithLexicon(newBenchLexicon())
	docs := devOrTinyDocs(t)
	ds := new(docScratch)
	s := new(scratch)
	lazy := 0
	for _, d := range docs[:min(len(docs), 60)] {
		var toks [][]string
		for _, ex := range d {
			toks = append(toks, ex.Tokens)
		}
		m.tagDocumentWith(ds, toks, secondPassMargin)
		for k, sent := range toks {
			if len(sent) == 0 {
				continue
			}
			s.extract(sent, &m.tables, m.lex)
			st := docStatic{ds, &m.tables, k, true}
			for i := range sent {
				if ds.lazy(int(ds.sent[k]) + i) {
					lazy++
				}
				if got, want := st.get(i), s.feats[s.off[i]:s.off[i+1]]; !slices.Equal(got, want) {
					t.Fatalf("sentence %q token %d: static features %v, want %v", sent, i, got, want)
				}
			}
		}
	}
	if lazy == 0 {
		t.Fatal("no token was left lazy")
	}
}

// scratch.memory skips n-grams that hold a word never inside an entity in
// the training text. That is safe because the word classes and the phrase
// memory are learnt from the same sentences, so every word of a
// remembered phrase has a class that says it was inside one: each phrase
// of the training text is still found, and a phrase whose words were all
// seen outside entities is not.
func TestMemoryFindsEveryTrainingPhrase(t *testing.T) {
	sents := []Example{
		{Tokens: strings.Fields("Officials in New York said the storm hit Long Island on Monday ."),
			Spans: []Span{{2, 4, "LOCATION"}, {8, 10, "LOCATION"}}},
		{Tokens: strings.Fields("The Red Cross sent aid to the town of Izium , officials said ."),
			Spans: []Span{{1, 3, "ORGANIZATION"}, {9, 10, "LOCATION"}}},
		{Tokens: strings.Fields("Maria de la Cruz met the mayor of the town in the morning ."),
			Spans: []Span{{0, 4, "PERSON"}}},
	}
	const vbits, mbits = 12, 12
	tb := tables{vbits: vbits, mbits: mbits, vocab: buildVocab(sents, vbits, 1), mem: buildMemory(sents, mbits)}
	s := new(scratch)
	for _, ex := range sents {
		s.tokenInfo(ex.Tokens, tb.vocab, tb.vbits)
		s.memory(&tb)
		for _, sp := range ex.Spans {
			if got := s.mem[maxPhrase*sp.Start+sp.End-sp.Start-1]; got&(1<<typeIndex(sp.Label)) == 0 {
				t.Errorf("%q as %s: memory entry %04b lacks its type", ex.Tokens[sp.Start:sp.End], sp.Label, got)
			}
		}
	}
	// Words seen only outside entities, in pairs, probed in a memory of
	// four slots where nearly every probe would meet some phrase's
	// fingerprint by chance: none is found.
	small := tables{vbits: vbits, mbits: 2, vocab: tb.vocab, mem: buildMemory(sents, 2)}
	outside := strings.Fields("officials in said the storm hit on Monday . sent aid to town of , met mayor morning")
	for _, a := range outside {
		for _, b := range outside {
			s.tokenInfo([]string{a, b}, small.vocab, small.vbits)
			s.memory(&small)
			for i, v := range s.mem {
				if v != 0 {
					t.Fatalf("%q %q: memory entry %d is %04b, want none", a, b, i, v)
				}
			}
		}
	}
}
