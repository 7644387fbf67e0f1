package extract

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/geoparse/geoparse/extract/timex"
	"github.com/geoparse/geoparse/internal/wordset"
)

// maxStorySentences caps how many sentences after an event sentence can
// continue its story: a text without paragraph breaks would otherwise run
// on until the next event place.
const maxStorySentences = 3

// attachPeople sets the People of each event: the canonical names of the
// people who take part in it. Candidates are the PERSON mentions
//
//   - of the event's own sentences (those that place it),
//   - of the sentences that continue the story of a sentence the event
//     leads (see [stories.continuation]): the victim or organiser is
//     often named in the next sentence ("The caretaker, X, was unlocking
//     the gym when the drone hit"), and
//   - whose appositive puts them at the event's place ("X, who joined
//     the march in Madrid").
//
// A candidate takes part unless the sentence only quotes them about the
// happening, puts them in the future or in an earlier year, or credits a
// photo (see [stories.takesPart]).
func attachPeople(res *Result, events []Event) {
	if len(events) == 0 {
		return
	}
	st := newStories(res, events)
	for i := range events {
		events[i].People = st.participants(i)
	}
}

// stories holds what the people rules need about a document's events,
// indexed by sentence so that each rule is a lookup.
type stories struct {
	res    *Result
	events []Event
	// eventOf maps the index of an event's place mention to the event.
	eventOf map[int]int
	// eventPlaces lists the event place mentions of each sentence, in
	// text order.
	eventPlaces map[int][]int
	// byKey lists every place mention (any role) of each PlaceKey.
	byKey map[string][]int
	// people and dates list the PERSON entities and the dates of each
	// sentence.
	people, dates map[int][]int
}

func newStories(res *Result, events []Event) *stories {
	st := &stories{res: res, events: events, eventOf: map[int]int{}, eventPlaces: map[int][]int{},
		byKey: map[string][]int{}, people: map[int][]int{}, dates: map[int][]int{}}
	for i, ev := range events {
		for _, p := range ev.Places {
			st.eventOf[p] = i
		}
	}
	for p, pl := range res.Places {
		if _, ok := st.eventOf[p]; ok {
			st.eventPlaces[pl.Sentence] = append(st.eventPlaces[pl.Sentence], p)
		}
		key := PlaceKey(pl)
		st.byKey[key] = append(st.byKey[key], p)
	}
	for k, e := range res.Entities {
		if e.Label == Person {
			st.people[e.Sentence] = append(st.people[e.Sentence], k)
		}
	}
	for d, date := range res.Dates {
		st.dates[date.Sentence] = append(st.dates[date.Sentence], d)
	}
	return st
}

// participants returns the canonical names of the people taking part in
// event i, in the order they are found.
func (st *stories) participants(i int) []string {
	var names []string
	add := func(k int) {
		if name := st.res.Entities[k].Canonical; !containsString(names, name) {
			names = append(names, name)
		}
	}
	read := map[int]bool{}
	for _, si := range st.events[i].Sentences {
		sentences := []int{si}
		if st.leads(si) == i {
			sentences = append(sentences, st.continuation(si, i)...)
		}
		for _, s := range sentences {
			if read[s] {
				continue
			}
			read[s] = true
			for _, k := range st.people[s] {
				if st.takesPart(k, i) {
					add(k)
				}
			}
		}
	}
	for _, k := range st.placedAt(i, read) {
		add(k)
	}
	return names
}

// placedAt returns the PERSON entities, in sentences not yet read for
// event i, whose own appositive puts them at its place: "X, a student who
// joined the march in Madrid, said …". A place that describes a person is
// no event place of its sentence, so the sentence is not one of the
// event's.
func (st *stories) placedAt(i int, read map[int]bool) []int {
	var out []int
	for _, p := range st.byKey[PlaceKey(st.res.Places[st.events[i].PlaceIndex])] {
		pl := st.res.Places[p]
		if read[pl.Sentence] {
			continue
		}
		for _, k := range st.people[pl.Sentence] {
			c := newClause(st.res, k)
			for _, ap := range c.apps {
				inside := c.toks[ap[0]].Start <= pl.Start && pl.End <= c.toks[ap[1]-1].End
				if inside && c.relativeOfDeed(ap) && st.takesPart(k, i) {
					out = append(out, k)
				}
			}
		}
	}
	return out
}

