package extract

import (
	"sort"

	"github.com/geoparse/geoparse/extract/timex"
)

// findDates finds the temporal expressions of the document, normalized
// against its publication date, and places each in its sentence.
// Expressions in boilerplate (a translation banner's "Para …") are
// dropped.
func findDates(res *Result) []Date {
	found := timex.Find(res.Document.Text, res.Published)
	out := make([]Date, 0, len(found))
	for _, x := range found {
		si := sentenceAt(res.Sentences, x.Start)
		if si < 0 || res.Sentences[si].Kind == KindBoilerplate {
			continue
		}
		out = append(out, Date{Text: x.Text, Start: x.Start, End: x.End, Type: x.Type, Value: x.Value, Sentence: si})
	}
	return out
}

// sentenceAt returns the index of the sentence holding code point offset
// pos, or -1.
func sentenceAt(sents []Sentence, pos int) int {
	i := sort.Search(len(sents), func(i int) bool { return sents[i].End > pos })
	if i < len(sents) && sents[i].Start <= pos {
		return i
	}
	return -1
}
