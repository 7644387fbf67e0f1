package extract

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/geoparse/geoparse/extract/timex"
)

// Confidence multipliers for an event's date, by where the date came from
// (Event.DateSource).
const (
	statedDateWeight    = 1.0 // "sentence": the sentence states it
	narrativeDateWeight = 0.9 // "narrative": the last day the body stated before
	datelineDateWeight  = 0.8 // "caption", "dateline": the article's own date line
	inheritedDateWeight = 0.7 // "published": the publication date stands in
	unknownDateWeight   = 0.7 // no date at all
	maxRoleScan         = 12  // tokens scanned left of a place for its preposition
	dayLen              = 10  // len("2006-01-02")
	sourceSentence      = "sentence"
	sourceNarrative     = "narrative"
	sourcePublished     = "published"
)

// assembleEvents gives every place of the body and captions its role and
// builds the events of the document:
//
//  1. Roles (Place.Role), by lexical rules, in this order: a role already
//     set by place resolution is kept; a place in a headline, inside a
//     direct quotation, or that only locates another place of its
//     sentence (the country and region of "Izium, Kharkiv region,
//     Ukraine") is a "mention"; a country or capital followed by a
//     possessive or by a verb of acting or saying ("Russia's withdrawal",
//     "Kyiv launched") is a "metonym"; a place used as a modifier of an
//     institution ("the Kharkiv prosecutor's office") or after a
//     relational noun ("a suburb of Kyiv", "north of Kyiv") or a word of
//     comparison ("such as", "like", "against") is a "mention"; a place
//     governed by a locative preposition ("in", "at", "to", "near",
//     "from", … also across "the towns of", "the recently liberated city
//     of") or by a trigger verb ("visited Lyon") is an "event"; else the
//     place is an "event" when the sentence has an event trigger (see
//     [EventTypes]) or is a photo caption, and a "mention" otherwise.
//  2. One event for each "event" place, typed by the sentence's words
//     ([EventTypes]) and dated: the day the sentence states; else, in the
//     body, the narrative's reference time (the last day stated by an
//     earlier body sentence); else the caption or dateline date; else the
//     publication date, with lower confidence.
//  3. Events of the same place, date, type and role, stated in the body and
//     again in captions, are merged into one, with a Mentions count and
//     all their sentences.
func assembleEvents(res *Result) []Event {
	if len(res.Places) == 0 {
		return nil
	}
	quoted := quotedTokens(res.Tokens)
	var (
		events    []Event
		narrative string // last day stated in the body
		dct       *dctDate
	)
	pi, di := 0, 0
	for si, s := range res.Sentences {
		var places, dates []int
		for ; pi < len(res.Places) && res.Places[pi].Sentence <= si; pi++ {
			if res.Places[pi].Sentence == si {
				places = append(places, pi)
			}
		}
		for ; di < len(res.Dates) && res.Dates[di].Sentence <= si; di++ {
			if res.Dates[di].Sentence == si {
				dates = append(dates, di)
			}
		}
		body, caption := s.Kind == KindBody, s.Kind == KindCaption
		date, dateIndex := sentenceDate(res, dates)
		if !body && !caption {
			for _, p := range places {
				if res.Places[p].Role == "" {
					res.Places[p].Role = RoleMention
				}
			}
			continue
		}
		if len(places) > 0 {
			typ := eventType(res, si)
			var roles roleContext
			roles.init(res, si, places, quoted, typ, caption)
			for _, p := range places {
				if res.Places[p].Role == "" {
					res.Places[p].Role = roles.role(p)
				}
			}
			evDate, source, weight := date, sourceSentence, statedDateWeight
			switch {
			case dateIndex >= 0:
			case body && narrative != "":
				evDate, source, weight = narrative, sourceNarrative, narrativeDateWeight
			default:
				if dct == nil {
					dct = findDCTDate(res)
				}
				evDate, source, weight = dct.value, dct.source, dct.weight
			}
			for _, p := range places {
				if res.Places[p].Role != RoleEvent {
					continue
				}
				events = append(events, Event{
					Sentence:   si,
					PlaceIndex: p,
					DateIndex:  dateIndex,
					Type:       typ,
					Role:       RoleEvent,
					DateSource: source,
					Date:       evDate,
					Confidence: res.Places[p].Score * weight,
					Mentions:   1,
					Sentences:  []int{si},
					Places:     []int{p},
				})
			}
		}
		// A day still to come ("closed until Monday") is a plan, not where
		// the story stands: it does not date the sentences after it.
		if body && dateIndex >= 0 && isDayValue(date) && !afterPublication(res, date) {
			narrative = date
		}
	}
	events = mergeEvents(res, events)
	attachPeople(res, events)
	for i := range events {
		events[i].DateStart, events[i].DateEnd = dateInterval(events[i].Date)
	}
	return events
}

