package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/geoparse/geoparse/gazetteer"
	"github.com/geoparse/geoparse/internal/wordset"
)

// The span rules below fix place mentions the tagger gets wrong in ways
// its training news does not teach it: datelines set in capitals, "X
// County" read as an organisation or a person, a place's name used as a
// modifier ("the NSW government", "the Cairns police"), and the postal
// abbreviations after a town ("Athens, Ga."). Each consults the gazetteer,
// so only names it knows become places.

// placeSpans applies the span rules to the entities of res, in text
// order, and returns them in text order.
func (rc *recognizer) placeSpans(res *Result, ents []Entity) []Entity {
	ents = rc.photoCredits(res, ents)
	ents = rc.datelines(res, ents)
	ents = rc.countyNames(res, ents)
	rc.wholeNamePlaces(res, ents)
	rc.notPlaces(res, ents)
	rc.completePersons(res, ents)
	return rc.abbreviationsAfterPlaces(res, ents)
}

// completePersons extends a PERSON span of one word by the untagged name
// word the tagger left beside it: a surname after a first name ("Mayor
// [Albertina] Mucavele") or a first name before a surname ("Oleksandr
// [Koval], who …"). The word must look like a name part and be neither a
// common word nor a notable place.
func (rc *recognizer) completePersons(res *Result, ents []Entity) {
	tagged := taggedTokens(res, ents, nil)
	for i := range ents {
		e := &ents[i]
		if e.Label != Person || e.TokenEnd-e.TokenStart != 1 || strings.Contains(e.Text, "/") {
			continue
		}
		s := res.Sentences[e.Sentence]
		switch {
		case e.TokenEnd < s.TokenEnd && !tagged[e.TokenEnd] && firstNameLike(e.Text) && rc.surnameLike(res.Tokens[e.TokenEnd].Text):
			*e = personSpan(res, *e, e.TokenStart, e.TokenEnd+1)
		case e.TokenStart > s.TokenStart && !tagged[e.TokenStart-1] && firstNameLike(res.Tokens[e.TokenStart-1].Text) &&
			!rc.model.IsCommonWord(strings.ToLower(res.Tokens[e.TokenStart-1].Text)) && !rc.notablePlace(res.Tokens[e.TokenStart-1].Text, false):
			*e = personSpan(res, *e, e.TokenStart-1, e.TokenEnd)
		}
	}
}

// personSpan is PERSON e widened to tokens [a, b), its title kept.
func personSpan(res *Result, e Entity, a, b int) Entity {
	w := tokenEntity(res, e.Sentence, a, b)
	w.Label, w.Title, w.Canonical = Person, e.Title, e.Canonical
	return w
}

// photoCredits makes a PERSON of the photographer's name in a credit,
// "(Photo: Ragnar Egilsson/Reuters)" or "(Karim Tazi/AP)": two or three
// capitalized words after "Photo:", "Photograph:" or "(", the last joined
// to the agency by a slash, which is not part of the name.
func (rc *recognizer) photoCredits(res *Result, ents []Entity) []Entity {
	for i, t := range res.Tokens {
		k := strings.IndexByte(t.Text, '/')
		if k <= 0 || !isNameWord(t.Text[:k]) {
			continue
		}
		a := i
		for a > 0 && i-a < 2 && isNameWord(res.Tokens[a-1].Text) {
			a--
		}
		if a == i || a == 0 || res.Tokens[a-1].Text != ":" && res.Tokens[a-1].Text != "(" {
			continue
		}
		e := tokenEntity(res, sentenceOfToken(res, i), a, i+1)
		e.Label = Person
		e.Text = e.Text[:len(e.Text)-len(t.Text)+k]
		e.End = e.Start + utf8.RuneCountInString(e.Text)
		ents = rc.setSpan(res, ents, e)
	}
	return ents
}

// countyWords end the name of a second-level division, which is a place
// whatever the tagger thought of the words before: "Black Hawk County".
var countyWords = map[string]bool{"County": true, "Parish": true, "Borough": true, "Township": true, "COUNTY": true, "PARISH": true}

