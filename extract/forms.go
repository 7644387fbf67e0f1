package extract

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/geoparse/geoparse/gazetteer"
)

// A place is not always named as such. Besides LOCATION entities (form
// "name" or "abbreviation"), news refers to places by the adjective of
// their people ("Russian troops": form "demonym") and inside the names of
// other things ("the Dallas Police Department": form "in_name"). Corpora
// and users differ on whether these count, so they are found, resolved
// and reported with their form, and never make events.

// spellingForm tells an abbreviation ("Calif.", "W.Va.", "U.S.", "UK")
// from a name by its spelling: one word with a full stop, or two or three
// capitals.
func spellingForm(text string) string {
	if strings.ContainsAny(text, " \u00a0") {
		return FormName
	}
	if strings.Contains(text, ".") {
		return FormAbbreviation
	}
	letters, upper := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 2 && letters <= 3 && upper == letters {
		return FormAbbreviation
	}
	return FormName
}

// minNestedPopulation is the smallest town found inside a longer name:
// below it, a word inside an organisation's name is more often a surname
// or a common word than the town ("Allen", "Wells").
const minNestedPopulation = 50000

// formMention is a place mention found outside the LOCATION entities: a
// demonym, a place inside a longer name, or a place part of a compound
// word ("Washington-based").
type formMention struct {
	Entity        // span, sentence and tokens
	form   string // FormDemonym, FormInName, or FormName for a compound's part
	within string
	cc     string // a demonym's country
}

// formMentions finds the demonyms and the places inside longer names of
// res, outside LOCATION and PERSON entities. Inside a longer name, the
// longest run of capitalized words that is a country, a first- or
// second-level division or a town of minNestedPopulation is taken.
func (rc *recognizer) formMentions(res *Result) []formMention {
	var out []formMention
	covered := taggedTokens(res, res.Entities, func(e Entity) bool { return e.Label == Location || e.Label == Person })
	holder := make([]int, len(res.Tokens)) // entity index + 1 holding the token
	for ei, e := range res.Entities {
		if e.Label == Organization || e.Label == Misc {
			for i := e.TokenStart; i < e.TokenEnd && i < len(holder); i++ {
				holder[i] = ei + 1
			}
		}
	}
	for si, s := range res.Sentences {
		if s.Kind == KindBoilerplate {
			continue
		}
		caps := isAllCapsLine(res.Tokens[s.TokenStart:s.TokenEnd])
		for i := s.TokenStart; i < s.TokenEnd; i++ {
			t := res.Tokens[i]
			if covered[i] || caps {
				continue
			}
			if strings.ContainsAny(t.Text, "-/") {
				out = append(out, rc.compoundParts(res, si, i)...)
				continue
			}
			if !startsUpper(t.Text) {
				continue
			}
			h := holder[i]
			within := "" // the longer name holding the word
			if h > 0 && res.Entities[h-1].TokenEnd-res.Entities[h-1].TokenStart > 1 {
				within = res.Entities[h-1].Text
			}
			if cc, ok := rc.demonym(t.Text); ok {
				// Inside a longer name ("British Airways", "the
				// American Board of Radiology") a demonym is part of
				// the name, not a reference to the country.
				if within == "" {
					out = append(out, formMention{Entity: tokenEntity(res, si, i, i+1), form: FormDemonym, cc: cc})
				}
				continue
			}
			if within == "" {
				continue
			}
			// A place opens the name ("Dallas Police Department") or
			// follows "of" ("University of Pittsburgh"); in the middle
			// of one it is mostly a person's or a thing's name ("Real
			// Madrid", "Governor Nikki Haley", "Ford Crown Victoria").
			e := res.Entities[h-1]
			if i > e.TokenStart && !nameLinks[res.Tokens[i-1].Text] {
				continue
			}
			if n := rc.nestedPlace(res, i, e.TokenEnd); n > 0 && n < e.TokenEnd-e.TokenStart {
				out = append(out, formMention{Entity: tokenEntity(res, si, i, i+n), form: FormInName, within: within})
				i += n - 1
			}
		}
	}
	return out
}

// compoundParts finds the places and demonyms among the parts of a
// hyphenated or slashed word (token i of sentence si): "Washington-based",
// "U.S.-led", "Turkish-Russian", "mid-Ohio", "Russia/CIA". A place part
// is a place named as such (a modifier: never an event).
func (rc *recognizer) compoundParts(res *Result, si, i int) []formMention {
	t := res.Tokens[i]
	if rc.notablePlace(t.Text, false) {
		return nil // "Guinea-Bissau", "Winston-Salem": the whole is the name
	}
	var out []formMention
	for start := 0; start < len(t.Text); {
		end := strings.IndexAny(t.Text[start:], "-/")
		if end < 0 {
			end = len(t.Text)
		} else {
			end += start
		}
		part := t.Text[start:end]
		partStart := start
		start = end + 1
		if !startsUpper(part) || utf8.RuneCountInString(part) < 2 {
			continue
		}
		m := formMention{Entity: Entity{
			Text: part, Label: Location, Sentence: si, TokenStart: i, TokenEnd: i + 1,
			Start: t.Start + utf8.RuneCountInString(t.Text[:partStart]),
		}, within: t.Text}
		m.End = m.Start + utf8.RuneCountInString(part)
		if cc, ok := rc.demonym(part); ok {
			m.form, m.cc = FormDemonym, cc
		} else if _, ok := rc.abbreviationPlace(part, false); ok || rc.divisionName(part) || rc.townName(part, minNestedPopulation) {
			m.form = FormName
		} else {
			continue
		}
		out = append(out, m)
	}
	return out
}

