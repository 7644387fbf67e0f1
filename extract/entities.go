package extract

import (
	"bytes"
	"context"
	"slices"
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
	// ctx stops the tagging of a long document between its parts.
	ctx   context.Context
	model *ner.Model
	gaz   *gazetteer.Index
}

// capsLines memoizes isAllCapsLine by sentence of one Result: 0 not yet
// known, 1 no, 2 yes. Rules ask it for every entity of a sentence, and a
// long list is one sentence of thousands of entities.
type capsLines struct {
	res   *Result
	known []int8
}

func newCapsLines(res *Result) capsLines {
	return capsLines{res: res, known: make([]int8, len(res.Sentences))}
}

// line reports whether sentence si is an all-caps line.
func (c capsLines) line(si int) bool {
	if c.known[si] == 0 {
		s := c.res.Sentences[si]
		c.known[si] = 1
		if isAllCapsLine(c.res.Tokens[s.TokenStart:s.TokenEnd]) {
			c.known[si] = 2
		}
	}
	return c.known[si] == 2
}

func (rc *recognizer) entities(res *Result) []Entity {
	// The tagger reads the whole document at once (up to tagPartWords):
	// how a word was labelled in one sentence informs the others
	// ("Kostin" after "Andriy Kostin").
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
	for k, spans := range tagInParts(rc.ctx, rc.model, doc) {
		si := tagged[k]
		s := res.Sentences[si]
		toks := res.Tokens[s.TokenStart:s.TokenEnd]
		if isAllCapsLine(toks) {
			spans = rc.capsPlaces(toks, spans)
		}
		for _, sp := range splitAtIn(toks, rc.splitAtDash(toks, spans)) {
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
	out = rc.personNames(res, out)
	out = rc.placeSpans(res, out)
	rc.harmonize(res, out)
	linkPeople(out)
	return out
}

// tagPartWords bounds the words the tagger reads as one document. Its
// document features (how a word was labelled in other sentences) cost
// memory in proportion to what it reads at once, about 300 bytes a word,
// so a 5 MB digest read whole took a gigabyte. News articles are far
// shorter and are read whole; longer texts are read in parts of whole
// sentences, each a document of its own to the tagger.
const tagPartWords = 50_000

// tagInParts is m.TagDocument(sents) read tagPartWords words at a time.
// When ctx is done it stops, returning the spans of the parts read.
func tagInParts(ctx context.Context, m *ner.Model, sents [][]string) [][]ner.Span {
	var out [][]ner.Span
	for len(sents) > 0 && (ctx == nil || ctx.Err() == nil) {
		n, words := 0, 0
		for n < len(sents) && (n == 0 || words+len(sents[n]) <= tagPartWords) {
			words += len(sents[n])
			n++
		}
		out = append(out, m.TagDocument(sents[:n])...)
		sents = sents[n:]
	}
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
		// A month abbreviation is a date, not a first name: "Jan.
		// Kowalski" is "Kowalski" after a date.
		for a < b-1 && isCalendarWord(toks[a].Text) && strings.HasSuffix(toks[a].Text, ".") {
			a++
		}
		// Storms are named like people: "Typhoon Dalisay".
		if a < b && stormWords.HasString(strings.ToLower(toks[a].Text)) {
			label = Misc
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
	end := toks[b-1].End
	if k := strings.IndexByte(text, '/'); label == Person && k > 0 {
		// A photo credit, "Daria Lysenko/AFP": the agency is not part
		// of the name (the tokenizer keeps the slash inside the word).
		text = text[:k]
		end = toks[a].Start + utf8.RuneCountInString(text)
	}
	return Entity{
		Text:       text,
		Label:      label,
		Start:      toks[a].Start,
		End:        end,
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
	"sgt.": true, "sergeant": true, "inspector": true, "detective": true, "constable": true,
	"superintendent": true, "sheriff": true, "capt.": true, "captain": true, "commander": true,
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
//
// It costs time linear in the names' words, not pairwise over the names:
// each distinct name registers its shorter word suffixes ("Zelenskyy" for
// "Volodymyr Zelenskyy"), and each suffix's set of longer names is judged
// once, so a digest naming thousands of people links as fast per name as
// a short article.
func linkPeople(ents []Entity) {
	// Distinct names, with their words folded for comparison.
	index := map[string]int{}
	var names []personName
	for _, e := range ents {
		if e.Label != Person {
			continue
		}
		if _, ok := index[e.Text]; !ok {
			index[e.Text] = len(names)
			names = append(names, personName{text: e.Text, words: foldedFields(e.Text)})
		}
	}
	// longer[suffix] lists the names that extend that suffix with more
	// words in front.
	longer := map[string][]int{}
	for i, n := range names {
		for k := 1; k < len(n.words) && k <= maxLinkedWords; k++ {
			key := suffixKey(n.words, k)
			longer[key] = append(longer[key], i)
		}
	}
	judged := map[string]string{} // suffix → its canonical name, "" when ambiguous
	for i := range ents {
		e := &ents[i]
		if e.Label != Person {
			continue
		}
		e.Canonical = e.Text
		words := names[index[e.Text]].words
		if len(words) == 0 || len(words) > maxLinkedWords {
			continue
		}
		key := suffixKey(words, len(words))
		best, ok := judged[key]
		if !ok {
			best = longestChain(names, longer[key])
			judged[key] = best
		}
		if best != "" {
			e.Canonical = best
		}
	}
}

// maxLinkedWords bounds the length of a mention that links to a longer
// name: names have a few words, and a bound keeps the suffixes a name
// registers (quadratic in its words) small whatever a span holds.
const maxLinkedWords = 6

type personName struct {
	text  string
	words []string // strings.Fields of text, case-folded
}

// longestChain returns the longest of the names ext when every other one
// is the same as its last words ("Zelenskyy", "Volodymyr Zelenskyy",
// "President Volodymyr Zelenskyy" → the last); "" when two of them
// differ ("Anna Smith" and "John Smith") or there is none.
func longestChain(names []personName, ext []int) string {
	if len(ext) == 0 {
		return ""
	}
	l := names[ext[0]]
	for _, i := range ext[1:] {
		if len(names[i].words) > len(l.words) {
			l = names[i]
		}
	}
	for _, i := range ext {
		n := names[i]
		if len(n.words) == len(l.words) && n.text != l.text {
			return ""
		}
		if !slices.Equal(n.words, l.words[len(l.words)-len(n.words):]) {
			return ""
		}
	}
	return l.text
}

// suffixKey joins the last k words into one map key.
func suffixKey(words []string, k int) string {
	return strings.Join(words[len(words)-k:], "\x00")
}

// foldedFields is strings.Fields(s) with each word case-folded, so that
// equal keys mean strings.EqualFold words.
func foldedFields(s string) []string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = foldCase(w)
	}
	return words
}

// foldCase maps each rune to the smallest rune of its Unicode simple
// folding orbit, the equivalence strings.EqualFold tests.
func foldCase(s string) string {
	return strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf {
			// An ASCII letter's orbit starts with its capital (k's
			// holds the Kelvin sign too, but above 'K').
			return unicode.ToUpper(r)
		}
		min := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < min {
				min = f
			}
		}
		return min
	}, s)
}

