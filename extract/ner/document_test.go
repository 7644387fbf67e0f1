package ner

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestBuildNames(t *testing.T) {
	sents := []Example{
		{Tokens: strings.Fields("Anna Berg met Tom Hale in Oslo ."), Spans: []Span{{0, 2, Person}, {3, 5, Person}, {6, 7, Location}}},
		{Tokens: strings.Fields("Anna Kovacs and Berg spoke ."), Spans: []Span{{0, 2, Person}, {3, 4, Person}}},
		{Tokens: strings.Fields("Tom said Anna was right ."), Spans: []Span{{0, 1, Person}, {2, 3, Person}}},
	}
	names := buildNames(sents, 12, 1)
	at := func(w string) uint8 { return names[bucketOf(hashRunes(fnvOffset, []rune(w)), 12)] }
	// "anna" starts two names of two tokens in three occurrences: count
	// class bits.Len(2) = 2, share 2/3 → 3.
	if got := at("anna"); got != 2<<4|3 {
		t.Errorf("anna = %#x, want %#x", got, 2<<4|3)
	}
	// "tom" starts one in two occurrences (alone it is not a given name).
	if got := at("tom"); got != 1<<4|3 {
		t.Errorf("tom = %#x, want %#x", got, 1<<4|3)
	}
	for _, w := range []string{"berg", "hale", "oslo", "met", "kovacs"} {
		if got := at(w); got != 0 {
			t.Errorf("%s = %#x, want 0", w, got)
		}
	}
}

// The given-name table adds features to the name itself and to the words
// next to it.
func TestNameFeatures(t *testing.T) {
	tb := *testTables
	tb.names = make([]uint8, 1<<tb.vbits)
	tb.names[bucketOf(hashRunes(fnvOffset, []rune("anna")), tb.vbits)] = 2<<4 | 4
	toks := strings.Fields("Minister Anna Vale spoke")
	s := new(scratch)
	s.extract(toks, &tb, nil)
	with := append([]uint32(nil), s.feats...)
	withOff := append([]int32(nil), s.off...)
	tb.names = make([]uint8, 1<<tb.vbits)
	s.extract(toks, &tb, nil)
	for i := range toks {
		a := with[withOff[i]:withOff[i+1]]
		b := s.feats[s.off[i]:s.off[i+1]]
		changed := !reflect.DeepEqual(a, b)
		if want := i <= 2; changed != want {
			t.Errorf("token %q: features changed %v, want %v", toks[i], changed, want)
		}
	}
}

// docToksOf builds the document feature inputs of sentences.
func docToksOf(sents [][]string) *docToks {
	d := new(docToks)
	s := new(scratch)
	for _, toks := range sents {
		s.extract(toks, testTables, nil)
		d.appendSentence(s, s.cb)
	}
	return d
}

func TestDocFeatures(t *testing.T) {
	// An invented document: the first pass tagged "Varga" as part of a
	// PERSON name in the first sentence and missed it in the headline-like
	// second one.
	sents := [][]string{
		strings.Fields("Imre Varga won in Kelso ."),
		strings.Fields("VARGA TAKES TITLE"),
	}
	d := docToksOf(sents)
	cls := []int8{classOf(0, posB), classOf(0, posL), 0, 0, classOf(1, posU), 0, 0, 0, 0}
	var a aggTable
	feats, off, infos := docFeatures(nil, nil, d, cls, &a, nil, 20)
	if len(off) != len(cls)+1 {
		t.Fatalf("offsets %d, want %d", len(off), len(cls)+1)
	}
	// "VARGA" (token 6): its other occurrence is a PERSON (the L of a name).
	if got, want := infos[6], (docInfo{ok: true, maj: 1, agree: 2, mask: 1 << 1, pos: 1 << posL}); got != want {
		t.Errorf("VARGA: %+v, want %+v", got, want)
	}
	// And "Varga" sees the headline's O.
	if got, want := infos[1], (docInfo{ok: true, maj: 0, agree: 2, mask: 1}); got != want {
		t.Errorf("Varga: %+v, want %+v", got, want)
	}
	// Words that occur once, and punctuation, have no occurrence features.
	for _, i := range []int{0, 2, 3, 4, 5, 7, 8} {
		if infos[i].ok {
			t.Errorf("token %d: %+v", i, infos[i])
		}
	}
	if off[6] == off[7] {
		t.Error("VARGA has no document features")
	}
	if off[5] != off[6] {
		t.Error("punctuation has document features")
	}
	// The features follow the first pass: calling Varga a LOCATION gives
	// VARGA other features.
	cls2 := append([]int8(nil), cls...)
	cls2[0], cls2[1] = 0, classOf(1, posU)
	feats2, off2, _ := docFeatures(nil, nil, d, cls2, &a, nil, 20)
	if reflect.DeepEqual(feats[off[6]:off[7]], feats2[off2[6]:off2[7]]) {
		t.Error("VARGA's features do not depend on the first pass")
	}
}