// leads returns the event whose place sentence si names first, or -1:
// the sentences after it continue that event's story, not the stories of
// places it adds on ("…, while a parallel march filled Barcelona").
func (st *stories) leads(si int) int {
	if ps := st.eventPlaces[si]; len(ps) > 0 {
		return st.eventOf[ps[0]]
	}
	return -1
}

// continuation returns the body sentences that carry on the story of event
// sentence si of event i: the rest of its paragraph or, when si ends its
// paragraph (as a lede does), the next paragraph; at most
// maxStorySentences of them. The story stops at a sentence that places
// another event, and at page furniture and photo credits.
func (st *stories) continuation(si, i int) []int {
	if st.res.Sentences[si].Kind != KindBody {
		return nil // a caption's next line is its credit
	}
	var out []int
	for k := si + 1; k < len(st.res.Sentences) && len(out) < maxStorySentences; k++ {
		if st.res.Sentences[k].Kind != KindBody || st.isCredit(k) || st.placesOther(k, i) {
			break
		}
		if k > si+1 && st.startsParagraph(k) {
			break // only the lede's story crosses a paragraph break
		}
		out = append(out, k)
	}
	return out
}

// startsParagraph reports whether sentence k begins a new line.
func (st *stories) startsParagraph(k int) bool {
	s := st.res.Sentences[k]
	return s.TokenStart < s.TokenEnd && st.res.Tokens[s.TokenStart].NewlineBefore
}

// placesOther reports whether sentence k names the place of an event other
// than i: the story has moved on.
func (st *stories) placesOther(k, i int) bool {
	for _, p := range st.eventPlaces[k] {
		if st.eventOf[p] != i {
			return true
		}
	}
	return false
}

// isCredit reports whether sentence k is a photo credit: "Photo: Name/AFP",
// "Photo by Name", "(Name/AP)".
func (st *stories) isCredit(k int) bool {
	s := st.res.Sentences[k]
	toks := st.res.Tokens[s.TokenStart:s.TokenEnd]
	if len(toks) == 0 {
		return false
	}
	first := toks[0].Text
	if first == "(" && len(toks) > 1 {
		if toks[len(toks)-1].Text == ")" && strings.Contains(st.res.SentenceText(k), "/") {
			return true
		}
		first = toks[1].Text
	}
	return captionCredits[strings.ToLower(first)]
}

// takesPart reports whether PERSON entity k, read in its sentence, takes
// part in event i. Not taking part:
//   - a name never given in full (a lone "Jesus", or a place the tagger
//     took for a surname), and a photo credit ("Name/AFP");
//   - a commentator: the source of a statement ("said X", "X, an
//     analyst, said", "according to X", "X told reporters") whom nothing
//     in the sentence puts at the happening (see [clause.involved]);
//   - someone who only will act ("X will visit …");
//   - someone named in a clause dated to a year before the event's
//     ("taken in the 1960s by X").
func (st *stories) takesPart(k, i int) bool {
	e := st.res.Entities[k]
	if len(strings.Fields(e.Canonical)) < 2 || strings.Contains(e.Text, "/") {
		return false
	}
	c := newClause(st.res, k)
	if c.future() || st.datedEarlier(c, i) {
		return false
	}
	v := c.speechVerb()
	return v < 0 || c.involved(v)
}

// datedEarlier reports whether the comma-delimited stretch of text around
// the mention holds a date in a year before event i's.
func (st *stories) datedEarlier(c clause, i int) bool {
	year := yearOf(st.events[i].Date)
	if year == 0 && !st.res.Published.IsZero() {
		year = st.res.Published.Year()
	}
	if year == 0 {
		return false
	}
	lo, hi := c.commaBounds()
	for _, di := range st.dates[c.sentence] {
		d := st.res.Dates[di]
		if d.Type != "DATE" || d.Start < lo || d.End > hi {
			continue
		}
		if y := lastYearOf(d.Value); y > 0 && y < year {
			return true
		}
	}
	return false
}

