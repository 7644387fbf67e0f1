package extract

import (
	"testing"
	"unicode/utf8"
)

func TestTokenizeOffsets(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "Rain hit Lyon.", []string{"Rain", "hit", "Lyon", "."}},
		{"curly quotes and possessive", "“We won,” Kyiv’s mayor said.", []string{"“", "We", "won", ",", "”", "Kyiv", "’s", "mayor", "said", "."}},
		{"non-ASCII letters", "Zürich and Kraków", []string{"Zürich", "and", "Kraków"}},
		{"html apostrophe", "Kyiv&rsquo;s", []string{"Kyiv", "&rsquo;s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.text)
			var got []string
			for _, tok := range toks {
				got = append(got, tok.Text)
				// Every token's offsets point at its own text.
				runes := []rune(tt.text)
				if string(runes[tok.Start:tok.End]) != tok.Text || tt.text[tok.ByteStart:tok.ByteEnd] != tok.Text {
					t.Errorf("token %q: offsets [%d,%d) bytes [%d,%d) do not point at it", tok.Text, tok.Start, tok.End, tok.ByteStart, tok.ByteEnd)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("tokens = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("token %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestTokenizeNewlines(t *testing.T) {
	toks := Tokenize("Headline here\n\nBody starts. Next one")
	var nl []string
	for _, tok := range toks {
		if tok.NewlineBefore {
			nl = append(nl, tok.Text)
		}
	}
	if len(nl) != 1 || nl[0] != "Body" {
		t.Errorf("tokens after a line break = %q, want [Body]", nl)
	}
	if !utf8.ValidString(toks[0].Text) {
		t.Fatal("invalid token")
	}
}