// maxDatelineWords bounds an ALL-CAPS dateline place ("SALT LAKE CITY").
const maxDatelineWords = 4

// datelines makes the ALL-CAPS words that open the text or a line a
// LOCATION when the gazetteer has a place of that name and a dateline's
// punctuation follows them (a comma, a dash, an opening parenthesis) or
// a capitalized word does ("WASHINGTON Barack Obama pardoned…"). A
// division after the comma ("RUSSELLVILLE, Ark. (AP)") is taken by
// abbreviationsAfterPlaces.
func (rc *recognizer) datelines(res *Result, ents []Entity) []Entity {
	for i, t := range res.Tokens {
		if i > 0 && !t.NewlineBefore {
			continue
		}
		n := 0
		for n < maxDatelineWords && i+n < len(res.Tokens) && isAllCapsWord(res.Tokens[i+n].Text) && isWordToken(res.Tokens[i+n].Text) &&
			(n == 0 || !res.Tokens[i+n].NewlineBefore) {
			n++
		}
		if n == 0 || i+n >= len(res.Tokens) {
			continue
		}
		next := res.Tokens[i+n].Text
		if next != "," && next != "(" && !isDash(next) && !(startsUpper(next) && !isAllCapsWord(next)) {
			continue
		}
		// The longest run of the words that is a place: "LAUREL COUNTY",
		// but "WASHINGTON" of "WASHINGTON AP". A small town must be
		// followed by its state or country ("HOLLIDAY, Mo."); a line
		// such as "CRICKET - …" opens with a word, not a dateline.
		qualified := next == "," && i+n+1 < len(res.Tokens) && rc.qualifierAfterDateline(res.Tokens[i+n+1].Text)
		for ; n > 0; n-- {
			text := res.Document.Text[t.ByteStart:res.Tokens[i+n-1].ByteEnd]
			if n == 1 && len(text) < 4 {
				continue
			}
			if rc.notablePlace(text, true) || qualified && rc.knownPlace(text) {
				break
			}
		}
		if n > 0 {
			ents = rc.setSpan(res, ents, tokenEntity(res, sentenceOfToken(res, i), i, i+n))
		}
	}
	return ents
}

// qualifierAfterDateline reports whether word, after a dateline's comma,
// names a country or division: "Ark.", "KY", "Ukraine".
func (rc *recognizer) qualifierAfterDateline(word string) bool {
	if _, ok := rc.abbreviationPlace(word, true); ok {
		return true
	}
	return rc.divisionName(word)
}

// countyNames makes an entity ending in a county word a LOCATION ("Black
// Hawk County" tagged ORGANIZATION, "Enfield Borough" PERSON), and
// capitalized words before a county word that the tagger left untagged a
// LOCATION too.
func (rc *recognizer) countyNames(res *Result, ents []Entity) []Entity {
	tagged := taggedTokens(res, ents, nil)
	for i := range ents {
		e := &ents[i]
		if e.Label != Location && e.TokenEnd-e.TokenStart >= 2 && e.TokenEnd-e.TokenStart <= 4 && countyWords[res.Tokens[e.TokenEnd-1].Text] {
			e.Label, e.Title = Location, ""
		}
	}
	for i, t := range res.Tokens {
		if !countyWords[t.Text] || tagged[i] {
			continue
		}
		a := i
		for a > 0 && i-a < 3 && !tagged[a-1] && isNameWord(res.Tokens[a-1].Text) && !res.Tokens[a].NewlineBefore {
			a--
		}
		if a < i {
			ents = rc.setSpan(res, ents, tokenEntity(res, sentenceOfToken(res, a), a, i+1))
		}
	}
	return ents
}

// minWholeNamePopulation is the smallest town whose name, tagged as an
// organisation or a miscellaneous name, is read as the town: "the Cairns
// police force", "the Innisfail skater".
const minWholeNamePopulation = 5000