// A model trained on documents tags a word consistently with its other
// occurrences: trained on documents where a headline in capitals repeats a
// name of the body, it finds the name in an invented headline with
// TagDocument, helped by the body, and not with Tag alone.
func TestTagDocumentConsistency(t *testing.T) {
	// In capitals, a name and an ordinary word look alike: only the body
	// tells them apart.
	var docs [][]Example
	others := []string{"rain", "wind", "youth", "speed", "craft", "luck", "skill", "grit", "class", "power", "nerve", "form"}
	for k, p := range []struct{ first, last string }{
		{"Karl", "Stein"}, {"Maria", "Lopez"}, {"Tom", "Baker"}, {"Ivan", "Petrov"},
		{"Lena", "Holm"}, {"Omar", "Said"}, {"Nina", "Rossi"}, {"Paul", "Weber"},
		{"Ana", "Costa"}, {"Jan", "Novak"}, {"Eva", "Berg"}, {"Leo", "Marsh"},
	} {
		o := others[k]
		docs = append(docs, []Example{
			{Tokens: []string{strings.ToUpper(p.last), "WINS", "AGAIN"}, Spans: []Span{{0, 1, Person}}},
			{Tokens: []string{p.first, p.last, "won", "the", "race", "."}, Spans: []Span{{0, 2, Person}}},
		}, []Example{
			{Tokens: []string{strings.ToUpper(o), "WINS", "AGAIN"}},
			{Tokens: []string{"Once", "more", o, "won", "the", "race", "."}},
		})
	}
	m, err := TrainDocs(docs, TrainOptions{Epochs: 10, Seed: 3, HashBits: 16})
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{
		strings.Fields("HALVORSEN WINS AGAIN"),
		strings.Fields("Sigrid Halvorsen won the race ."),
	}
	got := m.TagDocument(doc)
	want := [][]Span{{{0, 1, Person}}, {{0, 2, Person}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TagDocument = %v, want %v", got, want)
	}
	other := [][]string{
		strings.Fields("STAMINA WINS AGAIN"),
		strings.Fields("Once more stamina won the race ."),
	}
	if got := m.TagDocument(other); len(got[0]) != 0 || len(got[1]) != 0 {
		t.Errorf("TagDocument(%v) = %v, want no entity", other, got)
	}
	t.Logf("Tag alone: %v / %v", m.Tag(doc[0]), m.Tag(other[0]))
	// Without the document features TagDocument is Tag per sentence.
	m0, err := TrainDocs(docs, TrainOptions{Epochs: 10, Seed: 3, HashBits: 16, NoDocument: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range doc {
		if a, b := m0.TagDocument(doc)[i], m0.Tag(s); !reflect.DeepEqual(a, b) {
			t.Errorf("NoDocument: TagDocument %v, Tag %v", a, b)
		}
	}
	// Save and Load keep the second pass.
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := m2.TagDocument(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("after Save/Load TagDocument = %v, want %v", got, want)
	}
}

func TestTagDocumentEdges(t *testing.T) {
	m := trainTiny(t, nil)
	if got := m.TagDocument(nil); len(got) != 0 {
		t.Errorf("TagDocument(nil) = %v", got)
	}
	got := m.TagDocument([][]string{nil, strings.Fields("Maria Lopez visited Lisbon ."), {}})
	if len(got) != 3 || got[0] != nil || got[2] != nil || len(got[1]) == 0 {
		t.Errorf("TagDocument with empty sentences = %v", got)
	}
}

// Empty sentences change nothing in how the others are tagged: every
// development document, with an empty sentence before each of its
// sentences, gets the same spans. (The saved casing of each sentence, from
// which the second pass computes a skipped token's features, was indexed
// as though empty sentences were not there: the second pass then read the
// next sentence's, or past the end.)
func TestTagDocumentEmptySentences(t *testing.T) {
	m := loadDefault(t).WithLexicon(newBenchLexicon())
	for _, d := range devOrTinyDocs(t)[:min(len(devOrTinyDocs(t)), 80)] {
		var toks, padded [][]string
		for _, ex := range d {
			toks = append(toks, ex.Tokens)
			padded = append(padded, nil, ex.Tokens)
		}
		want := m.TagDocument(toks)
		got := m.TagDocument(padded)
		for k := range toks {
			if !reflect.DeepEqual(got[2*k+1], want[k]) || got[2*k] != nil {
				t.Fatalf("sentence %q after an empty one: %v, want %v", toks[k], got[2*k+1], want[k])
			}
		}
	}
}
