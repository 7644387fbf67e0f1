package extract

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/geoparse/geoparse/extract/ner"
	"github.com/geoparse/geoparse/gazetteer"
	"github.com/geoparse/geoparse/internal/wordset"
)

// recognizer finds PERSON, LOCATION, ORGANIZATION and MISC mentions: the
// sequence tagger proposes spans sentence by sentence, then rules that the
// tagger cannot see fix them: titles are split off names, "Kharkiv region"
// becomes one place, possessives are dropped, and ALL-CAPS headlines are
// checked against the gazetteer because casing tells nothing there.
type recognizer struct {
	model *ner.Model
	gaz   *gazetteer.Index
}

func (rc *recognizer) entities(res *Result) []Entity {
	// The tagger reads the whole document at once: how a word was labelled
	// in one sentence informs the others ("Kostin" after "Andriy Kostin").
	var tagged []int
	var doc [][]string
	for si, s := range res.Sentences {
		if s.Kind == KindBoilerplate {
			continue
		}
		words := make([]string, s.TokenEnd-s.TokenStart)
		for i, t := range res.Tokens[s.TokenStart:s.TokenEnd] {
			words[i] = t.Text
		}
		tagged, doc = append(tagged, si), append(doc, words)
	}
	var out []Entity
	for k, spans := range rc.model.TagDocument(doc) {
		si := tagged[k]
		s := res.Sentences[si]
		toks := res.Tokens[s.TokenStart:s.TokenEnd]
		if isAllCapsLine(toks) {
			spans = rc.capsPlaces(toks, spans)
		}
		for _, sp := range splitAtIn(toks, spans) {
			e, ok := rc.refine(res, toks, sp)
			if !ok {
				continue
			}
			e.Sentence = si
			e.TokenStart += s.TokenStart
			e.TokenEnd += s.TokenStart
			out = append(out, e)
		}
	}
	// The caps-line rule appends after the tagger's spans.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	out = rc.splitKeywordPairs(res, out)
	rc.harmonize(res, out)
	linkPeople(out)
	return out
}

// refine turns a tagger span over toks into an Entity.
func (rc *recognizer) refine(res *Result, toks []Token, sp ner.Span) (Entity, bool) {
	a, b := sp.Start, sp.End
	label := Label(sp.Label)
	// Possessive "'s" is not part of the name.
	for b > a && isPossessive(toks[b-1].Text) {
		b--
	}
	// Leading and trailing punctuation never belongs to a name.
	for a < b && !isWordToken(toks[a].Text) {
		a++
	}
	for b > a && !isWordToken(toks[b-1].Text) && toks[b-1].Text != "." {
		b--
	}
	var title []string
	if label == Person {
		// Titles inside the span: "President Volodymyr Zelenskyy".
		for a < b-1 && isTitleWord(toks[a].Text) {
			title = append(title, toks[a].Text)
			a++
		}
		// Titles just before it: "Prosecutor General [Andriy Kostin]".
		if len(title) == 0 {
			for i := sp.Start - 1; i >= 0 && isTitleWord(toks[i].Text) && len(title) < 3; i-- {
				title = append([]string{toks[i].Text}, title...)
			}
		}
	}
	if a >= b {
		return Entity{}, false
	}
	// "Kharkiv region", "Donetsk Oblast": the generic word after a place
	// name makes the region itself the place.
	if b < len(toks) && isRegionWord(toks[b].Text) && label != Person {
		label = Location
		b++
	}
	// A month or weekday alone is a date, not a name ("Sept", "March").
	if b-a == 1 && isCalendarWord(toks[a].Text) {
		return Entity{}, false
	}
	text := res.Document.Text[toks[a].ByteStart:toks[b-1].ByteEnd]
	return Entity{
		Text:       text,
		Label:      label,
		Start:      toks[a].Start,
		End:        toks[b-1].End,
		Title:      strings.Join(title, " "),
		TokenStart: a,
		TokenEnd:   b,
	}, true
}

// capsPlaces adds LOCATION spans for words of an ALL-CAPS line that name a
// country, region or sizeable town and are not ordinary English words. In
// such lines the tagger has no casing to go on.
func (rc *recognizer) capsPlaces(toks []Token, spans []ner.Span) []ner.Span {
	taken := make([]bool, len(toks))
	for _, sp := range spans {
		for i := sp.Start; i < sp.End; i++ {
			taken[i] = true
		}
	}
	for i, t := range toks {
		if taken[i] || len(t.Text) < 4 || !isWordToken(t.Text) || rc.model.IsCommonWord(strings.ToLower(t.Text)) {
			continue
		}
		if rc.notablePlace(t.Text, true) {
			spans = append(spans, ner.Span{Start: i, End: i + 1, Label: string(Location)})
		}
	}
	return spans
}

// notablePlace reports whether name is a country, a first-level region or
// a town of at least notableTownPopulation people. With primaryName, the
// place must go by that name, not merely list it among its alternate
// names: an ALL-CAPS "WAVE" is not Wavre.
func (rc *recognizer) notablePlace(name string, primaryName bool) bool {
	var norm string
	if primaryName {
		norm = gazetteer.Normalize(name)
	}
	for _, e := range rc.gaz.Lookup(name) {
		if primaryName && gazetteer.Normalize(e.Name) != norm {
			continue
		}
		switch {
		case e.IsCountry(), e.IsAdmin1():
			return true
		case e.Population >= notableTownPopulation:
			return true
		}
	}
	return false
}

