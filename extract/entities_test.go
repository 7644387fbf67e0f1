package extract

import "testing"

func TestLinkPeople(t *testing.T) {
	ents := []Entity{
		{Text: "Volodymyr Zelenskyy", Label: Person},
		{Text: "Zelenskyy", Label: Person},
		{Text: "Anna Smith", Label: Person},
		{Text: "John Smith", Label: Person},
		{Text: "Smith", Label: Person},
		{Text: "Kyiv", Label: Location},
	}
	linkPeople(ents)
	want := []string{"Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "Anna Smith", "John Smith", "Smith", ""}
	for i, e := range ents {
		if e.Canonical != want[i] {
			t.Errorf("%q: canonical %q, want %q", e.Text, e.Canonical, want[i])
		}
	}
}

func TestTitleAndCalendarWords(t *testing.T) {
	for _, w := range []string{"President", "Gen.", "Prosecutor", "Mayor"} {
		if !isTitleWord(w) {
			t.Errorf("%q should be a title", w)
		}
	}
	for _, w := range []string{"president", "Volodymyr", "Kyiv"} {
		if isTitleWord(w) {
			t.Errorf("%q should not be a title", w)
		}
	}
	for _, w := range []string{"Sept", "Sept.", "March", "Wednesday"} {
		if !isCalendarWord(w) {
			t.Errorf("%q should be a calendar word", w)
		}
	}
}
