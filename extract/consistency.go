package extract

import (
	"strings"

	"github.com/geoparse/geoparse/extract/ner"
)

// The tagger reads one sentence at a time and has never seen most of the
// world's small towns. The rules here use what it cannot see: the rest of
// the document and the gazetteer. They only relabel or split spans the
// tagger found; they never invent a name out of lower-case text.

// splitAtIn splits a LOCATION span at a lower-case "in": "City Hall in
// Izium" is two places, the second locating the first.
func splitAtIn(toks []Token, spans []ner.Span) []ner.Span {
	var out []ner.Span
	for _, sp := range spans {
		cut := -1
		if sp.Label == string(Location) {
			for i := sp.Start + 1; i < sp.End-1; i++ {
				if toks[i].Text == "in" {
					cut = i
					break
				}
			}
		}
		if cut < 0 {
			out = append(out, sp)
			continue
		}
		out = append(out, ner.Span{Start: sp.Start, End: cut, Label: sp.Label}, ner.Span{Start: cut + 1, End: sp.End, Label: sp.Label})
	}
	return out
}

// splitKeywordPairs splits multi-word names on short headline lines, such
// as a photo's keyword line "Zelenskyy Kharkiv", when every word is a name
// the article body knows on its own: the tagger reads such a line as one
// person's full name.
func (rc *recognizer) splitKeywordPairs(res *Result, ents []Entity) []Entity {
	known := map[string]Label{}
	for _, e := range ents {
		if res.Sentences[e.Sentence].Kind == KindHeadline {
			continue
		}
		if e.Label == Person {
			words := strings.Fields(e.Text)
			known[words[len(words)-1]] = Person
		}
		if e.Label == Location {
			known[e.Text] = Location
		}
	}
	var out []Entity
	for _, e := range ents {
		if res.Sentences[e.Sentence].Kind != KindHeadline || e.TokenEnd-e.TokenStart < 2 || isAllCapsLine(res.Tokens[e.TokenStart:e.TokenEnd]) {
			out = append(out, e)
			continue
		}
		parts := make([]Entity, 0, e.TokenEnd-e.TokenStart)
		labels := map[Label]bool{}
		for i := e.TokenStart; i < e.TokenEnd; i++ {
			t := res.Tokens[i]
			label, ok := known[t.Text]
			if !ok {
				break
			}
			labels[label] = true
			parts = append(parts, Entity{Text: t.Text, Label: label, Start: t.Start, End: t.End, Sentence: e.Sentence, TokenStart: i, TokenEnd: i + 1})
		}
		if len(parts) == e.TokenEnd-e.TokenStart && len(labels) > 1 {
			out = append(out, parts...)
		} else {
			out = append(out, e)
		}
	}
	return out
}

// harmonize makes the labels of a document agree with each other:
//
//   - a name the document labels one way most of the time takes that
//     label everywhere ("Izium" is a place in ten sentences, so also in
//     "cities as Balakliia, Izium are…");
//   - names listed after a plural place noun are places ("the towns of
//     Hrakove and Zaliznyche");
//   - a name listed with a place, and itself a gazetteer place, is a place.
//
// Mentions with a personal title stay people.
func (rc *recognizer) harmonize(res *Result, ents []Entity) {
	type votes map[Label]int
	tally := map[string]votes{}
	for _, e := range ents {
		if res.Sentences[e.Sentence].Kind == KindHeadline {
			continue // keyword and headline lines are read least reliably
		}
		v := tally[e.Text]
		if v == nil {
			v = votes{}
			tally[e.Text] = v
		}
		v[e.Label]++
	}
	for i := range ents {
		e := &ents[i]
		if e.Title != "" {
			continue
		}
		best, bestN, rest := Label(""), 0, 0
		for l, n := range tally[e.Text] {
			rest += n
			if n > bestN || n == bestN && l < best {
				best, bestN = l, n
			}
		}
		rest -= bestN
		if bestN >= 2 && bestN > rest && e.Label != best {
			e.Label = best
		}
	}
	// The first member of the list each entity stands in, found in one
	// pass rather than by walking back from every member of a long list.
	first := make([]int, len(ents))
	for i := range ents {
		first[i] = i
		if i > 0 && listed(res, ents[i-1], ents[i]) {
			first[i] = first[i-1]
		}
	}
	for i := range ents {
		e := &ents[i]
		if e.Title != "" || e.Label == Location {
			continue
		}
		switch {
		case afterPlaceNoun(res, ents[first[i]]):
			e.Label = Location
		case e.Label == Organization && e.TokenEnd-e.TokenStart == 1 && afterLocative(res, *e) && rc.notablePlace(e.Text, false):
			// The training news calls sports clubs by their city's name
			// ("Lyon beat Monaco"); after "in" or "visited" it is the city.
			e.Label = Location
		}
	}
	// Coordination: repeat so that a place spreads along a list.
	for changed := true; changed; {
		changed = false
		for i := range ents {
			e := &ents[i]
			if e.Label == Location || e.Title != "" || e.TokenEnd-e.TokenStart > 2 {
				continue
			}
			if (i > 0 && ents[i-1].Label == Location && listed(res, ents[i-1], *e)) ||
				(i+1 < len(ents) && ents[i+1].Label == Location && listed(res, *e, ents[i+1])) {
				if rc.notablePlace(e.Text, false) || rc.knownPlace(e.Text) {
					e.Label = Location
					changed = true
				}
			}
		}
	}
}