const notableTownPopulation = 20000

// isAllCapsLine reports whether at least 80% of the letters of toks (and
// at least 8 of them) are capitals: a headline set in capitals.
func isAllCapsLine(toks []Token) bool {
	letters, upper := 0, 0
	for _, t := range toks {
		for i := 0; i < len(t.Text); i++ {
			c := t.Text[i]
			if c >= utf8.RuneSelf {
				letters, upper = countCaps(t.Text[i:], letters, upper)
				break
			}
			if isASCIILetter(c) {
				letters++
				if c <= 'Z' {
					upper++
				}
			}
		}
	}
	return letters >= 8 && upper*10 >= letters*8
}

// countCaps adds the letters and upper-case letters of s to letters and
// upper.
func countCaps(s string, letters, upper int) (int, int) {
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters, upper
}

func isPossessive(s string) bool {
	switch strings.ToLower(s) {
	case "'s", "\u2019s", "'", "\u2019":
		return true
	}
	return false
}

// titleWords precede personal names in news text. They are kept apart
// from the name so that "President Zelenskyy" and "Zelenskyy" link.
var titleWords = wordset.Of(map[string]bool{
	"president": true, "vice": true, "prime": true, "minister": true, "secretary": true,
	"general": true, "gen": true, "gen.": true, "prosecutor": true, "chancellor": true,
	"king": true, "queen": true, "prince": true, "princess": true, "pope": true,
	"governor": true, "gov.": true, "mayor": true, "senator": true, "sen.": true,
	"rep.": true, "representative": true, "judge": true, "justice": true,
	"dr.": true, "mr.": true, "mrs.": true, "ms.": true, "prof.": true, "professor": true,
	"sir": true, "lord": true, "lady": true, "lt.": true, "col.": true, "colonel": true,
	"sgt.": true, "sergeant": true, "capt.": true, "captain": true, "commander": true,
	"admiral": true, "major": true, "lieutenant": true, "marshal": true, "ambassador": true,
	"envoy": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"chairman": true, "chairwoman": true, "chair": true, "director": true, "chief": true,
	"ceo": true, "coach": true, "bishop": true, "archbishop": true, "cardinal": true,
	"rabbi": true, "imam": true, "sheikh": true, "emir": true, "sultan": true,
	"speaker": true, "attorney": true, "defense": true, "foreign": true, "interior": true,
	"deputy": true, "acting": true, "former": true, "state": true, "first": true,
	"mr": true, "mrs": true, "ms": true, "dr": true,
})

func isTitleWord(s string) bool {
	r := []rune(s)
	if len(r) == 0 || !unicode.IsUpper(r[0]) {
		return false // titles before names are capitalized
	}
	var buf [32]byte
	return titleWords.Has(appendLower(buf[:0], s))
}

// regionWords are generic words that follow a place name to name the
// administrative area around it.
var regionWords = wordset.Of(map[string]bool{
	"region": true, "oblast": true, "province": true, "governorate": true,
	"prefecture": true, "county": true, "district": true, "state": true,
	"krai": true, "kray": true, "raion": true, "voivodeship": true, "canton": true,
	"department": true, "territory": true, "emirate": true, "municipality": true,
})

func isRegionWord(s string) bool {
	var buf [32]byte
	return regionWords.Has(appendLower(buf[:0], s))
}

var calendarWords = wordset.Of(map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
})

func isCalendarWord(s string) bool {
	var buf [32]byte
	return calendarWords.Has(bytes.TrimSuffix(appendLower(buf[:0], s), []byte(".")))
}

// linkPeople sets Canonical on every PERSON mention to the longest name in
// the document that ends with, or equals, the mention's words: a bare
// "Zelenskyy" links to "Volodymyr Zelenskyy". A surname shared by two
// different full names stays unlinked rather than guessed.
func linkPeople(ents []Entity) {
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
			case !nameExtends(f, e.Text), f == best, nameExtends(best, f):
				// not a longer form, or already covered by best
			case nameExtends(f, best):
				best = f
			default:
				unique = false // "Anna Smith" and "John Smith" for "Smith"
			}
		}
		if !unique {
			best = e.Text
		}
		e.Canonical = best
	}
}

// nameExtends reports whether long is short with words added in front:
// "Volodymyr Zelenskyy" extends "Zelenskyy".
func nameExtends(long, short string) bool {
	// The words of both, as strings.Fields splits them, compared from the
	// end, without splitting (this runs for every pair of names).
	matched := 0
	for {
		sw, rest := lastField(short)
		if sw == "" {
			break
		}
		lw, lrest := lastField(long)
		if lw == "" || !strings.EqualFold(lw, sw) {
			return false
		}
		short, long = rest, lrest
		matched++
	}
	lw, _ := lastField(long)
	return matched > 0 && lw != ""
}

// lastField returns the last of strings.Fields(s) and what comes before
// it ("" and "" when there is none).
func lastField(s string) (field, before string) {
	end := len(s)
	for end > 0 {
		r, size := rune(s[end-1]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeLastRuneInString(s[:end])
		}
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	start := end
	for start > 0 {
		r, size := rune(s[start-1]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeLastRuneInString(s[:start])
		}
		if unicode.IsSpace(r) {
			break
		}
		start -= size
	}
	return s[start:end], s[:start]
}
