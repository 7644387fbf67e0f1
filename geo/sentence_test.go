package geo

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/geoparse/geoparse/extract"
)

// A record's sentence is the whole sentence when it is short, and a
// window of whole words around the place, marked with "…", when it is
// longer than MaxSentence code points.
func TestSentenceAround(t *testing.T) {
	list := strings.Repeat("Kyiv, Lviv, Odesa, ", 200) + "and Ïzium, " + strings.Repeat("Paris,  Lyon, ", 300) + "were named."
	word := "Villages near " + strings.Repeat("x", 2*MaxSentence) + " burned."
	tests := []struct {
		name, text, place string
		prefix, suffix    bool // cut at the start, at the end
	}{
		{"short", "Shelling hit   Izium\ton Monday.", "Izium", false, false},
		{"middle of a list", list, "Ïzium", true, true},
		{"start of a list", list, "Kyiv", false, true},
		{"end of a list", list, "were", true, false},
		{"a word longer than the window", word, strings.Repeat("x", 2*MaxSentence), false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := extract.Result{Document: extract.Document{Text: tc.text}}
			res.Tokens = extract.Tokenize(tc.text)
			res.Sentences = extract.Sentences(tc.text, res.Tokens)
			b := strings.Index(tc.text, tc.place)
			if tc.name == "end of a list" {
				b = strings.LastIndex(tc.text, tc.place)
			}
			start := utf8.RuneCountInString(tc.text[:b])
			end := start + utf8.RuneCountInString(tc.place)
			got := sentenceAround(&res, 0, start, end)
			if n := utf8.RuneCountInString(strings.Trim(got, "…")); n > MaxSentence {
				t.Errorf("%d code points, want at most %d", n, MaxSentence)
			}
			if !strings.Contains(got, firstRunes(tc.place, MaxSentence)) {
				t.Errorf("%q does not hold the place %q", got, tc.place)
			}
			if strings.HasPrefix(got, "…") != tc.prefix || strings.HasSuffix(got, "…") != tc.suffix {
				t.Errorf("%q: cut at start %v, at end %v; want %v, %v", got, strings.HasPrefix(got, "…"), strings.HasSuffix(got, "…"), tc.prefix, tc.suffix)
			}
			if strings.Contains(got, "  ") || strings.Contains(got, "\n") {
				t.Errorf("%q: whitespace not collapsed", got)
			}
			if tc.name == "short" && got != "Shelling hit Izium on Monday." {
				t.Errorf("got %q, want the whole sentence", got)
			}
			// Whole words: the text between the marks is in the sentence,
			// and starts and ends at a token.
			inner := strings.Trim(got, "…")
			if tc.name != "a word longer than the window" && !strings.Contains(strings.Join(strings.Fields(tc.text), " "), inner) {
				t.Errorf("%q is not a run of the sentence's words", inner)
			}
		})
	}
}