// wholeNamePlaces relabels a short ORGANIZATION or MISC entity a
// LOCATION when its whole text is a country, a division, an abbreviation
// of one ("NSW", "B.C."), or a town: news uses a place's name as a
// modifier ("the NSW government") and for its authorities, which
// toponym corpora count as the place. A sports club is named like its
// city, so a town's name is read so only outside sports reports.
func (rc *recognizer) wholeNamePlaces(res *Result, ents []Entity) {
	sports := 0 // 0 not yet known, 1 no, 2 yes: a sports report
	caps := newCapsLines(res)
	for i := range ents {
		e := &ents[i]
		if e.Label != Organization && e.Label != Misc || e.Title != "" || e.TokenEnd-e.TokenStart > 3 {
			continue
		}
		if caps.line(e.Sentence) {
			continue
		}
		if _, ok := rc.demonym(e.Text); ok || orgAbbreviations[e.Text] {
			continue
		}
		if sports == 0 {
			sports = 1
			if rc.sportsReport(res) {
				sports = 2
			}
		}
		if sports == 2 {
			return
		}
		if rc.divisionName(e.Text) || rc.townName(e.Text, minWholeNamePopulation) {
			e.Label = Location
		}
	}
}

// compassWords name divisions of several countries ("Western",
// "Central", "Eastern" Province) but, alone, mostly a side or a bloc.
var compassWords = map[string]bool{
	"North": true, "South": true, "East": true, "West": true, "Northern": true, "Southern": true,
	"Eastern": true, "Western": true, "Central": true, "Upper": true, "Lower": true, "Coast": true,
	"Capital": true, "Greater": true, "Midlands": true, "Islands": true,
}

// orgAbbreviations are abbreviations of international organisations that
// some gazetteer also lists for a division ("U.N." for Upper Nile).
var orgAbbreviations = map[string]bool{
	"UN": true, "U.N.": true, "EU": true, "E.U.": true, "NATO": true, "AU": true,
	"OAS": true, "WHO": true, "IMF": true, "UNHCR": true, "ASEAN": true, "OPEC": true,
}

// abbreviationPlace returns the country or division an abbreviation
// stands for: a news abbreviation of the gazetteer ("Calif.", "NSW";
// with afterPlace also postal codes: "Paris, TX"), or a country's
// abbreviation among its names ("U.S.", "UK", "DRC").
func (rc *recognizer) abbreviationPlace(text string, afterPlace bool) (gazetteer.Entry, bool) {
	if orgAbbreviations[text] {
		return gazetteer.Entry{}, false
	}
	if e, ok := rc.gaz.Abbreviation(text, afterPlace); ok {
		return e, true
	}
	if spellingForm(text) != FormAbbreviation {
		return gazetteer.Entry{}, false
	}
	for _, e := range rc.gaz.Lookup(text) {
		if e.IsCountry() {
			return e, true
		}
	}
	return gazetteer.Entry{}, false
}

// divisionName reports whether name is, exactly, a country, a continent,
// a first- or second-level division, or a news abbreviation of a country
// or division.
func (rc *recognizer) divisionName(name string) bool {
	if _, ok := rc.abbreviationPlace(name, false); ok {
		return true
	}
	if spellingForm(name) == FormAbbreviation {
		return false // "EU" is not Eu, France
	}
	if compassWords[name] {
		return false // "Western officials": Western Province is in Zambia
	}
	for _, e := range rc.gaz.Lookup(name) {
		if e.IsCountry() || e.IsAdmin1() || e.FeatureCode == "ADM2" || e.FeatureCode == "CONT" {
			return true
		}
	}
	return false
}

// townName reports whether the gazetteer has a populated place of at
// least minPop people by that exact name.
func (rc *recognizer) townName(name string, minPop int64) bool {
	if rc.model.IsCommonWord(strings.ToLower(name)) {
		return false
	}
	for _, e := range rc.gaz.Lookup(name) {
		if e.FeatureClass == "P" && e.Population >= minPop && gazetteer.Normalize(e.Name) == gazetteer.Normalize(name) {
			return true
		}
	}
	return false
}

// sportsReport reports whether the text reads as a sports report, where
// towns' names stand for their clubs.
func (rc *recognizer) sportsReport(res *Result) bool {
	n := 0
	var buf [32]byte
	for _, t := range res.Tokens {
		if len(t.Text) >= 3 && sportsWords.Has(appendLower(buf[:0], t.Text)) {
			if n++; n >= 2 {
				return true
			}
		}
	}
	return false
}

