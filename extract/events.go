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
// builds the events of the document from the places whose role is in
// eventRoles:
//
//  1. Roles (Place.Role), by lexical rules, in this order: a role already
//     set is kept; the dateline's place is an "event"; a place in a
//     headline or boilerplate is a "headline"; one inside a direct
//     quotation a "mention"; the country or region of another place of
//     its sentence a "container"; a country or capital that acts, speaks
//     or owns ("Kyiv launched", "Russia's withdrawal") a "metonym"; a
//     modifier of an institution or "X-based" a "mention"; else the word
//     that governs it decides (see governor): "from" an "origin", "to"
//     and "bound for" a "destination", a locative preposition or an
//     event verb an "event" (unless its noun phrase hangs off "to",
//     names a seat or describes a person); an "event" whose clause has
//     a modal or a word of planning or delay is "planned", and one whose
//     nearest date is still to come or of an earlier year is "planned"
//     or "background".
//  2. One event for each such place, typed by the sentence's words
//     ([EventTypes]) and dated: the stated date nearest to the place;
//     else, in the body, the narrative's reference time (the last day
//     stated by an earlier body sentence); else the caption or dateline
//     date; else the publication date, with lower confidence.
//  3. The events of one place are merged into one (mergeEvents); each is
//     located (locateEvents); an unresolved place located by a town that
//     is an event place folds into it (mergeNearby); a region holding
//     another event place is its container (dropContainers); people are
//     attached (attachPeople).
func assembleEvents(res *Result, eventRoles map[string]bool) []Event {
	if len(res.Places) == 0 {
		return nil
	}
	quoted := quotedTokens(res.Tokens)
	dateline := datelinePlace(res)
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
					res.Places[p].Role = RoleHeadline
				}
			}
			continue
		}
		if len(places) > 0 {
			typ := eventType(res, si)
			var roles roleContext
			roles.init(res, si, places, quoted, typ, caption)
			// Each place's own date: the stated date nearest to it.
			placeDates := make([]struct {
				value string
				index int
			}, len(places))
			for k, p := range places {
				placeDates[k].value, placeDates[k].index = placeDate(res, dates, p, date, dateIndex)
			}
			for k, p := range places {
				if p == dateline {
					// The dateline names where the lead happened.
					res.Places[p].Role = RoleEvent
				}
				if res.Places[p].Role == "" {
					res.Places[p].Role = roles.role(p)
				}
				if pd := placeDates[k]; res.Places[p].Role == RoleEvent && pd.index >= 0 {
					res.Places[p].Role = roleByDate(res, pd.value)
				}
			}
			var inherited, source string
			weight := statedDateWeight
			switch {
			case dateIndex >= 0:
			case body && narrative != "":
				inherited, source, weight = narrative, sourceNarrative, narrativeDateWeight
			default:
				if dct == nil {
					dct = findDCTDate(res)
				}
				inherited, source, weight = dct.value, dct.source, dct.weight
			}
			for k, p := range places {
				role := res.Places[p].Role
				if !eventRoles[role] {
					continue
				}
				evDate, di, src := inherited, -1, source
				if dateIndex >= 0 {
					evDate, di, src = placeDates[k].value, placeDates[k].index, sourceSentence
				}
				events = append(events, Event{
					Sentence:   si,
					PlaceIndex: p,
					DateIndex:  di,
					Type:       typ,
					Role:       role,
					DateSource: src,
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
	locateEvents(res, events)
	events = dropContainers(res, mergeNearby(res, events))
	attachPeople(res, events)
	for i := range events {
		ev := &events[i]
		ev.DateStart, ev.DateEnd = timex.DayRange(ev.Date)
		// Text order, as a record's offsets are; a sentence that names
		// the place twice tells the event once.
		ev.Sentences = uniqueSorted(ev.Sentences)
		sort.Ints(ev.Places)
		ev.Mentions = len(ev.Sentences)
	}
	return events
}

// absorb adds the sentences and place mentions of ev, another telling of
// the same event, to e. assembleEvents puts them in text order and counts
// the mentions once all are merged.
func (e *Event) absorb(ev Event) {
	e.Sentences = append(e.Sentences, ev.Sentences...)
	e.Places = append(e.Places, ev.Places...)
}

// uniqueSorted sorts xs and drops repeats, in place.
func uniqueSorted(xs []int) []int {
	sort.Ints(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// roleByDate returns the role an event place takes from the date its
// sentence states: a date still to come is a plan; a date that ended
// before the publication year began is background ("shown in X last
// year", "found near X in 2021"), since news reports this year's
// happenings and recalls earlier ones.
func roleByDate(res *Result, date string) string {
	if res.Published.IsZero() {
		return RoleEvent
	}
	first, last, ok := timex.Interval(date)
	if !ok {
		return RoleEvent
	}
	pub := res.Published
	day := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case first.After(day):
		return RolePlanned
	case last.Before(time.Date(pub.Year(), 1, 1, 0, 0, 0, 0, time.UTC)) &&
		(last.Sub(first) > 300*24*time.Hour || day.Sub(last) > 62*24*time.Hour):
		// An earlier year ("in 2019", "last year") is background; a day
		// or month just before a January publication ("on Friday" read
		// as 29 December) is the news itself.
		return RoleBackground
	}
	return RoleEvent
}

// locateEvents sets each event's point: its own place when resolved,
// else the most specific area (second-level division, first-level,
// country) named in the same sentence, else in the one before, that is
// not an origin, destination, plan, background or headline ("bodies were
// found in Hrakove, in the Kharkiv region" → Kharkiv oblast, admin1), or
// a town named in the same sentence (nearby). Such a point is approximate:
// the event's confidence is half the stand-in's.
func locateEvents(res *Result, events []Event) {
	for i := range events {
		ev := &events[i]
		ev.PointIndex, ev.LocationPrecision = -1, ""
		if res.Places[ev.PlaceIndex].Resolved() {
			ev.PointIndex, ev.LocationPrecision = ev.PlaceIndex, PrecisionPlace
			continue
		}
		best, bestRank := -1, 0
		for _, si := range []int{ev.Sentence, ev.Sentence - 1} {
			// Places are in text order: those of sentence si are one run.
			for j := sort.Search(len(res.Places), func(j int) bool { return res.Places[j].Sentence >= si }); j < len(res.Places) && res.Places[j].Sentence == si; j++ {
				pl := res.Places[j]
				if !pl.Resolved() || !standsIn(pl.Role) {
					continue
				}
				r := precisionRank(pl.FeatureCode)
				if r == precisionRank("PPL") && si != ev.Sentence {
					// A town contains nothing: it stands in only when
					// named in the same sentence ("shook Goma after the
					// lava lake inside Mount Nyiragongo rose", "at Saqqara,
					// south of Cairo").
					continue
				}
				if r > bestRank {
					best, bestRank = j, r
				}
			}
			if best >= 0 {
				break
			}
		}
		if best < 0 {
			continue
		}
		ev.PointIndex, ev.LocationPrecision = best, precisionOf(res.Places[best].FeatureCode)
		ev.Confidence = res.Places[best].Score * dateWeight(ev.DateSource) * approximatePointWeight
	}
}

// mergeNearby folds an event at an unresolved place that is located by a
// town which is itself an event place of the article into that town's
// event ("opened at the Berlinische Galerie" in a BERLIN story): two
// records at one point would tell one happening twice.
func mergeNearby(res *Result, events []Event) []Event {
	at := map[string]int{}
	for i, ev := range events {
		if ev.LocationPrecision == PrecisionPlace {
			at[PlaceKey(res.Places[ev.PlaceIndex])] = i
		}
	}
	drop := map[int]bool{}
	for i, ev := range events {
		if ev.LocationPrecision != PrecisionNearby {
			continue
		}
		j, ok := at[PlaceKey(res.Places[ev.PointIndex])]
		if !ok {
			continue
		}
		events[j].absorb(ev)
		drop[i] = true
	}
	if len(drop) == 0 {
		return events
	}
	out := events[:0]
	for i, ev := range events {
		if !drop[i] {
			out = append(out, ev)
		}
	}
	return out
}

// dateWeight is the confidence multiplier of a date source.
func dateWeight(source string) float64 {
	switch source {
	case sourceSentence:
		return statedDateWeight
	case sourceNarrative:
		return narrativeDateWeight
	case "caption", "dateline":
		return datelineDateWeight
	case sourcePublished:
		return inheritedDateWeight
	}
	return unknownDateWeight
}

// approximatePointWeight scales the confidence of an event located by
// another place's point.
const approximatePointWeight = 0.5

// standsIn reports whether a place of a role may locate an unresolved
// event place named with it: not where people came from or went, nor a
// plan, history or headline.
func standsIn(role string) bool {
	switch role {
	case RoleOrigin, RoleDestination, RolePlanned, RoleBackground, RoleHeadline, RoleMetonym:
		return false
	}
	return true
}

// precisionOf maps a GeoNames feature code to a location precision.
func precisionOf(fc string) string {
	switch {
	case strings.HasPrefix(fc, "PCL"):
		return PrecisionCountry
	case fc == "ADM1":
		return PrecisionAdmin1
	case strings.HasPrefix(fc, "ADM"):
		return PrecisionAdmin2
	}
	return PrecisionNearby
}

// precisionRank orders feature codes from the least specific (1, a
// country) to the most (4, a town).
func precisionRank(fc string) int {
	switch precisionOf(fc) {
	case PrecisionCountry:
		return 1
	case PrecisionAdmin1:
		return 2
	case PrecisionAdmin2:
		return 3
	}
	return 4
}

// datelinePlace returns the index in res.Places of the article's
// dateline place ("KHARKIV, Ukraine — A drone struck …"): the first place
// of the first body sentence when only places, commas and abbreviations
// stand before a dash at its start; -1 when there is none.
func datelinePlace(res *Result) int {
	for si, s := range res.Sentences {
		if s.Kind != KindBody {
			continue
		}
		first := -1
		for i := range res.Places {
			if res.Places[i].Sentence == si {
				first = i
				break
			}
		}
		if first < 0 {
			return -1
		}
		for i := s.TokenStart; i < s.TokenEnd && i < s.TokenStart+maxDatelineTokens; i++ {
			t := res.Tokens[i]
			if isDash(t.Text) {
				if i > s.TokenStart && res.Places[first].Start < t.Start {
					return first
				}
				return -1
			}
			if t.Text != "," && !startsUpper(t.Text) {
				return -1
			}
		}
		return -1
	}
	return -1
}

// maxDatelineTokens bounds a dateline: "SAN JOSE DEL MONTE, Bulacan,
// Philippines (AP) —".
const maxDatelineTokens = 14

// dropContainers removes the events at a country or first-level region
// that holds another event place of the article ("tornadoes in Alabama"
// stays an event unless the article names an Alabama town where
// something happened): the most specific place is the event's place,
// and the region only locates it. Their places take the role
// [RoleContainer].
func dropContainers(res *Result, events []Event) []Event {
	if len(events) < 2 {
		return events
	}
	var held holdings
	locators := map[int64]bool{} // the points that stand in for unresolved event places
	perSentence := map[int]int{}
	for _, ev := range events {
		pl := res.Places[ev.PlaceIndex]
		held.add(pl)
		if !pl.Resolved() && ev.PointIndex >= 0 && res.Places[ev.PointIndex].Resolved() {
			locators[*res.Places[ev.PointIndex].GeoNameID] = true
		}
		perSentence[ev.Sentence]++
	}
	out := events[:0]
	for _, ev := range events {
		outer := res.Places[ev.PlaceIndex]
		// An unresolved place located by this area ("Hrakove, in the
		// Kharkiv region") is inside it too; an unresolved "X department"
		// holds the other event places of its sentence.
		locates := outer.Resolved() && precisionOf(outer.FeatureCode) != PrecisionNearby && locators[*outer.GeoNameID]
		if !held.holds(outer) && !locates && !(!outer.Resolved() && adminClassNoun(outer.Text) && perSentence[ev.Sentence] > 1) {
			out = append(out, ev)
			continue
		}
		for _, p := range ev.Places {
			res.Places[p].Role = RoleContainer
		}
	}
	return out
}

// adminClassNoun reports whether a place name ends in the word for an
// administrative area or an island ("Cauca department", "the island of
// X" is caught by the role rules): a name the gazetteer does not know
// that names the area around a more specific place of its sentence.
func adminClassNoun(name string) bool {
	f := strings.Fields(strings.ToLower(name))
	return len(f) > 1 && adminWords[f[len(f)-1]]
}

var adminWords = wordSet("department province region state county district oblast prefecture governorate island islands municipality")

// sentenceDate picks the sentence's stated date: the first one resolved to
// a day, else the first resolved at all; ("", -1) when none.
func sentenceDate(res *Result, dates []int) (string, int) {
	best := -1
	for _, d := range dates {
		v := res.Dates[d].Value
		if !statedDate(res, res.Dates[d]) {
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
	return dayOf(res.Dates[best].Value), best
}

// placeDate picks, among the stated dates of a sentence, the one nearest
// to place p: in "a painting was stolen in London on Monday, and police
// arrested a suspect in Dover two days later", London is Monday's and
// Dover two days later's. Ties go to the date after the place ("in X on
// Friday"). It returns the sentence's date (fallback, fallbackIndex)
// when no date qualifies.
func placeDate(res *Result, dates []int, p int, fallback string, fallbackIndex int) (string, int) {
	pl := res.Places[p]
	best, bestDist := -1, 0
	for _, d := range dates {
		dt := res.Dates[d]
		if !statedDate(res, dt) {
			continue
		}
		dist := dt.Start - pl.End // after the place
		if dt.End <= pl.Start {
			dist = pl.Start - dt.End + 1 // before it: a tie goes to the date after
		}
		if dist < 0 {
			dist = 0
		}
		if best < 0 || dist < bestDist {
			best, bestDist = d, dist
		}
	}
	if best < 0 {
		return fallback, fallbackIndex
	}
	return dayOf(res.Dates[best].Value), best
}

// statedDate reports whether a date of a sentence can date its events: a
// date or time with a year, not an end bound.
func statedDate(res *Result, d Date) bool {
	return (d.Type == "DATE" || d.Type == "TIME") && startsWithYear(d.Value) && !endBound(res, d)
}

// dayOf drops the time of day from a TIMEX3 value ("2022-09-14T15:00").
func dayOf(v string) string {
	if len(v) > dayLen && v[dayLen] == 'T' {
		return v[:dayLen]
	}
	return v
}

// endBound reports whether a date only bounds a happening from above
// ("closed until Monday", "had burned 3,000 hectares by Tuesday"): it
// says when something ends, not when it happened.
func endBound(res *Result, d Date) bool {
	i := sort.Search(len(res.Tokens), func(i int) bool { return res.Tokens[i].Start >= d.Start })
	if i == 0 || i > len(res.Tokens) {
		return false
	}
	switch strings.ToLower(res.Tokens[i-1].Text) {
	case "until", "till", "through", "by":
		return true
	}
	return false
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

// mergeEvents merges the events of one place into the first of them
// (the first of role "event" when other roles make events too),
// keeping text order: an article tells one happening at a place, or
// leads with the main one, and later sentences and captions add to it
// ("the storm hit X on Monday … in X, crews cleared roads on Tuesday").
// The merged event keeps the first mention's date and type, or the
// first stated date when the first mention only inherits the article's.
func mergeEvents(res *Result, events []Event) []Event {
	if len(events) < 2 {
		return events
	}
	first := make(map[string]int, len(events))
	out := events[:0]
	for _, ev := range events {
		key := PlaceKey(res.Places[ev.PlaceIndex])
		i, ok := first[key]
		if !ok {
			first[key] = len(out)
			out = append(out, ev)
			continue
		}
		m := &out[i]
		if m.Role != RoleEvent && ev.Role == RoleEvent {
			// Where something happened wins over where it was planned
			// or only passed through: the event's own mention leads.
			m.Sentence, m.PlaceIndex, m.DateIndex, m.Type, m.Role = ev.Sentence, ev.PlaceIndex, ev.DateIndex, ev.Type, ev.Role
			m.Date, m.DateSource = ev.Date, ev.DateSource
		}
		m.absorb(ev)
		if ev.Confidence > m.Confidence {
			m.Confidence = ev.Confidence
		}
		if m.DateIndex < 0 && ev.DateIndex >= 0 && m.DateSource != sourceNarrative {
			// Prefer the mention that states the date to one that
			// inherits the article's.
			m.Date, m.DateIndex, m.DateSource = ev.Date, ev.DateIndex, ev.DateSource
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
	placeTok  []bool       // token tokStart+k lies inside a place mention
	personEnd map[int]bool // tokens that end a PERSON mention of the sentence
	held      holdings     // the countries and regions of the sentence's places
}

func (c *roleContext) init(res *Result, si int, places []int, quoted []bool, typ string, caption bool) {
	s := res.Sentences[si]
	*c = roleContext{res: res, si: si, places: places, quoted: quoted, caption: caption,
		trigger: typ != TypeOther && typ != TypeStatement, tokStart: s.TokenStart, tokEnd: s.TokenEnd}
	toks := res.Tokens[c.tokStart:c.tokEnd]
	c.placeTok = make([]bool, len(toks))
	c.personEnd = map[int]bool{}
	// Entities are in text order: those of sentence si are one run.
	for k := sort.Search(len(res.Entities), func(k int) bool { return res.Entities[k].Sentence >= si }); k < len(res.Entities) && res.Entities[k].Sentence == si; k++ {
		if e := res.Entities[k]; e.Label == Person {
			c.personEnd[e.TokenEnd-1] = true
		}
	}
	for _, p := range places {
		pl := res.Places[p]
		// Tokens are sorted and do not overlap: those inside [Start, End]
		// follow the first that starts at or after Start.
		for k := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= pl.Start }); k < len(toks) && toks[k].Start <= pl.End; k++ {
			if toks[k].End <= pl.End {
				c.placeTok[k] = true
			}
		}
		c.held.add(pl)
	}
}

// holdings records the countries and first-level regions that hold a set
// of places, so that whether a country or region is the container of one
// of them is a lookup rather than a scan of the set.
type holdings struct {
	countries map[string]bool // countries of the resolved places below country level
	admin1s   map[string]bool // country+admin1 of the resolved places below ADM1
}

func (h *holdings) add(pl Place) {
	if !pl.Resolved() || strings.HasPrefix(pl.FeatureCode, "PCL") {
		return
	}
	if h.countries == nil {
		h.countries, h.admin1s = map[string]bool{}, map[string]bool{}
	}
	h.countries[pl.CountryCode] = true
	if pl.FeatureCode != "ADM1" {
		h.admin1s[pl.CountryCode+"\x00"+pl.Admin1] = true
	}
}

// holds reports whether outer, a country or first-level region, holds
// one of the places added.
func (h holdings) holds(outer Place) bool {
	switch {
	case !outer.Resolved():
		return false
	case strings.HasPrefix(outer.FeatureCode, "PCL"):
		return h.countries[outer.CountryCode]
	case outer.FeatureCode == "ADM1":
		return h.admin1s[outer.CountryCode+"\x00"+outer.Admin1]
	}
	return false
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
	if c.held.holds(c.res.Places[p]) { // the country or region of another place of the sentence
		return RoleContainer
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
	if c.basedAfter(p, a, b) {
		return RoleMention // "Campinas-based", "a Lima based company": a seat
	}
	role := c.governor(a)
	if (role == RoleEvent || role == RoleDestination) && c.planned(a, b) {
		return RolePlanned
	}
	return role
}

// governor walks left from the place over its noun phrase ("the recently
// liberated city of", "the towns of X and") to the word that governs it,
// and returns the role that word gives. A locative preposition makes an
// event unless its noun phrase is itself the object of a preposition of
// movement ("flown to a hospital in X" is a destination, "crews from an
// airbase in X" an origin) or names a seat ("an analyst in X", "a fund
// based in X").
func (c *roleContext) governor(a int) string {
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
		case isMovementPrep(w):
			if r, ok := c.movement(i); ok {
				return r
			}
		case locativeWords[w]:
			if seatNouns[c.word(i-1)] || c.inAppositive(i) {
				return RoleMention
			}
			// The noun phrase before the preposition, and what governs it.
			// Through a noun phrase only "to" and "for" count: "stole a
			// painting from a gallery in X" happened in X.
			// A determiner opens the noun phrase: "to leave their homes in
			// X" is governed by "leave", not by "to".
			j := i - 1
			for k := 0; k < 4 && j > c.tokStart && !isMovementPrep(c.word(j)); k++ {
				w := c.word(j)
				if determiners[w] {
					j--
					break
				}
				if !npWords[w] && !isLowerWord(c.res.Tokens[j].Text) {
					break
				}
				j--
			}
			if isMovementPrep(c.word(j)) && (j == i-1 || c.word(j) != "from") {
				if r, ok := c.movement(j); ok {
					return r
				}
			}
			return RoleEvent
		case c.inPlace(i) || npWords[w] || w == "," || evPossessive(w) || placeClassNouns[w] || partNouns[w] || isModifier(w):
			continue
		}
		break
	}
	if c.trigger || c.caption {
		return RoleEvent
	}
	return RoleMention
}

// inAppositive reports whether token i lies in an appositive that
// describes a person ("Tomoko Arai, an analyst at a brokerage in X", "X,
// who lives in Y"): where someone works or lives is not where the story
// happened.
func (c *roleContext) inAppositive(i int) bool {
	for j, n := i-1, 0; j > c.tokStart && n < maxRoleScan; j, n = j-1, n+1 {
		w := c.word(j)
		if (w == "a" || w == "an" || w == "the") && c.word(j-1) == "," && c.personEnd[j-2] {
			return true
		}
		// "Blake, who trains in Orlando": a habit of the person, in the
		// present simple, not the story's happening.
		if w == "who" && c.word(j-1) == "," && c.personEnd[j-2] && habitualVerb(c.word(j+1)) {
			return true
		}
		if w == "," || clauseEnds[w] {
			return false
		}
	}
	return false
}

// habitualVerb reports whether w looks like a verb in the present simple
// third person ("trains", "lives", "works"), not an auxiliary.
func habitualVerb(w string) bool {
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !metonymAuxWords[w] && w != "was"
}

func isMovementPrep(w string) bool {
	return w == "from" || w == "to" || w == "toward" || w == "towards" || w == "for"
}

// movement gives the role of a place governed by the preposition at token
// i: "from" an origin ("30 km from X" a reference point), "to" and
// "toward" a destination ("a visit to X", "traveled to X" a visit; "close
// to X", "in reference to X" a mention), "for" a destination after
// "bound", "headed", "left", … ok is false when the preposition says
// nothing here ("for" elsewhere).
func (c *roleContext) movement(i int) (string, bool) {
	w, prev := c.word(i), c.word(i-1)
	switch w {
	case "from":
		if distanceWords[prev] {
			return RoleMention, true
		}
		return RoleOrigin, true
	case "to", "toward", "towards":
		if visitWords[prev] {
			return RoleEvent, true
		}
		if distanceWords[prev] || referenceWords[prev] {
			return RoleMention, true
		}
		return RoleDestination, true
	case "for":
		if departureWords[prev] {
			return RoleDestination, true
		}
	}
	return "", false
}

// basedAfter reports whether place p, tokens [a, b), is followed by
// "-based" or "based" ("a Lima-based firm"), in a token of its own or in
// its last token ("Campinas-based" is one token).
func (c *roleContext) basedAfter(p, a, b int) bool {
	if a < b && strings.HasSuffix(c.word(b-1), "-based") && c.res.Tokens[b-1].End > c.res.Places[p].End {
		return true
	}
	w := c.word(b)
	if w == "based" || strings.HasPrefix(w, "-based") {
		return true
	}
	return (w == "-" || w == "‑") && c.word(b+1) == "based"
}

// planned reports whether the clause of the place [a, b) speaks of
// something still to come or only possible: a modal or a verb of
// planning before it in its clause ("will visit X", "is expected to
// reach X", "said it would open offices in X"), or a word of delay after
// it ("in X, a march planned for Tuesday was postponed").
func (c *roleContext) planned(a, b int) bool {
	for i, n := a-1, 0; i >= c.tokStart && n < maxPlanScan; i, n = i-1, n+1 {
		t := c.res.Tokens[i].Text
		w := c.word(i)
		if clauseEnds[w] {
			break
		}
		if w == "," && (clauseJoins[c.word(i+1)]) {
			break
		}
		if futureWords[w] && (w != "may" || t == "may") {
			return true
		}
		if beFuture[w] && beWords[c.word(i-1)] {
			return true
		}
		if w == "to" && c.word(i-1) == "going" {
			return true
		}
	}
	for i, n := b, 0; i < c.tokEnd && n < maxPlanScan; i, n = i+1, n+1 {
		w := c.word(i)
		if clauseEnds[w] || w == "," && i > b {
			break // a comma right after the place ends a fronted phrase, not the clause
		}
		if delayWords[w] {
			return true
		}
	}
	return false
}

func isLowerWord(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r == '-') {
			return false
		}
	}
	return true
}

const maxPlanScan = 20 // tokens scanned either side of a place for modality

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
	relationalNouns  = wordSet("suburb suburbs north south east west northeast northwest southeast southwest northeastern northwestern southeastern southwestern tip coast shore shores residents mayor governor government administration authorities police officials council minister ministry president parliament people leaders embassy")
	npWords          = wordSet("the a an this that these those its their his her and or both nearby")
	placeClassNouns  = wordSet("city cities town towns village villages region regions province provinces district districts port capital area areas settlement settlements oblast county state island islands municipality neighborhood neighbourhood")
	modifierWords    = wordSet("key small large nearby frontline front-line strategic important besieged embattled central")
	institutionWords = wordSet("prosecutor prosecutors police officials official authorities authority governor mayor council government court office ministry administration")
	metonymAuxWords  = wordSet("is was has have had will would could may might must should did does can")
	seatNouns        = wordSet("analyst analysts researcher researchers professor professors expert experts economist economists seismologist meteorologist scientist scientists correspondent spokesman spokeswoman office offices institute bureau service foundation fund company firm bank university tank agency headquarters observatory embassy consulate based headquartered registered retailer retailers buyers")
	distanceWords    = wordSet("km kilometers kilometres miles meters metres away far mi")
	visitWords       = wordSet("visit visits visited trip trips travel travels traveled travelled traveling travelling went go goes going came come comes journey pilgrimage tour tours toured")
	determiners      = wordSet("the a an this that these those its their his her our")
	partNouns        = wordSet("outskirts outskirt edge center centre heart middle streets downtown part parts areas sections swathes")
	referenceWords   = wordSet("close next near reference references referring similar compared comparable nearest")
	departureWords   = wordSet("bound headed heading left leaving departed sailed destined flights flight")
	clauseEnds       = wordSet("; : — – . ?")
	clauseJoins      = wordSet("and but while whereas")
	futureWords      = wordSet("will 'll wo shall would could might may plans plan planned planning intends intend aims hopes forecast forecasts predicted postpone postponed")
	beFuture         = wordSet("due set expected scheduled slated poised likely supposed")
	beWords          = wordSet("is are was were be been being 's 're")
	delayWords       = wordSet("postponed delayed canceled cancelled planned rescheduled")
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
