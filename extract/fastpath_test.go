package extract

import (
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
	if got, want := nameExtends(a, b), nameExtendsRef(a, b); got != want {
		t.Errorf("nameExtends(%q, %q) = %v, want %v", a, b, got, want)
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

// alignRef is the aligner's step as it was before its fast paths: every
// code point decoded and compared.
func alignRef(a *aligner, tok string) (Token, bool) {
	space, newline := !a.seen, false
	for a.pos < len(a.text) {
		r, size := utf8.DecodeRuneInString(a.text[a.pos:])
		if !unicode.IsSpace(r) {
			break
		}
		space = true
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
			newline = true
		}
		a.pos += size
		a.runes++
	}
	a.seen = true
	start, startRunes := a.pos, a.runes
	p, n := a.pos, a.runes
	ok := true
	for _, t := range tok {
		if p >= len(a.text) {
			ok = false
			break
		}
		if t == '\'' && strings.HasPrefix(a.text[p:], "&rsquo;") {
			p += len("&rsquo;")
			n += len("&rsquo;")
			continue
		}
		r, size := utf8.DecodeRuneInString(a.text[p:])
		if !equivalent(r, t) {
			ok = false
			break
		}
		p += size
		n++
	}
	if !ok {
		i := strings.Index(a.text[a.pos:], tok)
		if i < 0 {
			return Token{}, false
		}
		a.runes += utf8.RuneCountInString(a.text[a.pos : a.pos+i])
		a.pos += i
		start, startRunes = a.pos, a.runes
		p = a.pos + len(tok)
		n = a.runes + utf8.RuneCountInString(tok)
	}
	a.pos, a.runes = p, n
	return Token{Text: a.text[start:p], Start: startRunes, End: n, ByteStart: start, ByteEnd: p, SpaceBefore: space, NewlineBefore: newline}, true
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