// dateInterval returns the first and last day of a TIMEX3 date value, or
// two empty strings.
func dateInterval(v string) (string, string) {
	first, last, ok := timex.Interval(v)
	if !ok {
		return "", ""
	}
	return first.Format(time.DateOnly), last.Format(time.DateOnly)
}

// sentenceDate picks the sentence's stated date: the first one resolved to
// a day, else the first resolved at all; ("", -1) when none.
func sentenceDate(res *Result, dates []int) (string, int) {
	best := -1
	for _, d := range dates {
		v := res.Dates[d].Value
		if res.Dates[d].Type != "DATE" && res.Dates[d].Type != "TIME" || !startsWithYear(v) {
			continue
		}
		if isDayValue(v) {
			best = d
			break
		}
		if best < 0 {
			best = d
		}
	}
	if best < 0 {
		return "", -1
	}
	v := res.Dates[best].Value
	if len(v) > dayLen && v[dayLen] == 'T' {
		v = v[:dayLen]
	}
	return v, best
}

// isDayValue reports whether a TIMEX3 value names a day (or a time of one).
func isDayValue(v string) bool {
	return len(v) >= dayLen && startsWithYear(v) && v[4] == '-' && v[7] == '-' && (len(v) == dayLen || v[dayLen] == 'T')
}

type dctDate struct {
	value, source string
	weight        float64
}

// findDCTDate returns the date events inherit when neither their sentence
// nor the narrative gives one: the caption or dateline date of the
// article, else its publication date.
func findDCTDate(res *Result) *dctDate {
	switch res.PublishedSource {
	case "caption", "dateline":
		return &dctDate{res.Published.Format(time.DateOnly), res.PublishedSource, datelineDateWeight}
	}
	if t, src, ok := timex.FindDCT(res.Document.Text); ok && src != "" {
		return &dctDate{t.Format(time.DateOnly), src, datelineDateWeight}
	}
	if !res.Published.IsZero() {
		return &dctDate{res.Published.Format(time.DateOnly), sourcePublished, inheritedDateWeight}
	}
	return &dctDate{"", "", unknownDateWeight}
}

// mergeEvents merges events of the same place, date, type and role into
// the first of them, keeping text order.
func mergeEvents(res *Result, events []Event) []Event {
	if len(events) < 2 {
		return events
	}
	first := make(map[string]int, len(events))
	out := events[:0]
	for _, ev := range events {
		key := PlaceKey(res.Places[ev.PlaceIndex]) + "\x00" + ev.Date + "\x00" + ev.Type + "\x00" + ev.Role
		i, ok := first[key]
		if !ok {
			first[key] = len(out)
			out = append(out, ev)
			continue
		}
		m := &out[i]
		m.Mentions += ev.Mentions
		m.Sentences = append(m.Sentences, ev.Sentences...)
		m.Places = append(m.Places, ev.Places...)
		if ev.Confidence > m.Confidence {
			m.Confidence = ev.Confidence
		}
		if m.DateIndex < 0 && ev.DateIndex >= 0 {
			// Prefer the mention that states the date.
			m.DateIndex, m.DateSource = ev.DateIndex, ev.DateSource
		}
	}
	return out
}