// yearOf returns the year of a YYYY… date value, or 0.
func yearOf(v string) int {
	if !startsWithYear(v) {
		return 0
	}
	y, _ := strconv.Atoi(v[:4])
	return y
}

// lastYearOf returns the last year a TIMEX3 date value covers: the year
// itself, the last year of a decade ("196") or century ("19"); 0 when the
// value names no fixed stretch of the calendar.
func lastYearOf(v string) int {
	if _, last, ok := timex.Interval(v); ok {
		return last.Year()
	}
	return 0
}

// clause is a PERSON mention in the tokens of its sentence.
type clause struct {
	sentence int
	toks     []Token // the sentence's tokens
	a, b     int     // the mention's tokens, toks[a:b]
	// apps are the appositives that follow the name, [start, end) in
	// toks ("X, a nurse, …", "X, who led the march, …"); next is the
	// first token after them, where the name's verb usually stands.
	apps [][2]int
	next int
}

func newClause(res *Result, k int) clause {
	e := res.Entities[k]
	s := res.Sentences[e.Sentence]
	c := clause{sentence: e.Sentence, toks: res.Tokens[s.TokenStart:s.TokenEnd]}
	c.a, c.b = e.TokenStart-s.TokenStart, e.TokenEnd-s.TokenStart
	if c.a < 0 || c.b > len(c.toks) || c.a >= c.b {
		c.a, c.b = tokensOf(c.toks, e)
	}
	c.apps, c.next = appositives(c.toks, c.b)
	return c
}

// tokensOf finds the tokens of an entity that carries no token indexes
// (one built by hand) by its code point offsets.
func tokensOf(toks []Token, e Entity) (int, int) {
	end := e.End
	if end <= e.Start {
		end = e.Start + utf8.RuneCountInString(e.Text)
	}
	a := sort.Search(len(toks), func(i int) bool { return toks[i].End > e.Start })
	b := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= end })
	return a, max(a, b)
}

// appositives returns the comma-set phrases that follow a name ending at
// token b and the index of the first token after them: in "X, a nurse,
// said", the phrase "a nurse" and the index of "said".
func appositives(toks []Token, b int) ([][2]int, int) {
	var apps [][2]int
	i := b
	for i+1 < len(toks) && toks[i].Text == "," && opensAppositive(toks, i+1) {
		end := i + 1
		for end < len(toks) && toks[end].Text != "," && !isTerminator(toks[end].Text) {
			end++
		}
		// A place and its qualifier stay in one appositive: "a
		// meteorologist in Tallahassee, Fla., said".
		for end+2 < len(toks) && toks[end].Text == "," && startsUpper(toks[end+1].Text) && toks[end+2].Text == "," {
			end += 2
		}
		apps = append(apps, [2]int{i + 1, end})
		i = end
	}
	if i < len(toks) && toks[i].Text == "," {
		i++
	}
	return apps, i
}

// opensAppositive reports whether token i can begin a phrase describing
// the name before it: a determiner or possessive ("a nurse", "her
// rival"), a relative pronoun ("who led"), a role word ("head of the
// union"), or a possessive name ("Ryabko's coach").
func opensAppositive(toks []Token, i int) bool {
	w := strings.ToLower(toks[i].Text)
	if appositiveOpeners.HasString(w) || titleWords.HasString(w) {
		return true
	}
	return i+1 < len(toks) && isPossessive(toks[i+1].Text)
}

var appositiveOpeners = wordset.Of(map[string]bool{
	"a": true, "an": true, "the": true, "who": true, "whose": true, "his": true,
	"her": true, "their": true, "its": true, "one": true, "head": true, "leader": true,
	"founder": true, "owner": true, "both": true,
})

// speechWords introduce what someone said.
var speechWords = wordset.Of(map[string]bool{
	"said": true, "says": true, "told": true, "tells": true, "added": true,
	"explained": true, "noted": true, "stated": true, "wrote": true,
	"recalled": true, "warned": true, "insisted": true, "argued": true,
	"estimated": true, "commented": true, "cautioned": true, "acknowledged": true,
})

// invertedSpeech are the speech verbs that come before their speaker
// ("…, said X"); "told X" names the listener, not the speaker.
var invertedSpeech = wordset.Of(map[string]bool{"said": true, "says": true, "added": true})