// stormWords begin the names of storms, which are named like people.
var stormWords = wordset.Of(map[string]bool{
	"typhoon": true, "cyclone": true, "hurricane": true, "tropical": true,
})

// splitAtDash cuts spans at a dash token: "KYIV — Bohdan Ryabko" is a
// dateline and a name, which the tagger, reading the dateline as part of
// the sentence, may run together. An ALL-CAPS part before the dash that
// names a notable place is the dateline's place.
func (rc *recognizer) splitAtDash(toks []Token, spans []ner.Span) []ner.Span {
	var out []ner.Span
	for _, sp := range spans {
		start := sp.Start
		for i := sp.Start; i < sp.End; i++ {
			if !isDash(toks[i].Text) {
				continue
			}
			if i > start {
				out = append(out, rc.datelinePart(toks, ner.Span{Start: start, End: i, Label: sp.Label}))
			}
			start = i + 1
		}
		if start == sp.Start {
			out = append(out, sp)
		} else if start < sp.End {
			out = append(out, ner.Span{Start: start, End: sp.End, Label: sp.Label})
		}
	}
	return out
}

func isDash(s string) bool { return s == "—" || s == "–" || s == "--" || s == "-" }

// datelinePart labels the part of a span before a dash a LOCATION when it
// is written in capitals and names a notable place ("KYIV").
func (rc *recognizer) datelinePart(toks []Token, sp ner.Span) ner.Span {
	if isAllCapsLine(toks[sp.Start:sp.End]) || sp.End-sp.Start == 1 && isAllCapsWord(toks[sp.Start].Text) {
		var words []string
		for _, t := range toks[sp.Start:sp.End] {
			words = append(words, t.Text)
		}
		if rc.notablePlace(strings.Join(words, " "), false) {
			sp.Label = string(Location)
		}
	}
	return sp
}

