package ner

import (
	"math"
	"math/rand"
	"testing"
	"unicode/utf8"
)

func TestShape(t *testing.T) {
	tests := []struct{ in, shape, short string }{
		{"Berlin", "Xxxxx", "Xx"},
		{"Jane", "Xxxx", "Xx"},
		{"NATO", "XXXX", "X"},
		{"BRUSSELS", "XXXX", "X"},
		{"96", "dd", "d"},
		{"1996-08-22", "dddd-dd-dd", "d-d-d"},
		{"U.S.", "X.X.", "X.X."},
		{"McDonald's", "XxXxxxx'x", "XxXx'x"},
		{"iPhone", "xXxxxx", "xXx"},
		{"Zürich", "Xxxxx", "Xx"},
		{"ÉCOLE", "XXXX", "X"},
		{",", ",", ","},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Shape(tt.in); got != tt.shape {
			t.Errorf("Shape(%q) = %q, want %q", tt.in, got, tt.shape)
		}
		if got := ShortShape(tt.in); got != tt.short {
			t.Errorf("ShortShape(%q) = %q, want %q", tt.in, got, tt.short)
		}
	}
}

func TestTokenFlags(t *testing.T) {
	tests := []struct {
		in   string
		want uint32
	}{
		{"Berlin", flagTitle | flagLetter},
		{"NATO", flagAllCaps | flagLetter},
		{"1996", flagDigit | flagAllDigit},
		{"U.S.", flagAllCaps | flagLetter | flagPeriod},
		{"Jean-Luc", flagTitle | flagLetter | flagHyphen | flagInnerCap},
		{"said", flagLetter},
		{"(", flagPunct},
	}
	for _, tt := range tests {
		if got := tokenFlags(tt.in); got != tt.want {
			t.Errorf("tokenFlags(%q) = %b, want %b", tt.in, got, tt.want)
		}
	}
}

func TestSentenceCasing(t *testing.T) {
	tests := []struct {
		name       string
		toks       []string
		caps, capd float64
		bucket     uint64
	}{
		{"prose", []string{"Jane", "Doe", "met", "officials", "in", "Berlin", "."}, 0, 3.0 / 6, 1},
		{"headline", []string{"SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN", "."}, 1, 1, 4},
		{"mixed", []string{"NATO", "says", "EU", "talks", "fail"}, 0.4, 0.4, 2},
		{"no letters", []string{"1996-08-22", ","}, 0, 0, 0},
		{"empty", nil, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			caps, capd := SentenceCasing(tt.toks)
			if math.Abs(caps-tt.caps) > 1e-9 || math.Abs(capd-tt.capd) > 1e-9 {
				t.Errorf("SentenceCasing = %v, %v; want %v, %v", caps, capd, tt.caps, tt.capd)
			}
			nAlpha := 0
			for _, w := range tt.toks {
				if tokenFlags(w)&flagLetter != 0 {
					nAlpha++
				}
			}
			if b := casingBucket(nAlpha, caps); b != tt.bucket {
				t.Errorf("casingBucket = %d, want %d", b, tt.bucket)
			}
		})
	}
}

// The headline casing must change the features of a word: "JAPAN" in an
// ALL-CAPS line and in running text get different casing features.
func TestCasingChangesFeatures(t *testing.T) {
	s := new(scratch)
	s.extract([]string{"SOCCER", "-", "JAPAN", "WIN"}, testTables, nil)
	head := append([]uint32(nil), s.feats[s.off[2]:s.off[3]]...)
	s.extract([]string{"Fans", "in", "JAPAN", "cheered"}, testTables, nil)
	body := s.feats[s.off[2]:s.off[3]]
	if len(head) != len(body) {
		t.Fatalf("feature counts differ: %d vs %d", len(head), len(body))
	}
	if head[tCase-1] == body[tCase-1] || head[tCaseShape-1] == body[tCaseShape-1] {
		t.Errorf("casing features equal in headline and body")
	}
	if head[tLower-1] != body[tLower-1] {
		t.Errorf("lower-case word feature differs")
	}
}

func TestExtractDoesNotAllocate(t *testing.T) {
	s := new(scratch)
	toks := []string{"Prime", "Minister", "Jane", "Doe", "met", "officials", "in", "Berlin", "."}
	s.extract(toks, testTables, nil)
	n := testing.AllocsPerRun(100, func() { s.extract(toks, testTables, nil) })
	if n != 0 {
		t.Errorf("extract allocates %v times per sentence", n)
	}
}

func TestEncodeDecode(t *testing.T) {
	spans := []Span{{0, 2, Person}, {3, 4, Location}, {5, 8, Organization}, {9, 10, Misc}}
	cls := encode(10, spans, nil)
	want := []int8{
		classOf(0, posB), classOf(0, posL), 0, classOf(1, posU), 0,
		classOf(2, posB), classOf(2, posI), classOf(2, posL), 0, classOf(3, posU),
	}
	for i := range want {
		if cls[i] != want[i] {
			t.Fatalf("encode = %v, want %v", cls, want)
		}
	}
	prev := int8(labelBOS)
	for i, c := range cls {
		if !allowed(prev, c, i == len(cls)-1) {
			t.Errorf("gold class %d at %d not allowed after %d", c, i, prev)
		}
		prev = c
	}
	got := decode(cls)
	if len(got) != len(spans) {
		t.Fatalf("decode = %v, want %v", got, spans)
	}
	for i := range spans {
		if got[i] != spans[i] {
			t.Errorf("decode[%d] = %v, want %v", i, got[i], spans[i])
		}
	}
	if allowed(classOf(0, posB), 0, false) || allowed(classOf(0, posB), classOf(1, posL), false) ||
		allowed(labelBOS, classOf(0, posI), false) || allowed(0, classOf(0, posB), true) {
		t.Error("allowed accepts an invalid transition")
	}
}

var testTables = &tables{bits: 20, vbits: vocabBits}

func TestAppendName(t *testing.T) {
	for _, toks := range [][]string{
		{"New", "York"}, {"RIO", "DE", "JANEIRO"}, {"Zürich"}, {"ÉCOLE", "Ärzte"}, {"bad\xffbyte"}, {"İstanbul"}, {"ΣΟΦΙΑ"},
	} {
		if got, want := string(appendName(nil, toks)), normalizeName(toks); got != want {
			t.Errorf("appendName(%q) = %q, want %q", toks, got, want)
		}
	}
}

// hashASCII, tokenInfo's fast path, gives the same hashes as the general
// hashToken on any ASCII token.
func TestHashASCII(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	toks := []string{"", "a", "Berlin", "NATO", "U.S.", "1996-08-22", "McDonald", "aaaaaaa", "AAAAAbbbbbb", "--", "x1y2z3", "\x00\x7f"}
	for i := 0; i < 5000; i++ {
		b := make([]byte, rng.Intn(12))
		for k := range b {
			b[k] = byte(rng.Intn(utf8.RuneSelf))
		}
		toks = append(toks, string(b))
	}
	var s scratch
	for _, tok := range toks {
		var got, want tokInfo
		got.hashASCII(tok)
		s.hashToken(&want, tok)
		if got != want {
			t.Fatalf("%q: hashASCII %+v, want %+v", tok, got, want)
		}
	}
}