// PlaceKey identifies a place for merging and record ids: its GeoNames id
// when resolved, else its text, case-folded.
func PlaceKey(p Place) string {
	if p.GeoNameID != nil {
		return "geonames:" + strconv.FormatInt(*p.GeoNameID, 10)
	}
	return "text:" + strings.ToLower(strings.Join(strings.Fields(p.Text), " "))
}

// quotedTokens marks the tokens inside direct quotations. Quotes are
// paired within a paragraph: a line break closes an open quotation.
func quotedTokens(toks []Token) []bool {
	in := make([]bool, len(toks))
	open := false
	for i, t := range toks {
		if t.NewlineBefore {
			open = false
		}
		switch t.Text {
		case "“", "«":
			open = true
			continue
		case "”", "»":
			open = false
			continue
		case `"`, "``", "''":
			open = !open
			continue
		}
		in[i] = open
	}
	return in
}

// roleContext holds what the role rules need about one sentence.
type roleContext struct {
	res      *Result
	si       int
	places   []int
	quoted   []bool
	trigger  bool // the sentence has an event trigger other than a statement
	caption  bool
	tokStart int
	tokEnd   int
	// Precomputed per sentence so that each rule is a lookup, not a scan
	// of the sentence's places: a sentence that is a long list of places
	// (one 1 MB run of "Paris, Lyon, ...") would otherwise cost places²
	// (role walks maxRoleScan tokens left of each place, and each token
	// was checked against every place).
	placeTok   []bool          // token tokStart+k lies inside a place mention
	locCountry map[string]bool // countries of the resolved non-country places
	locAdmin1  map[string]bool // country+admin1 of the resolved places below ADM1
}

func (c *roleContext) init(res *Result, si int, places []int, quoted []bool, typ string, caption bool) {
	s := res.Sentences[si]
	*c = roleContext{res: res, si: si, places: places, quoted: quoted, caption: caption,
		trigger: typ != TypeOther && typ != TypeStatement, tokStart: s.TokenStart, tokEnd: s.TokenEnd}
	toks := res.Tokens[c.tokStart:c.tokEnd]
	c.placeTok = make([]bool, len(toks))
	c.locCountry = map[string]bool{}
	c.locAdmin1 = map[string]bool{}
	for _, p := range places {
		pl := res.Places[p]
		// Tokens are sorted and do not overlap: those inside [Start, End]
		// follow the first that starts at or after Start.
		for k := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= pl.Start }); k < len(toks) && toks[k].Start <= pl.End; k++ {
			if toks[k].End <= pl.End {
				c.placeTok[k] = true
			}
		}
		if !pl.Resolved() || strings.HasPrefix(pl.FeatureCode, "PCL") {
			continue
		}
		c.locCountry[pl.CountryCode] = true
		if pl.FeatureCode != "ADM1" {
			c.locAdmin1[pl.CountryCode+"\x00"+pl.Admin1] = true
		}
	}
}

// tokenSpan returns the token span [a, b) of place p, clamped to its
// sentence; a == b when it has no tokens.
func (c *roleContext) tokenSpan(p int) (int, int) {
	pl := c.res.Places[p]
	toks := c.res.Tokens[c.tokStart:c.tokEnd]
	a := sort.Search(len(toks), func(i int) bool { return toks[i].End > pl.Start })
	b := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= pl.End })
	if b < a {
		b = a
	}
	return c.tokStart + a, c.tokStart + b
}

// inPlace reports whether token i belongs to a place mention of the
// sentence.
func (c *roleContext) inPlace(i int) bool {
	return i >= c.tokStart && i < c.tokEnd && c.placeTok[i-c.tokStart]
}

func (c *roleContext) word(i int) string {
	if i < c.tokStart || i >= c.tokEnd {
		return ""
	}
	return strings.ToLower(c.res.Tokens[i].Text)
}