// demonym reports the country whose people word is (singular or
// plural), for words of four letters or more.
func (rc *recognizer) demonym(word string) (string, bool) {
	if len(word) < 4 || !isWordToken(word) {
		return "", false
	}
	return rc.gaz.DemonymCountry(word)
}

// nestedPlace returns the length in tokens of the longest run of
// capitalized words from token a (before end) that names a place notable
// enough to be read inside a longer name, or 0.
func (rc *recognizer) nestedPlace(res *Result, a, end int) int {
	n := 0
	for n < end-a && n < 4 && isNameWord(res.Tokens[a+n].Text) {
		n++
	}
	for ; n > 0; n-- {
		text := res.Document.Text[res.Tokens[a].ByteStart:res.Tokens[a+n-1].ByteEnd]
		if n == 1 {
			if _, ok := rc.abbreviationPlace(text, false); ok {
				return 1 // "U.S. Army", "NSW Police"
			}
			if len(text) < 4 || strings.HasSuffix(text, ".") || compassWords[text] || rc.model.IsCommonWord(strings.ToLower(text)) {
				continue
			}
		}
		key := gazetteer.Normalize(text)
		for _, e := range rc.gaz.Lookup(text) {
			if e.IsCountry() || e.IsAdmin1() || e.FeatureCode == "ADM2" ||
				e.Population >= minNestedPopulation && gazetteer.Normalize(e.Name) == key {
				return n
			}
		}
	}
	return 0
}

// nameLinks join the words of a name before a place inside it:
// "University of Iowa", "Bank of Canada".
var nameLinks = map[string]bool{"of": true, "for": true, "in": true, "de": true}

// isNameWord reports whether s is a capitalized word (not a lone capital
// or a possessive).
func isNameWord(s string) bool {
	return startsUpper(s) && isWordToken(s) && !isPossessive(s) && len(s) > 1
}

// tokenEntity is the span of tokens [a, b) of sentence si.
func tokenEntity(res *Result, si, a, b int) Entity {
	return Entity{
		Text:  res.Document.Text[res.Tokens[a].ByteStart:res.Tokens[b-1].ByteEnd],
		Label: Location, Start: res.Tokens[a].Start, End: res.Tokens[b-1].End,
		Sentence: si, TokenStart: a, TokenEnd: b,
	}
}

// demonymPlace is the place a demonym refers to: its country.
func demonymPlace(gaz *gazetteer.Index, m formMention) Place {
	p := Place{Text: m.Text, Start: m.Start, End: m.End, Sentence: m.Sentence, Form: FormDemonym, Within: m.within, Role: RoleMention}
	if e, ok := gaz.Country(m.cc); ok {
		p.setEntry(e)
		p.Score = demonymScore
	}
	return p
}

// demonymScore is the confidence of a demonym's country: the word is
// unambiguous but for the few demonyms several countries share.
const demonymScore = 0.9

// mergeFormPlaces adds the places of forms that never make events to
// res.Places, in text order, after the events were assembled from the
// others, and renumbers the events' place indexes.
func mergeFormPlaces(res *Result, extra []Place) {
	if len(extra) == 0 {
		return
	}
	all := make([]Place, 0, len(res.Places)+len(extra))
	renumber := make([]int, len(res.Places))
	i, j := 0, 0
	for i < len(res.Places) || j < len(extra) {
		if j == len(extra) || i < len(res.Places) && res.Places[i].Start <= extra[j].Start {
			renumber[i] = len(all)
			all = append(all, res.Places[i])
			i++
			continue
		}
		all = append(all, extra[j])
		j++
	}
	for k := range res.Events {
		ev := &res.Events[k]
		ev.PlaceIndex = renumber[ev.PlaceIndex]
		if ev.PointIndex >= 0 {
			ev.PointIndex = renumber[ev.PointIndex]
		}
		for m, p := range ev.Places {
			ev.Places[m] = renumber[p]
		}
	}
	res.Places = all
}

// roundScore rounds a resolver score to four places, as output shows it.
func roundScore(s float64) float64 { return math.Round(s*1e4) / 1e4 }

// sortPlaces orders places by offset.
func sortPlaces(ps []Place) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Start < ps[j].Start })
}
