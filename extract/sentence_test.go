package extract

import (
	"strings"
	"testing"
)

func sentenceTexts(text string) ([]string, []SentenceKind) {
	toks := Tokenize(text)
	res := Result{Document: Document{Text: text}, Tokens: toks}
	res.Sentences = Sentences(text, toks)
	var out []string
	var kinds []SentenceKind
	for i, s := range res.Sentences {
		out = append(out, res.SentenceText(i))
		kinds = append(kinds, s.Kind)
	}
	return out, kinds
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"two sentences", "Rain fell in Lyon. Roads were closed.", []string{"Rain fell in Lyon.", "Roads were closed."}},
		{"month abbreviation before a day", "It began Sept. 14, 2022. Then it stopped.", []string{"It began Sept. 14, 2022.", "Then it stopped."}},
		{"title abbreviation", "Gen. Smith arrived. Dr. Jones left.", []string{"Gen. Smith arrived.", "Dr. Jones left."}},
		{"initials", "J. R. Smith spoke.", []string{"J. R. Smith spoke."}},
		{"closing quote stays", `"We are here." Officials agreed.`, []string{`"We are here."`, "Officials agreed."}},
		{"lower case after a period", "The U.S. team won. it was late.", []string{"The U.S. team won. it was late."}},
		{"line breaks end sentences", "Short headline\nA body sentence without end\nAnother.", []string{"Short headline", "A body sentence without end", "Another."}},
		{"question and exclamation", "Why now? Because! Done.", []string{"Why now?", "Because!", "Done."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := sentenceTexts(tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sentences:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSentenceKinds(t *testing.T) {
	text := strings.Join([]string{
		"Este sitio web fue traducido automáticamente. Para obtener más información, haz clic aquí.",
		"Officials said the bridge in Lyon would reopen on Monday after repairs that lasted six weeks.",
		"Firefighters in Lyon, France, Sunday, May 5, 2024. (AP Photo/Jean Dupont)",
		"FLOODS CLOSE ROADS ACROSS SOUTHERN FRANCE",
		"Lyon floods",
		"CLICK HERE TO GET THE NEWS APP",
		"Reuters contributed to this report.",
	}, "\n\n")
	_, kinds := sentenceTexts(text)
	want := []SentenceKind{KindBoilerplate, KindBoilerplate, KindBody, KindCaption, KindBoilerplate, KindHeadline, KindHeadline, KindBoilerplate, KindBoilerplate}
	if len(kinds) != len(want) {
		got, _ := sentenceTexts(text)
		t.Fatalf("got %d sentences %q, want %d", len(kinds), got, len(want))
	}
	for i := range want {
		if kinds[i] != want[i] {
			got, _ := sentenceTexts(text)
			t.Errorf("sentence %d %q: kind %s, want %s", i, got[i], kinds[i], want[i])
		}
	}
}