func (c *roleContext) role(p int) string {
	a, b := c.tokenSpan(p)
	if a < b && a < len(c.quoted) && c.quoted[a] {
		return RoleMention
	}
	if c.locatesAnother(p) {
		return RoleMention
	}
	next := c.word(b)
	if isPolity(c.res.Places[p]) && !locativeWords[c.word(a-1)] {
		after := next
		if metonymAuxWords[after] {
			after = c.word(b + 1)
			if after == "also" || after == "not" || after == "already" {
				after = c.word(b + 2)
			}
		}
		if evPossessive(next) || metonymAuxWords[next] || metonymActs[after] {
			return RoleMetonym
		}
	}
	if institutionWords[next] || evPossessive(next) && institutionWords[c.word(b+1)] {
		return RoleMention
	}
	// Walk left over the noun phrase ("the recently liberated city of",
	// "the towns of X and") to the word that governs it.
	for i, n := a-1, 0; i >= c.tokStart && n < maxRoleScan; i, n = i-1, n+1 {
		w := c.word(i)
		if tr, ok := triggerWords.GetString(w); ok && tr.verb && tr.typ != TypeStatement {
			return RoleEvent
		}
		switch {
		case w == "of":
			if relationalNouns[c.word(i-1)] {
				return RoleMention
			}
			continue
		case comparisonWords[w]:
			return RoleMention
		case locativeWords[w]:
			return RoleEvent
		case c.inPlace(i) || npWords[w] || w == "," || evPossessive(w) || placeClassNouns[w] || isModifier(w):
			continue
		}
		break
	}
	if c.trigger || c.caption {
		return RoleEvent
	}
	return RoleMention
}

// isPolity reports whether a place can stand for a government: a country
// or a capital.
func isPolity(p Place) bool {
	return p.Resolved() && (strings.HasPrefix(p.FeatureCode, "PCL") || p.FeatureCode == "PPLC")
}

func evPossessive(w string) bool { return w == "'s" || w == "’s" || w == "'" || w == "’" }

// isModifier accepts the adjectives and adverbs of a place's noun phrase
// ("recently liberated", "northern", "freed").
func isModifier(w string) bool {
	if modifierWords[w] {
		return true
	}
	if len(w) < 4 || strings.ToLower(w) != w {
		return false
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ern")
}

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var (
	locativeWords    = wordSet("in at to into near outside inside around across throughout through from toward towards on over within via onto reached entered")
	comparisonWords  = wordSet("as like against versus vs. than unlike including")
	relationalNouns  = wordSet("suburb suburbs outskirts north south east west northeast northwest southeast southwest northeastern northwestern southeastern southwestern center centre edge part parts residents mayor governor")
	npWords          = wordSet("the a an this that these those its their his her and or both nearby")
	placeClassNouns  = wordSet("city cities town towns village villages region regions province provinces district districts port capital area areas settlement settlements oblast county state island islands municipality neighborhood neighbourhood")
	modifierWords    = wordSet("key small large nearby frontline front-line strategic important besieged embattled central")
	institutionWords = wordSet("prosecutor prosecutors police officials official authorities authority governor mayor council government court office ministry administration")
	metonymAuxWords  = wordSet("is was has have had will would could may might must should did does can")
	metonymActs      = wordSet("said says say announced announces warned warns launched launches accused accuses denied denies claimed claims threatened demanded rejected insisted agreed vowed urged called responded retaliated imposed condemned blamed signed ordered sent deployed invaded attacked pledged promised approved refused confirmed declared wants plans left withdrew withdraws annexed pushed recognized recognised protested summoned")
)

func startsWithYear(v string) bool {
	if len(v) < 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

// locatesAnother reports whether place p is the country or first-level
// region of another place of the sentence.
func (c *roleContext) locatesAnother(p int) bool {
	outer := c.res.Places[p]
	switch {
	case strings.HasPrefix(outer.FeatureCode, "PCL"):
		return c.locCountry[outer.CountryCode]
	case outer.FeatureCode == "ADM1":
		return c.locAdmin1[outer.CountryCode+"\x00"+outer.Admin1]
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// afterPublication reports whether day (YYYY-MM-DD) falls after the
// publication date; false when that is unknown.
func afterPublication(res *Result, day string) bool {
	return !res.Published.IsZero() && day > res.Published.Format("2006-01-02")
}