// isAllCapsWord reports whether s has letters and all of them are
// capitals.
func isAllCapsWord(s string) bool {
	letters, upper := countCaps(s, 0, 0)
	return letters >= 2 && upper == letters
}

// personNames makes PERSON the names the tagger splits or mislabels
// because a first name is also a place or a common word ("Victoria
// Akinyi", "Georgia Whitlock", "Jordan Ellis", "Park Jae-won"): a first
// name followed by a surname that is no common word and no notable place,
//
//   - labelled as one LOCATION or ORGANIZATION span, or
//   - split into a one-word span and a surname, left untagged or tagged
//     PERSON ("Florence" + "Albani"),
//
// when the text treats it as a person: an appositive follows ("X Y, a
// nurse", "X Y, who …") or precedes ("the secretary, X Y, …"), or the
// tagger took the surname for a person's. A whole name the gazetteer knows
// ("Wadi Musa") stays what it was.
func (rc *recognizer) personNames(res *Result, ents []Entity) []Entity {
	for i := range ents {
		e := &ents[i]
		n := e.TokenEnd - e.TokenStart
		if e.Label != Location && e.Label != Organization || e.Title != "" || n < 2 || n > 3 {
			continue
		}
		if rc.nameShaped(res.Tokens[e.TokenStart:e.TokenEnd]) && len(rc.gaz.Lookup(e.Text)) == 0 && personCue(res, e.Sentence, e.TokenStart, e.TokenEnd) {
			e.Label = Person
		}
	}
	return rc.joinSplitNames(res, ents)
}