// sportsWords are words of sports reports that other news seldom uses
// ("season" and "match" are not among them: flu has seasons).
var sportsWords = wordset.Of(map[string]bool{
	"soccer": true, "football": true, "baseball": true, "basketball": true, "cricket": true,
	"rugby": true, "hockey": true, "tennis": true, "golf": true, "standings": true, "inning": true,
	"fixtures": true, "halftime": true, "semifinal": true, "semi-final": true, "quarter-final": true,
	"premiership": true, "bundesliga": true, "nba": true, "nfl": true, "nhl": true, "mlb": true,
	"league": true, "striker": true, "midfielder": true, "innings": true, "wickets": true,
	"playoff": true, "playoffs": true, "championship": true, "tournament": true, "half-time": true,
	"quarterback": true, "goalkeeper": true, "batsman": true,
})

// notPlaces relabels LOCATION spans that name something else:
//
//   - a place's name before a word for a disease is the disease's name
//     ("West Nile virus", "Marburg fever"): MISC;
//   - a span holding an institution's word is the institution ("United
//     States Department of Agriculture"): ORGANIZATION, whose place is
//     then found inside it (form in_name);
//   - one word that is the surname of a person named in full in the
//     document ("Ann Dunn … Dunn said"): PERSON. A first name is not
//     enough: "Georgia Whitlock" may live in Georgia.
//
// The other way round, a PERSON that names a place is a LOCATION (see
// placeTaggedPerson).
func (rc *recognizer) notPlaces(res *Result, ents []Entity) {
	personWords := map[string]bool{}
	for _, e := range ents {
		if e.Label == Person {
			if words := strings.Fields(e.Text); len(words) >= 2 {
				personWords[words[len(words)-1]] = true
			}
		}
	}
	for i := range ents {
		e := &ents[i]
		if e.Label == Person {
			rc.placeTaggedPerson(res, e, personWords)
			continue
		}
		if e.Label != Location {
			continue
		}
		if e.TokenEnd < len(res.Tokens) && diseaseWords[strings.ToLower(res.Tokens[e.TokenEnd].Text)] {
			e.Label = Misc
			continue
		}
		if e.TokenEnd-e.TokenStart >= 2 {
			for _, t := range res.Tokens[e.TokenStart+1 : e.TokenEnd] {
				if institutionNames[t.Text] {
					e.Label = Organization
					break
				}
			}
			continue
		}
		if personWords[e.Text] {
			e.Label = Person
		}
	}
}

// placeTaggedPerson relabels a PERSON span of several words a LOCATION
// when it names a feature ("Lizard Island", "Allan Hills") or a notable
// place by that whole name ("Machu Picchu"), unless it has a title or
// the text treats it as a person ("X, who …"; not for a feature: "the
// Allan Hills, an ice field"). One word is left alone:
// most are surnames ("Jordan said").
func (rc *recognizer) placeTaggedPerson(res *Result, e *Entity, surnames map[string]bool) {
	n := e.TokenEnd - e.TokenStart
	if e.Title != "" || n > 3 || n < 2 || surnames[e.Text] {
		return
	}
	if featureWords[res.Tokens[e.TokenEnd-1].Text] ||
		rc.notablePlace(e.Text, true) && !personCue(res, e.Sentence, e.TokenStart, e.TokenEnd) {
		e.Label = Location
	}
}

// featureWords end the names of natural features.
var featureWords = map[string]bool{
	"Island": true, "Islands": true, "Hills": true, "Mountains": true, "Mountain": true,
	"Lake": true, "River": true, "Bay": true, "Peninsula": true, "Valley": true,
	"Canyon": true, "Desert": true, "Glacier": true, "Reef": true, "Strait": true,
}

var diseaseWords = map[string]bool{
	"virus": true, "fever": true, "flu": true, "disease": true, "encephalitis": true,
	"strain": true, "syndrome": true, "outbreak": false,
}

