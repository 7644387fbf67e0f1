package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
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

// tokenizerCases are chunks at the edges of what tokenStrings splits
// itself: abbreviations, emoticons, prefixes, contractions, marks.
var tokenizerCases = []string{
	"Mr. Smith, Sen. Jones and Dr.Who met the U.S. team at 8 a.m. on Jan. 5.",
	"He said: “No.” (Really?) [sic] $100, 8-) 8-D 8D xD XDD :-) O.o o_0 (-_-) well-known -x x- a--b",
	"don't won't they'll I'm we're Kyiv's Kyiv’s Kyiv&rsquo;s dogs' rock'n'roll",
	"A. B. C.D. e.g. etc. i.e., No.1 Ltd.) Co.: Inc.; Mrs.! Sgt.?",
	"Zürich, Kraków. Київ; 東京! İzmir: ŞEHİR, émigré)",
	"end.\"  ),; \"quoted\" 'single' [x]. \t\n\n new\u00a0line\u2028sep",
	"\xff\xfe bad \xc3 utf8, word\x00nul.",
	"",
	"   ",
	"a",
}

// tokenStrings gives exactly prose's tokens.
func TestTokenStringsMatchProse(t *testing.T) {
	texts := append([]string(nil), tokenizerCases...)
	for _, d := range benchArticles(t) {
		texts = append(texts, d.Text)
	}
	for _, c := range []string{"tr-news/tr-news.jsonl", "geovirus/geovirus.jsonl", "conll2003/dev.jsonl", "timebank/timebank.jsonl", "timebank/aquaint.jsonl"} {
		texts = append(texts, corpusTexts(t, "../../shared/corpora/"+c)...)
	}
	for _, text := range texts {
		got, want := tokenStrings(text), proseTokens(text)
		if !slices.Equal(got, want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Fatalf("token %d: %q, prose %q (text %.80q)", i, got[i], want[i], text)
				}
			}
			t.Fatalf("%d tokens, prose %d (text %.80q)", len(got), len(want), text)
		}
	}
}

// corpusTexts reads the "text" fields of a JSONL corpus, if it is there.
func corpusTexts(t testing.TB, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var d struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, d.Text)
	}
	return out
}

func FuzzTokenStrings(f *testing.F) {
	for _, c := range tokenizerCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := tokenStrings(text)
		var want []string
		if utf8.ValidString(text) {
			want = proseTokens(text)
		} else {
			// prose may panic on the whole: a chunk that is not valid
			// UTF-8 is one token, the others are prose's tokens of
			// each chunk on its own.
			for _, chunk := range strings.FieldsFunc(text, unicode.IsSpace) {
				if utf8.ValidString(chunk) {
					want = append(want, proseTokens(chunk)...)
				} else {
					want = append(want, chunk)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("tokenStrings(%q) = %q, prose %q", text, got, want)
		}
	})
}