// speechVerb returns the index of the speech verb whose source the
// mention is, or -1: the name's own verb ("X said", "X, an analyst,
// told reporters"), or a verb just before a name that ends its clause
// ("…, said X.", "said police commissioner X, …", "according to X"),
// not one before a name that starts the reported clause ("said X was
// arrested").
func (c clause) speechVerb() int {
	if c.next < len(c.toks) && speechWords.HasString(strings.ToLower(c.toks[c.next].Text)) {
		return c.next
	}
	if !c.endsClause() {
		return -1
	}
	// Walk left over the speaker's role ("police spokeswoman",
	// "Detective Inspector") to the verb.
	for i, n := c.a-1, 0; i >= 0 && n < 4; i, n = i-1, n+1 {
		w := strings.ToLower(c.toks[i].Text)
		switch {
		case invertedSpeech.HasString(w):
			return i
		case w == "to" && i > 0 && strings.EqualFold(c.toks[i-1].Text, "according"):
			return i
		case !isRoleWord(c.toks[i].Text):
			return -1
		}
	}
	return -1
}

// endsClause reports whether the name and its appositives end their
// clause: the sentence ends or a comma, semicolon or quote follows.
func (c clause) endsClause() bool {
	j := c.b
	if len(c.apps) > 0 {
		j = c.apps[len(c.apps)-1][1]
	}
	if j >= len(c.toks) {
		return true
	}
	switch t := c.toks[j].Text; {
	case t == "," || t == ";" || t == ")" || isTerminator(t):
		return true
	case t == `"` || t == "”" || t == "''":
		return true
	}
	return false
}

// isRoleWord accepts the words of a role before a name: a capitalized
// title ("Inspector") or a lower-case noun ("police", "spokeswoman"),
// but no function word, which would start another clause ("said that
// Mayor X …").
func isRoleWord(s string) bool {
	if isTitleWord(s) {
		return true
	}
	return isLowerWord(s) && !clauseWords.HasString(s)
}

var clauseWords = wordset.Of(map[string]bool{
	"that": true, "the": true, "a": true, "an": true, "and": true, "or": true,
	"but": true, "when": true, "while": true, "as": true, "because": true,
	"if": true, "whether": true, "who": true, "which": true, "to": true,
	"of": true, "in": true, "on": true, "at": true, "by": true, "for": true,
	"with": true, "from": true, "after": true, "before": true, "than": true,
})

// involved reports whether a speaker, the source of speech verb v, is
// also put at the happening: an appositive says what they did ("who led
// the blessing", "a volunteer who helped carry the wounded", "who was
// aboard the helicopter"), they told the gathering itself ("told the
// crowd"), or what they said is about their own part ("said her crew had
// saved …").
func (c clause) involved(v int) bool {
	for _, ap := range c.apps {
		if c.relativeOfDeed(ap) {
			return true
		}
	}
	if strings.EqualFold(c.toks[v].Text, "told") {
		return c.toldGathering(v + 1)
	}
	return v >= c.b && c.selfReport(v+1)
}

// relativeOfDeed reports whether an appositive holds "who" and a verb in
// the simple past ("who led", "who chaired", "who was aboard"), not a
// habit ("who trains", "who has taught") or a deed of an earlier year
// ("who won the title in 1987").
func (c clause) relativeOfDeed(ap [2]int) bool {
	for i := ap[0]; i+1 < ap[1]; i++ {
		if !strings.EqualFold(c.toks[i].Text, "who") {
			continue
		}
		if !isPastVerb(strings.ToLower(c.toks[i+1].Text)) {
			return false
		}
		for _, t := range c.toks[i:ap[1]] {
			if looksLikeYear(t.Text) {
				return false
			}
		}
		return true
	}
	return false
}

// isPastVerb recognises a verb in the simple past: a regular "-ed" form
// or a common irregular one. Speech verbs are no deeds.
func isPastVerb(w string) bool {
	if speechWords.HasString(w) {
		return false
	}
	return irregularPast.HasString(w) || len(w) > 4 && strings.HasSuffix(w, "ed")
}