// institutionNames name institutions, not places, inside a span the
// tagger read as a place.
var institutionNames = map[string]bool{
	"Department": true, "Ministry": true, "Agency": true, "Service": true, "Administration": true,
	"Congress": true, "Council": true, "Times": true, "Post": true, "Party": true, "Police": true,
	"Institute": true, "Commission": true, "Corporation": true, "Company": true, "Inc.": true,
	"Authority": true, "Bureau": true, "Office": true, "Board": true, "Court": true,
}

// abbreviationsAfterPlaces makes a LOCATION of the abbreviation after a
// place and a comma ("Athens, Ga.", "LOUISVILLE, KY", "Gatineau, Que."),
// and of a country's abbreviation the tagger left untagged ("US
// policies").
func (rc *recognizer) abbreviationsAfterPlaces(res *Result, ents []Entity) []Entity {
	tagged := taggedTokens(res, ents, nil)
	caps := newCapsLines(res)
	placeEnd := map[int]bool{} // token index just after a LOCATION
	for _, e := range ents {
		if e.Label == Location {
			placeEnd[e.TokenEnd] = true
		}
	}
	var add []Entity
	for i, t := range res.Tokens {
		if tagged[i] || !startsUpper(t.Text) {
			continue
		}
		afterPlace := i >= 2 && res.Tokens[i-1].Text == "," && placeEnd[i-1]
		e, ok := rc.abbreviationPlace(t.Text, afterPlace)
		if !ok || !afterPlace && !e.IsCountry() {
			continue
		}
		si := sentenceOfToken(res, i)
		if !afterPlace && caps.line(si) {
			continue
		}
		add = append(add, tokenEntity(res, si, i, i+1))
	}
	for _, e := range add {
		ents = rc.setSpan(res, ents, e)
	}
	return ents
}

// setSpan puts entity e (a LOCATION, or a PERSON) among ents: entities inside it go,
// an entity overlapping it keeps its part outside, as a PERSON when that
// part is shaped like a name ("WASHINGTON Christopher Steele" →
// LOCATION + PERSON). ents stay in text order.
func (rc *recognizer) setSpan(res *Result, ents []Entity, e Entity) []Entity {
	out := ents[:0:0]
	for _, x := range ents {
		if x.TokenEnd <= e.TokenStart || x.TokenStart >= e.TokenEnd {
			out = append(out, x)
			continue
		}
		if r, ok := rc.remainder(res, x, x.TokenStart, e.TokenStart); ok {
			out = append(out, r)
		}
		if r, ok := rc.remainder(res, x, e.TokenEnd, x.TokenEnd); ok {
			out = append(out, r)
		}
	}
	out = append(out, e)
	slices.SortStableFunc(out, func(a, b Entity) int { return a.Start - b.Start })
	return out
}

// remainder is the part [a, b) of entity x that a place took the rest
// of, without punctuation at its ends; false when no word is left.
func (rc *recognizer) remainder(res *Result, x Entity, a, b int) (Entity, bool) {
	for a < b && !isWordToken(res.Tokens[a].Text) {
		a++
	}
	for b > a && !isWordToken(res.Tokens[b-1].Text) {
		b--
	}
	if a >= b {
		return Entity{}, false
	}
	r := tokenEntity(res, x.Sentence, a, b)
	r.Label, r.Title = x.Label, x.Title
	if x.Label == Organization && b-a >= 2 && rc.nameShaped(res.Tokens[a:b]) {
		r.Label = Person
	}
	return r, true
}

// taggedTokens marks the tokens of res inside the entities of ents that
// keep accepts (all of them when keep is nil).
func taggedTokens(res *Result, ents []Entity, keep func(Entity) bool) []bool {
	tagged := make([]bool, len(res.Tokens))
	for _, e := range ents {
		if keep == nil || keep(e) {
			for k := e.TokenStart; k < e.TokenEnd && k < len(tagged); k++ {
				tagged[k] = true
			}
		}
	}
	return tagged
}

// sentenceOfToken is the index of the sentence holding token i (the
// sentences cover every token).
func sentenceOfToken(res *Result, i int) int {
	return sentenceAt(res.Sentences, res.Tokens[i].Start)
}
