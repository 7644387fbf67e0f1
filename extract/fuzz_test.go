package extract

import (
	"context"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var (
	fuzzExOnce sync.Once
	fuzzEx     *Extractor
	fuzzExErr  error
)

// FuzzExtract runs the whole pipeline on arbitrary bytes: no panic, and
// every entity, place and date span lies inside the text and spells what
// the text holds there.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Greek Prime Minister Kyriakos Mitsotakis on Thursday visited the port city of Patras.",
		"KYIV, Ukraine (AP) — Ukrainian President Volodymyr Zelenskyy visited Izium on Wednesday, Sept. 14, 2022.",
		"Paris, Texas, and Paris, Tenn., late last week. (AP Photo/John Doe)\n\nOn March 3 2021 in Kharkiv region.",
		"\x00\x00 Kyiv \x00",
		"\xff\xfe invalid",
		"é\u0301 Zürich\u200b Genève 'Kyiv' «Odesa» — “Lviv”",
		strings.Repeat("a", 200),
		strings.Repeat("\n", 100),
		"Mr. Dr. Gen. St. Sept. U.S.A. e.g. i.e.",
		"",
	} {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("On Wednesday he traveled to Kharkiv."), "2022-09-14")
	f.Fuzz(func(t *testing.T, data []byte, published string) {
		fuzzExOnce.Do(func() { fuzzEx, fuzzExErr = New() })
		if fuzzExErr != nil {
			t.Fatal(fuzzExErr)
		}
		text := string(data)
		res, err := fuzzEx.Extract(context.Background(), Document{ID: "fuzz", Text: text, Published: published})
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("invalid UTF-8 accepted")
		}
		runes := []rune(text)
		check := func(kind string, i int, s string, start, end int) {
			t.Helper()
			if start < 0 || end < start || end > len(runes) {
				t.Fatalf("%s %d %q: span [%d,%d) outside text of %d runes", kind, i, s, start, end, len(runes))
			}
			if got := string(runes[start:end]); got != s {
				t.Fatalf("%s %d: Text %q, text[%d:%d) = %q", kind, i, s, start, end, got)
			}
		}
		for i, tk := range res.Tokens {
			check("token", i, tk.Text, tk.Start, tk.End)
		}
		for i, e := range res.Entities {
			check("entity", i, e.Text, e.Start, e.End)
		}
		for i, p := range res.Places {
			check("place", i, p.Text, p.Start, p.End)
		}
		for i, d := range res.Dates {
			check("date", i, d.Text, d.Start, d.End)
		}
		for i, s := range res.Sentences {
			if s.Start < 0 || s.End < s.Start || s.End > len(runes) || s.TokenStart < 0 || s.TokenEnd < s.TokenStart || s.TokenEnd > len(res.Tokens) {
				t.Fatalf("sentence %d: bad span %+v (runes %d, tokens %d)", i, s, len(runes), len(res.Tokens))
			}
		}
	})
}
