package extract

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The hand-written scanners of the hot paths against the library calls
// they stand for: the same answers on ASCII, other scripts, odd spaces and
// case pairs whose lengths differ.
var fastPathStrings = []string{
	"", " ", "a", "A", "Kyiv", "KYIV", "kyiv", "Zelenskyy", "İstanbul", "ǅemal", "ΣΟΦΙΑ", "Σοφία",
	"Straße", "STRASSE", "Ǆ", "ÀB", "5", "U.S.", "'s", "\u2019s", "—", "Sept.", "New\u00a0York",
	"New  York", " New York ", "new york", "NEW YORK", "Le Monde", "LE", "Éire", "K", "KHARKIV REGION",
	"\u2028x", "x\u3000y", "Volodymyr Zelenskyy", "President Volodymyr Zelenskyy",
}

func isAllCapsLineRef(toks []Token) bool {
	letters, upper := 0, 0
	for _, t := range toks {
		for _, r := range t.Text {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	return letters >= 8 && upper*10 >= letters*8
}

func nameExtendsRef(long, short string) bool {
	lw, sw := strings.Fields(long), strings.Fields(short)
	if len(sw) == 0 || len(lw) <= len(sw) {
		return false
	}
	tail := lw[len(lw)-len(sw):]
	for i := range sw {
		if !strings.EqualFold(tail[i], sw[i]) {
			return false
		}
	}
	return true
}

// linkPeopleRef is linkPeople as it was first written: pairwise over the
// document's names, so quadratic, and plainly right.
func linkPeopleRef(ents []Entity) {
	var full []string
	for _, e := range ents {
		if e.Label == Person {
			full = append(full, e.Text)
		}
	}
	for i := range ents {
		e := &ents[i]
		if e.Label != Person {
			continue
		}
		best, unique := e.Text, true
		for _, f := range full {
			switch {
			case !nameExtendsRef(f, e.Text), f == best, nameExtendsRef(best, f):
				// not a longer form, or already covered by best
			case nameExtendsRef(f, best):
				best = f
			default:
				unique = false
			}
		}
		if !unique {
			best = e.Text
		}
		e.Canonical = best
	}
}

// TestLinkPeopleMatchesPairwise compares linkPeople with the pairwise
// reference on documents whose names share words in every case and
// spacing the fast-path strings hold.
func TestLinkPeopleMatchesPairwise(t *testing.T) {
	words := []string{"Smith", "SMITH", "smith", "Anna", "John", "ANNA", "Zelenskyy", "Volodymyr", "President",
		"Σοφία", "ΣΟΦΙΑ", "Straße", "STRASSE", "ǅemal", "Ǆemal", "\u212a", "k", "K", "ſ", "s"}
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		var ents []Entity
		for range 1 + r.IntN(8) {
			n := 1 + r.IntN(4)
			name := make([]string, n)
			for i := range name {
				name[i] = words[r.IntN(len(words))]
			}
			sep := " "
			if r.IntN(5) == 0 {
				sep = "  "
			}
			label := Person
			if r.IntN(6) == 0 {
				label = Location
			}
			ents = append(ents, Entity{Text: strings.Join(name, sep), Label: label})
		}
		got, want := slices.Clone(ents), slices.Clone(ents)
		linkPeople(got)
		linkPeopleRef(want)
		for i := range got {
			if got[i].Canonical != want[i].Canonical {
				t.Fatalf("trial %d: %q links to %q, want %q (names %v)", trial, got[i].Text, got[i].Canonical, want[i].Canonical, ents)
			}
		}
	}
}

func isWordTokenRef(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func checkFastPaths(t *testing.T, a, b string) {
	t.Helper()
	if got, want := string(appendLower([]byte("x"), a)), "x"+strings.ToLower(a); got != want {
		t.Errorf("appendLower(%q) = %q, want %q", a, got, want)
	}
	if got, want := isWordToken(a), isWordTokenRef(a); got != want {
		t.Errorf("isWordToken(%q) = %v, want %v", a, got, want)
	}
	toks := []Token{{Text: a}, {Text: b}, {Text: a + b}}
	if got, want := isAllCapsLine(toks), isAllCapsLineRef(toks); got != want {
		t.Errorf("isAllCapsLine(%q, %q) = %v, want %v", a, b, got, want)
	}
}

func TestFastPathsMatchLibrary(t *testing.T) {
	for _, a := range fastPathStrings {
		for _, b := range fastPathStrings {
			checkFastPaths(t, a, b)
			checkFastPaths(t, a+" "+b, b)
			checkFastPaths(t, "The "+a, a)
		}
	}
}

func FuzzFastPaths(f *testing.F) {
	f.Add("President Volodymyr Zelenskyy", "Zelenskyy")
	f.Add("KHARKIV REGION", "İstanbul")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return // extraction refuses invalid UTF-8 before these run
		}
		checkFastPaths(t, a, b)
	})
}

// alignRef is the aligner's step without its fast path: every code
// point decoded and compared.
func alignRef(a *aligner, tok string) (Token, bool) {
	space, newline := a.skipSpaces()
	return a.matchRunes(tok, a.pos, a.runes, space, newline)
}

// spaceAt is unicode.IsSpace at every code point.
func TestSpaceAt(t *testing.T) {
	for r := rune(0); r <= 0x3000; r++ {
		s := string(r) + "x"
		if got, size := spaceAt(s, 0); got != unicode.IsSpace(r) || size != utf8.RuneLen(r) && utf8.ValidRune(r) {
			t.Errorf("spaceAt(%U) = %v, %d; want %v, %d", r, got, size, unicode.IsSpace(r), utf8.RuneLen(r))
		}
	}
}

func checkTokenize(t *testing.T, text string) {
	t.Helper()
	got := Tokenize(text)
	var want []Token
	a := aligner{text: text}
	for _, s := range tokenStrings(text) {
		if tok, ok := alignRef(&a, s); ok {
			want = append(want, tok)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("Tokenize(%q): %d tokens, want %d", text, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("Tokenize(%q) token %d = %+v, want %+v", text, i, got[i], want[i])
		}
	}
}

func TestTokenizeAlignsAsBefore(t *testing.T) {
	for _, a := range fastPathStrings {
		for _, b := range fastPathStrings {
			checkTokenize(t, a+" "+b+".\n\u2028"+b+"\u00a0\u2019"+a+"\u201d, (\u2018"+b+"&rsquo;s)")
		}
	}
}

func FuzzTokenizeAlign(f *testing.F) {
	f.Add("President Volodymyr Zelenskyy \u201cvisited\u201d Izium, Ukraine\u2019s east.\n\nHe said: \u2018It&rsquo;s\u2019 ok.")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.Contains(text, chunkSeparator) {
			return
		}
		checkTokenize(t, text)
	})
}