var irregularPast = wordset.Of(map[string]bool{
	"was": true, "were": true, "led": true, "ran": true, "drove": true, "rode": true,
	"took": true, "gave": true, "made": true, "met": true, "held": true, "oversaw": true,
	"saw": true, "fought": true, "brought": true, "caught": true, "found": true,
	"spoke": true, "stood": true, "sat": true, "swam": true, "threw": true, "wore": true,
	"fled": true, "fell": true, "hit": true, "shot": true, "struck": true, "broke": true,
	"began": true, "came": true, "went": true, "got": true, "kept": true, "lost": true,
	"won": true, "flew": true, "dug": true, "built": true, "cut": true, "read": true,
	"sang": true, "spent": true, "sent": true, "lit": true,
})

// looksLikeYear accepts "1987", "2019", "1990s".
func looksLikeYear(s string) bool {
	s = strings.TrimSuffix(s, "s")
	if len(s) != 4 || !startsWithYear(s) {
		return false
	}
	y, _ := strconv.Atoi(s)
	return y >= 1000 && y <= 2200
}

// toldGathering reports whether what follows "told" at token i is the
// gathering itself ("told the crowd", "told marchers"), not the press.
func (c clause) toldGathering(i int) bool {
	for n := 0; i < len(c.toks) && n < 3; i, n = i+1, n+1 {
		w := strings.ToLower(c.toks[i].Text)
		if gatheringNouns.HasString(w) {
			return true
		}
		if !npWords[w] {
			return false
		}
	}
	return false
}

var gatheringNouns = wordset.Of(map[string]bool{
	"crowd": true, "crowds": true, "protesters": true, "demonstrators": true,
	"marchers": true, "rally": true, "supporters": true, "audience": true,
	"congregation": true, "worshippers": true, "mourners": true, "delegates": true,
	"participants": true, "gathering": true, "strikers": true, "workers": true,
	"students": true, "troops": true, "volunteers": true, "residents": true,
})

// selfReport reports whether what a speaker said, from token i on, is
// about their own part in the past: "said her crew had saved", "said he
// had lost money". A plan ("she would travel") is not.
func (c clause) selfReport(i int) bool {
	if i < len(c.toks) && strings.EqualFold(c.toks[i].Text, "that") {
		i++
	}
	if i >= len(c.toks) || !selfWords.HasString(strings.ToLower(c.toks[i].Text)) {
		return false
	}
	for n := 1; i+n < len(c.toks) && n <= 4; n++ {
		if planWords.HasString(strings.ToLower(c.toks[i+n].Text)) {
			return false
		}
	}
	return true
}

var selfWords = wordset.Of(map[string]bool{"he": true, "she": true, "his": true, "her": true})

// planWords put what follows in the future or in the conditional.
var planWords = wordset.Of(map[string]bool{
	"will": true, "would": true, "could": true, "might": true, "may": true,
	"should": true, "must": true, "plans": true, "hopes": true, "expects": true,
	"wants": true, "intends": true, "'ll": true,
})

// future reports whether the name's own verb puts them in the future:
// "X will visit", "X, the minister, is expected to arrive", "X plans to".
func (c clause) future() bool {
	if c.next >= len(c.toks) {
		return false
	}
	w := strings.ToLower(c.toks[c.next].Text)
	if planWords.HasString(w) {
		return true
	}
	if (w == "is" || w == "are") && c.next+1 < len(c.toks) {
		switch strings.ToLower(c.toks[c.next+1].Text) {
		case "expected", "scheduled", "due", "set", "going":
			return true
		}
	}
	return false
}

// commaBounds returns the code point span of the stretch of the sentence
// around the name that no comma interrupts.
func (c clause) commaBounds() (int, int) {
	lo, hi := 0, len(c.toks)-1
	for i := c.a - 1; i >= 0; i-- {
		if c.toks[i].Text == "," {
			lo = i + 1
			break
		}
	}
	for i := c.b; i < len(c.toks); i++ {
		if c.toks[i].Text == "," {
			hi = i - 1
			break
		}
	}
	if lo > hi {
		return 0, 0
	}
	return c.toks[lo].Start, c.toks[hi].End
}