// joinSplitNames merges a first name and the surname after it into one
// PERSON entity (see personNames).
func (rc *recognizer) joinSplitNames(res *Result, ents []Entity) []Entity {
	owner := make(map[int]int, len(ents))
	for i, e := range ents {
		for t := e.TokenStart; t < e.TokenEnd; t++ {
			owner[t] = i
		}
	}
	drop := map[int]bool{}
	var added []Entity
	for si, s := range res.Sentences {
		if s.Kind == KindBoilerplate {
			continue
		}
		for a := s.TokenStart; a+1 < s.TokenEnd; a++ {
			e, ok := rc.splitName(res, ents, owner, si, a)
			if !ok {
				continue
			}
			for t := e.TokenStart; t < e.TokenEnd; t++ {
				if i, ok := owner[t]; ok {
					drop[i] = true
				}
			}
			added = append(added, e)
			a = e.TokenEnd - 1
		}
	}
	if len(added) == 0 {
		return ents
	}
	out := added
	for i, e := range ents {
		if !drop[i] {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// splitName returns the PERSON entity of a first name at token a and the
// surname after it, when the tagger split or mislabelled them.
func (rc *recognizer) splitName(res *Result, ents []Entity, owner map[int]int, si, a int) (Entity, bool) {
	toks := res.Tokens
	if !firstNameLike(toks[a].Text) {
		return Entity{}, false
	}
	first, tagged := owner[a]
	if tagged && (ents[first].Label != Location && ents[first].Label != Organization || ents[first].TokenEnd-ents[first].TokenStart != 1) {
		return Entity{}, false // a MISC word is an adjective: "Avian Flu"
	}
	if !tagged && rc.model.IsCommonWord(toks[a].Text) {
		return Entity{}, false // "In" before a surname starts no name
	}
	end, taggerPerson := a+2, false
	switch second, ok := owner[a+1]; {
	case ok && ents[second].Label == Person && ents[second].TokenStart == a+1:
		end, taggerPerson = ents[second].TokenEnd, true
		if !tagged || !rc.surnameLike(toks[end-1].Text) {
			return Entity{}, false // "Keeper Liu Xiaomei", "Scotland Yard"
		}
	case ok && ents[second].TokenEnd-ents[second].TokenStart == 1 && rc.surnameLike(toks[a+1].Text):
		if ents[second].Label == Location && len(rc.gaz.Lookup(toks[a+1].Text)) > 0 {
			return Entity{}, false // "Pakistan-administered Kashmir"
		}
	case !ok && rc.surnameLike(toks[a+1].Text):
	default:
		return Entity{}, false
	}
	text := res.Document.Text[toks[a].ByteStart:toks[end-1].ByteEnd]
	if len(rc.gaz.Lookup(text)) > 0 {
		return Entity{}, false
	}
	if !personCue(res, si, a, end) && !(taggerPerson && !afterLocative(res, Entity{Sentence: si, TokenStart: a})) {
		return Entity{}, false
	}
	return Entity{Text: text, Label: Person, Start: toks[a].Start, End: toks[end-1].End, Sentence: si, TokenStart: a, TokenEnd: end}, true
}

// nameShaped reports whether toks read as a first name and a surname
// (with a middle name or second surname): see firstNameLike and
// surnameLike.
func (rc *recognizer) nameShaped(toks []Token) bool {
	if !firstNameLike(toks[0].Text) {
		return false
	}
	for _, t := range toks[1:] {
		if !rc.surnameLike(t.Text) {
			return false
		}
	}
	return true
}

// firstNameLike accepts a capitalized word that may begin a personal
// name, a place name or a common word included ("Victoria", "Hope"), but
// no abbreviation ("Jan."), month or weekday, title, or word that begins
// place names ("Lake", "Mount", "San").
func firstNameLike(s string) bool {
	if !isTitleCase(s) || isCalendarWord(s) || isTitleWord(s) {
		return false
	}
	var buf [32]byte
	return !placePrefixWords.Has(appendLower(buf[:0], s))
}

// surnameLike accepts a capitalized word that can end a personal name: no
// common word, month, title or generic word of place and organisation
// names ("Hills", "Power"), and no notable place ("Victoria").
func (rc *recognizer) surnameLike(s string) bool {
	if !isTitleCase(s) || isCalendarWord(s) || isTitleWord(s) || isRegionWord(s) || rc.model.IsCommonWord(s) {
		return false
	}
	var buf [32]byte
	if placePrefixWords.Has(appendLower(buf[:0], s)) || nameNouns.Has(appendLower(buf[:0], s)) {
		return false
	}
	return !rc.notablePlace(s, true)
}

// isTitleCase reports whether s is a capitalized word with lower-case
// letters after the first ("Akinyi", "Jae-won", "Marie-Claire"), not an
// abbreviation or a word in capitals.
func isTitleCase(s string) bool {
	lower := false
	for i, r := range s {
		switch {
		case i == 0:
			if !unicode.IsUpper(r) {
				return false
			}
		case unicode.IsLower(r):
			lower = true
		case !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '\u2019':
			return false
		}
	}
	return lower
}

// placePrefixWords begin place names and never personal ones.
var placePrefixWords = wordset.Of(map[string]bool{
	"the": true, "a": true, "an": true, "mount": true, "mt": true, "lake": true,
	"cape": true, "port": true, "fort": true, "saint": true, "st": true, "san": true,
	"santa": true, "são": true, "sao": true, "new": true, "north": true, "south": true,
	"east": true, "west": true, "upper": true, "lower": true, "great": true,
	"greater": true, "little": true, "grand": true, "old": true, "el": true, "la": true,
	"le": true, "los": true, "las": true, "al": true, "central": true, "northern": true,
	"southern": true, "eastern": true, "western": true, "royal": true, "national": true,
	"united": true, "lago": true, "rio": true, "río": true,
})

// nameNouns are generic words of place, building and organisation names
// ("Allan Hills", "Scotland Yard", "Georgia Power") that the tagger's
// vocabulary may not know as common words.
var nameNouns = wordset.Of(map[string]bool{
	"hills": true, "hill": true, "mountains": true, "mountain": true, "island": true,
	"islands": true, "bay": true, "gap": true, "park": true, "valley": true, "beach": true,
	"coast": true, "reef": true, "gulf": true, "sea": true, "ocean": true, "desert": true,
	"forest": true, "peak": true, "falls": true, "springs": true, "creek": true,
	"harbor": true, "harbour": true, "lagoon": true, "airport": true, "station": true,
	"square": true, "street": true, "road": true, "avenue": true, "bridge": true,
	"tower": true, "palace": true, "castle": true, "church": true, "cathedral": true,
	"mosque": true, "temple": true, "museum": true, "gallery": true, "university": true,
	"college": true, "school": true, "hospital": true, "stadium": true, "market": true,
	"bazaar": true, "yard": true, "power": true, "tech": true, "city": true, "town": true,
	"village": true, "plaza": true, "river": true, "canal": true, "strait": true,
	"peninsula": true, "glacier": true, "volcano": true, "dam": true, "port": true,
	"bank": true, "group": true, "motors": true, "airlines": true, "airways": true,
	"news": true, "times": true, "post": true, "press": true, "party": true, "union": true,
	"council": true, "institute": true, "foundation": true, "centre": true, "center": true,
	"house": true, "hall": true, "lane": true, "trust": true, "fund": true, "club": true,
	"hotel": true, "court": true, "prison": true, "farm": true, "estate": true,
	"garden": true, "gardens": true, "way": true, "drive": true, "place": true,
	"terrace": true, "mall": true, "arena": true, "theatre": true, "theater": true,
	"library": true, "academy": true, "society": true, "association": true,
	"agency": true, "authority": true, "ministry": true, "office": true,
	"company": true, "corporation": true, "holdings": true, "partners": true,
	"capital": true, "media": true, "network": true, "energy": true, "systems": true,
	"industries": true, "studios": true, "labs": true, "mine": true, "field": true,
	"fields": true, "lodge": true, "manor": true, "abbey": true, "chapel": true,
})

// personCue reports whether the text around tokens [a, b) of sentence si
// treats them as a person's name: an appositive follows ("X Y, a nurse",
// "X Y, who …") or the name is itself an appositive after a role ("the
// secretary, X Y, …").
func personCue(res *Result, si, a, b int) bool {
	s := res.Sentences[si]
	toks := res.Tokens
	if b+1 < s.TokenEnd && toks[b].Text == "," && personOpeners.HasString(strings.ToLower(toks[b+1].Text)) {
		return true
	}
	return a-2 >= s.TokenStart && toks[a-1].Text == "," && isLowerWord(toks[a-2].Text) &&
		b < s.TokenEnd && toks[b].Text == ","
}

var personOpeners = wordset.Of(map[string]bool{
	"who": true, "whose": true, "a": true, "an": true, "the": true, "his": true, "her": true,
})