// knownPlace reports whether the gazetteer has a populated place or
// administrative area of that name.
func (rc *recognizer) knownPlace(name string) bool {
	for _, e := range rc.gaz.Lookup(name) {
		if e.FeatureClass == "P" || e.FeatureClass == "A" {
			return true
		}
	}
	return false
}

// listed reports whether entity b follows a in the same sentence with only
// list punctuation or a conjunction between them.
func listed(res *Result, a, b Entity) bool {
	if a.Sentence != b.Sentence || b.TokenStart <= a.TokenEnd {
		return false
	}
	if b.TokenStart-a.TokenEnd > 2 {
		return false
	}
	for _, t := range res.Tokens[a.TokenEnd:b.TokenStart] {
		switch strings.ToLower(t.Text) {
		case ",", "and", "or", "&":
		default:
			return false
		}
	}
	return true
}

// placeNouns name kinds of places; a list of names after one of them
// ("the towns of", "cities such as") is a list of places.
var placeNouns = map[string]bool{
	"city": true, "cities": true, "town": true, "towns": true, "village": true,
	"villages": true, "settlement": true, "settlements": true, "region": true,
	"regions": true, "province": true, "provinces": true, "country": true,
	"countries": true, "district": true, "districts": true, "suburb": true,
	"suburbs": true, "port": true, "ports": true, "state": true, "states": true,
	"county": true, "counties": true, "island": true, "islands": true,
	"hamlet": true, "hamlets": true, "municipality": true, "municipalities": true,
	"oblast": true, "oblasts": true, "capital": true, "capitals": true,
}

// afterPlaceNoun reports whether a list whose first member is first
// follows a place noun and "of", "as", "such as", "including" or "like".
func afterPlaceNoun(res *Result, first Entity) bool {
	k := first.TokenStart - 1
	s := res.Sentences[first.Sentence]
	if k < s.TokenStart {
		return false
	}
	switch strings.ToLower(res.Tokens[k].Text) {
	case "of", "as", "including", "like":
	default:
		return false
	}
	k--
	if k >= s.TokenStart && strings.ToLower(res.Tokens[k].Text) == "such" {
		k--
	}
	return k >= s.TokenStart && placeNouns[strings.ToLower(res.Tokens[k].Text)]
}

// locatives are words after which a place name is a place, not the club
// or government named after it.
var locatives = map[string]bool{
	"in": true, "at": true, "to": true, "from": true, "near": true, "into": true,
	"outside": true, "across": true, "toward": true, "towards": true, "around": true,
	"visited": true, "visit": true, "visiting": true, "visits": true, "reached": true,
	"entered": true, "left": true, "fled": true, "via": true, "through": true,
	"inside": true, "throughout": true,
}

// afterLocative reports whether the word before e is a locative.
func afterLocative(res *Result, e Entity) bool {
	k := e.TokenStart - 1
	return k >= res.Sentences[e.Sentence].TokenStart && locatives[strings.ToLower(res.Tokens[k].Text)]
}
